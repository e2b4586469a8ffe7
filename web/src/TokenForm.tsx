// The create and edit form: kind, name, description, expiry, permission rows, API methods, IP allow-list.
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import { messageOf, request } from './api.js';
import { useConsole, type Token } from './context.js';
import { expiryBounds, expiryFromDate, filterMethods, grantKey, grantLabel, utcDate, type GrantView } from './format.js';
import type { ScopeGrantInput, TokenKind } from './gql/graphql.js';
import { CreateTokenMutation, DevicesQuery, UpdateTokenMutation } from './operations.js';
import { ErrorText, FormActions, PasswordField } from './ui.js';

type MethodMode = 'all' | 'preset' | 'custom';

export interface FormResult {
  secret?: string;
  token: Token;
}

interface Props {
  /** Editing this token; creating a new one when absent. */
  token?: Token;
  /** Creating a PROJECT token of this project. */
  project?: { id: string; name: string };
  onDone(result: FormResult): void;
  onCancel(): void;
}

export function TokenForm({ token, project, onDone, onCancel }: Props) {
  const { me, setup } = useConsole();
  const bounds = useMemo(() => expiryBounds(setup.tokenPolicy), [setup.tokenPolicy]);
  const customAllowed = !setup.tokenPolicy.customTokensAdminOnly || me.role === 'ADMIN';
  const [kind, setKind] = useState<TokenKind>(token?.kind ?? (project ? 'PROJECT' : customAllowed ? 'CUSTOM' : 'USER'));
  const [name, setName] = useState(token?.name ?? '');
  const [description, setDescription] = useState(token?.description ?? '');
  const initialDate = token ? (token.expiresAt ? utcDate(new Date(token.expiresAt).getTime()) : '') : bounds.default;
  const [expiryDate, setExpiryDate] = useState(initialDate);
  const [grants, setGrants] = useState<GrantView[]>(token?.grants ?? []);
  const [methodMode, setMethodMode] = useState<MethodMode>(token?.apiMethodSet ? 'preset' : token?.apiMethods?.length ? 'custom' : 'all');
  const [preset, setPreset] = useState(token?.apiMethodSet ?? setup.apiMethodSets[0]?.key ?? '');
  const [checked, setChecked] = useState<Set<string>>(new Set(token?.apiMethods ?? []));
  const [cidrs, setCidrs] = useState((token?.allowedCidrs ?? []).join('\n'));
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const ids = { kind: useId(), name: useId(), description: useId(), expiry: useId(), cidrs: useId() };
  const tokenProject = project ?? (token?.kind === 'PROJECT' ? token.project ?? undefined : undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    if (kind !== 'USER' && grants.length === 0) return setError('Add at least one permission row.');
    if (methodMode === 'custom' && checked.size === 0) return setError('Check at least one API method, or allow all methods.');
    const grantInputs: ScopeGrantInput[] = grants.map(({ entity, action, projectId, deviceId }) => ({ entity, action, projectId: projectId ?? null, deviceId: deviceId ?? null }));
    const methods =
      methodMode === 'preset'
        ? { apiMethodSet: preset, apiMethods: null }
        : methodMode === 'custom'
          ? { apiMethodSet: null, apiMethods: setup.apiMethods.filter((m) => checked.has(m)) }
          : { apiMethodSet: null, apiMethods: null };
    const allowedCidrs = cidrs.split(/[\s,]+/).filter(Boolean);
    setBusy(true);
    try {
      if (token) {
        const expiryChanged = expiryDate !== initialDate;
        const data = await request(UpdateTokenMutation, {
          id: token.id,
          password,
          input: {
            name,
            description: description || null,
            ...(expiryChanged ? { expiresAt: expiryDate ? expiryFromDate(expiryDate) : null } : {}),
            ...(kind === 'USER' ? {} : { grants: grantInputs }),
            ...methods,
            allowedCidrs,
          },
        });
        onDone({ token: data.updateToken });
      } else {
        const data = await request(CreateTokenMutation, {
          password,
          input: {
            kind,
            name,
            description: description || null,
            projectId: kind === 'PROJECT' ? tokenProject?.id : null,
            // The field starts at the policy's default; emptied (where the policy allows), no expiry.
            expiresAt: expiryDate ? expiryFromDate(expiryDate) : null,
            grants: kind === 'USER' ? null : grantInputs,
            ...(methodMode === 'all' ? {} : methods),
            allowedCidrs: allowedCidrs.length ? allowedCidrs : null,
          },
        });
        onDone({ secret: data.createToken.secret, token: data.createToken.token });
      }
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} class="token-form">
      {!token && !project && (
        <div class="field">
          <label for={ids.kind}>Kind</label>
          <select id={ids.kind} value={kind} onChange={(e) => setKind(e.currentTarget.value as TokenKind)}>
            {customAllowed && <option value="CUSTOM">Custom: only the permissions you list</option>}
            <option value="USER">Personal: all of your rights</option>
          </select>
        </div>
      )}
      {tokenProject && <p class="hint">Project token of <strong>{tokenProject.name}</strong>: it acts for the project, not for you.</p>}
      <div class="field">
        <label for={ids.name}>Name</label>
        <input id={ids.name} required maxLength={200} autocomplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for={ids.description}>Description</label>
        <textarea id={ids.description} rows={2} maxLength={1000} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for={ids.expiry}>Expires on (start of the day, UTC)</label>
        <input
          id={ids.expiry}
          type="date"
          min={bounds.min}
          max={bounds.max}
          required={bounds.required}
          value={expiryDate}
          aria-describedby={`${ids.expiry}-hint`}
          onInput={(e) => setExpiryDate(e.currentTarget.value)}
        />
        <p class="hint" id={`${ids.expiry}-hint`}>
          {bounds.max ? `The token policy allows up to ${setup.tokenPolicy.maxLifetimeDays} days.` : bounds.required ? 'The token policy requires an expiry.' : 'Leave empty for a token that never expires.'}
        </p>
      </div>
      {kind !== 'USER' && <PermissionRows grants={grants} onChange={setGrants} project={tokenProject} />}
      <MethodPicker mode={methodMode} onMode={setMethodMode} preset={preset} onPreset={setPreset} checked={checked} onChecked={setChecked} />
      <div class="field">
        <label for={ids.cidrs}>Allowed client addresses (optional)</label>
        <textarea id={ids.cidrs} rows={2} placeholder="203.0.113.0/24, 2001:db8::/32" aria-describedby={`${ids.cidrs}-hint`} value={cidrs} onInput={(e) => setCidrs(e.currentTarget.value)} />
        <p class="hint" id={`${ids.cidrs}-hint`}>
          IPv4 or IPv6 ranges, one per line. Empty: any address.
        </p>
      </div>
      <PasswordField value={password} onInput={setPassword} />
      <FormActions label={token ? 'Save changes' : 'Create token'} busy={busy} error={error} onCancel={onCancel} />
    </form>
  );
}

/** Permission rows added one at a time: entity x action x (all projects | a project | a device). */
function PermissionRows({ grants, onChange, project }: { grants: GrantView[]; onChange(grants: GrantView[]): void; project?: { id: string; name: string } }) {
  const { setup } = useConsole();
  const [entity, setEntity] = useState<'PROJECT' | 'DEVICE'>('DEVICE');
  const [action, setAction] = useState<'READ' | 'WRITE'>('READ');
  const [projectId, setProjectId] = useState(project?.id ?? '');
  const [deviceId, setDeviceId] = useState('');
  const [devices, setDevices] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<string>();
  const ids = { entity: useId(), action: useId(), project: useId(), device: useId(), caption: useId() };

  useEffect(() => {
    setDeviceId('');
    setDevices([]);
    if (!projectId || entity !== 'DEVICE') return;
    let current = true;
    request(DevicesQuery, { projectId })
      .then((data) => current && setDevices(data.devices))
      .catch((failure) => current && setError(messageOf(failure)));
    return () => {
      current = false;
    };
  }, [projectId, entity]);

  const add = () => {
    setError(undefined);
    const chosenProject = setup.projects.find((p) => p.id === projectId) ?? project;
    const grant: GrantView = {
      entity,
      action,
      projectId: projectId || null,
      deviceId: deviceId || null,
      project: chosenProject ? { name: chosenProject.name } : null,
      device: deviceId ? { name: devices.find((d) => d.id === deviceId)?.name ?? deviceId } : null,
    };
    if (grants.some((g) => grantKey(g) === grantKey(grant))) return setError('That permission is already in the list.');
    onChange([...grants, grant]);
  };

  return (
    <fieldset>
      <legend>Permissions</legend>
      <div class="row-builder">
        <div class="field">
          <label for={ids.entity}>Entity</label>
          <select id={ids.entity} value={entity} onChange={(e) => setEntity(e.currentTarget.value as 'PROJECT' | 'DEVICE')}>
            <option value="DEVICE">Device</option>
            <option value="PROJECT">Project</option>
          </select>
        </div>
        <div class="field">
          <label for={ids.action}>Action</label>
          <select id={ids.action} value={action} onChange={(e) => setAction(e.currentTarget.value as 'READ' | 'WRITE')}>
            <option value="READ">Read</option>
            <option value="WRITE">Write (includes read)</option>
          </select>
        </div>
        <div class="field">
          <label for={ids.project}>Project</label>
          <select id={ids.project} value={projectId} disabled={Boolean(project)} onChange={(e) => setProjectId(e.currentTarget.value)}>
            {!project && <option value="">All projects</option>}
            {(project ? [project] : setup.projects).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        {entity === 'DEVICE' && projectId && (
          <div class="field">
            <label for={ids.device}>Device</label>
            <select id={ids.device} value={deviceId} onChange={(e) => setDeviceId(e.currentTarget.value)}>
              <option value="">All devices of the project</option>
              {devices.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="button" onClick={add}>
          Add permission
        </button>
      </div>
      <ErrorText message={error} />
      {grants.length === 0 ? (
        <p class="hint">No permissions yet: add at least one.</p>
      ) : (
        <table class="grants">
          <caption id={ids.caption}>Permissions of the token</caption>
          <thead>
            <tr>
              <th scope="col">Entity</th>
              <th scope="col">Action</th>
              <th scope="col">Resource</th>
              <th scope="col">
                <span class="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {grants.map((g) => (
              <tr key={grantKey(g)}>
                <td>{g.entity === 'DEVICE' ? 'Device' : 'Project'}</td>
                <td>{g.action === 'WRITE' ? 'Write' : 'Read'}</td>
                <td>{g.deviceId ? `device ${g.device?.name ?? g.deviceId}` : g.projectId ? `project ${g.project?.name ?? g.projectId}` : 'all projects'}</td>
                <td>
                  <button type="button" class="link" aria-label={`Remove ${grantLabel(g)}`} onClick={() => onChange(grants.filter((x) => grantKey(x) !== grantKey(g)))}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}

function MethodPicker(props: {
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
