// The token form's API methods: all, a preset, or a searchable checked list.
import { useId, useState } from 'preact/hooks';
import { useConsole } from './context.js';
import { filterMethods } from './format.js';

export type MethodMode = 'all' | 'preset' | 'custom';

export function MethodPicker(props: {
  mode: MethodMode;
  onMode(mode: MethodMode): void;
  preset: string;
  onPreset(key: string): void;
  checked: Set<string>;
  onChecked(checked: Set<string>): void;
}) {
  const { setup } = useConsole();
  const [search, setSearch] = useState('');
  const [onlyChecked, setOnlyChecked] = useState(false);
  const ids = { preset: useId(), search: useId(), only: useId(), count: useId() };
  const shown = filterMethods(setup.apiMethods, search, props.checked, onlyChecked);
  const toggle = (method: string) => {
    const next = new Set(props.checked);
    if (!next.delete(method)) next.add(method);
    props.onChecked(next);
  };
  const presetDescription = setup.apiMethodSets.find((s) => s.key === props.preset)?.description;
  return (
    <fieldset>
      <legend>API methods</legend>
      <div class="radios">
        {(
          [
            ['all', 'All methods'],
            ['preset', 'A preset'],
            ['custom', 'Chosen methods'],
          ] as const
        ).map(([mode, label]) => (
          <label key={mode}>
            <input type="radio" name="method-mode" value={mode} checked={props.mode === mode} onChange={() => props.onMode(mode)} /> {label}
          </label>
        ))}
      </div>
      {props.mode === 'preset' && (
        <div class="field">
          <label for={ids.preset}>Preset</label>
          <select id={ids.preset} value={props.preset} aria-describedby={`${ids.preset}-hint`} onChange={(e) => props.onPreset(e.currentTarget.value)}>
            {setup.apiMethodSets.map((s) => (
              <option key={s.key} value={s.key}>
                {s.name}
              </option>
            ))}
          </select>
          <p class="hint" id={`${ids.preset}-hint`}>
            {presetDescription}
          </p>
        </div>
      )}
      {props.mode === 'custom' && (
        <div class="method-list">
          <div class="row-builder">
            <div class="field">
              <label for={ids.search}>Search methods</label>
              <input id={ids.search} type="search" value={search} aria-controls={ids.count} onInput={(e) => setSearch(e.currentTarget.value)} />
            </div>
            <label class="inline">
              <input type="checkbox" checked={onlyChecked} onChange={(e) => setOnlyChecked(e.currentTarget.checked)} /> Only checked
            </label>
          </div>
          <p class="hint" id={ids.count} aria-live="polite">
            {props.checked.size} of {setup.apiMethods.length} methods checked; {shown.length} shown.
          </p>
          <ul class="checks">
            {shown.map((method) => (
              <li key={method}>
                <label>
                  <input type="checkbox" checked={props.checked.has(method)} onChange={() => toggle(method)} /> <code>{method}</code>
                </label>
              </li>
            ))}
          </ul>
        </div>
      )}
    </fieldset>
  );
}
