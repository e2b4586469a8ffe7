// #8: what the token used in the last N days, as a diff against what it holds, and a button to narrow it.
import { useId, useState } from 'preact/hooks';
import { useConsole } from './context.js';
import { onSubmit, useMutation, useQuery } from './data.js';
import { grantDiff, grantLabel, methodDiff } from './format.js';
import { ApplySuggestionMutation, SuggestionQuery } from './operations.js';
import type { DialogProps } from './TokenDialogs.js';
import { Dialog, ErrorText, FormActions, PasswordField } from './ui.js';

/** #8: what the token used in the last N days, as a diff against what it holds, and a button to narrow it. */
export function LeastPrivilegeDialog({ token, onClose, onDone }: DialogProps) {
  const { setup } = useConsole();
  const [days, setDays] = useState(30);
  const [password, setPassword] = useState('');
  const ids = { days: useId(), diff: useId() };
  const suggestion = useQuery(SuggestionQuery, { id: token.id, days });
  const data = suggestion.data?.token;
  const loadError = suggestion.error ?? (suggestion.data && !data ? 'That token is not one you may see.' : undefined);
  const { mutate, error, busy } = useMutation(ApplySuggestionMutation);
  const submit = onSubmit(async () => {
    const result = await mutate({ id: token.id, days, password });
    if (result) onDone(`Narrowed ${result.applySuggestedGrants.name} to what it used.`);
  });
  const grants = data ? grantDiff(data.grants, data.suggestedGrants.grants) : undefined;
  const methods = data ? methodDiff(data, data.suggestedGrants.apiMethods, setup.apiMethodSets) : undefined;
  const unchanged = grants && methods && grants.removed.length + grants.added.length + methods.removed.length + methods.added.length === 0;
  return (
    <Dialog title={`Least privilege for ${token.name}`} onClose={onClose} wide>
      <div class="field">
        <label for={ids.days}>Based on the use of the last</label>
        <select id={ids.days} value={days} onChange={(e) => setDays(Number(e.currentTarget.value))}>
          {[7, 30, 90].map((d) => (
            <option key={d} value={d}>
              {d} days
            </option>
          ))}
        </select>
      </div>
      <ErrorText message={loadError} />
      {suggestion.loading && <p aria-live="polite">Loading the suggestion…</p>}
      {data && grants && methods && (
        <>
          <p aria-live="polite">
            {data.suggestedGrants.basedOnUses === 0
              ? `No recorded use in the last ${days} days: nothing to suggest.`
              : `Based on ${data.suggestedGrants.basedOnUses} recorded checks. Lines marked − would be removed, + added.`}
          </p>
          <pre class="diff" id={ids.diff} aria-label="Suggested change">
            {grants.removed.map((g) => (
              <span class="removed" key={`g-${grantLabel(g)}`}>{`− ${grantLabel(g)}\n`}</span>
            ))}
            {grants.kept.map((g) => (
              <span class="kept" key={`k-${grantLabel(g)}`}>{`  ${grantLabel(g)}\n`}</span>
            ))}
            {grants.added.map((g) => (
              <span class="added" key={`a-${grantLabel(g)}`}>{`+ ${grantLabel(g)}\n`}</span>
            ))}
            {methods.removed.map((m) => (
              <span class="removed" key={`mr-${m}`}>{`− method ${m}\n`}</span>
            ))}
            {methods.kept.map((m) => (
              <span class="kept" key={`mk-${m}`}>{`  method ${m}\n`}</span>
            ))}
            {methods.added.map((m) => (
              <span class="added" key={`ma-${m}`}>{`+ method ${m}\n`}</span>
            ))}
          </pre>
          {data.suggestedGrants.basedOnUses > 0 && !unchanged && (
            <form onSubmit={submit}>
              <PasswordField value={password} onInput={setPassword} />
              <FormActions label="Apply suggestion" busy={busy} error={error} onCancel={onClose} />
            </form>
          )}
          {unchanged && <p>The token already holds exactly what it used.</p>}
        </>
      )}
    </Dialog>
  );
}
