// The token table and what each row can do: edit, regenerate, copy, revoke, least privilege.
import { useEffect, useId, useState } from 'preact/hooks';
import { messageOf, request } from './api.js';
import { canManage, useConsole, type Token } from './context.js';
import { DAY_MS, expiryBounds, expiryFromDate, grantDiff, grantLabel, methodDiff, scopeSummary, utcDate } from './format.js';
import type { ConsoleSuggestionQuery } from './gql/graphql.js';
import { ApplySuggestionMutation, CopyTokenMutation, RegenerateTokenMutation, RevokeTokenMutation, SuggestionQuery } from './operations.js';
import { TokenForm } from './TokenForm.js';
import { Dialog, ErrorText, FormActions, PasswordField, When } from './ui.js';

const KIND_LABEL = { USER: 'Personal', CUSTOM: 'Custom', PROJECT: 'Project' } as const;
const STATUS_LABEL = { ACTIVE: 'Active', EXPIRED: 'Expired', REVOKED: 'Revoked' } as const;

type Action = 'edit' | 'regenerate' | 'copy' | 'revoke' | 'suggest';

interface Props {
  tokens: readonly Token[];
  caption: string;
  /** Called after any change, with a message for the status line. */
  onChanged(message: string): void;
}

export function TokenTable({ tokens, caption, onChanged }: Props) {
  const { me, setup } = useConsole();
  const [open, setOpen] = useState<{ action: Action; token: Token }>();
  const [secret, setSecret] = useState<{ secret: string; title: string }>();
  const close = () => setOpen(undefined);
  const done = (message: string, newSecret?: string) => {
    close();
    if (newSecret) setSecret({ secret: newSecret, title: message });
    onChanged(message);
  };
  return (
    <>
      {tokens.length === 0 ? (
        <p class="empty">No tokens here.</p>
      ) : (
      <div class="table-wrap">
        <table class="tokens">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Owner or project</th>
              <th scope="col">Token ID</th>
              <th scope="col">Issued</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Scope</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => {
              const manage = canManage(token, me, setup.projects);
              const act = (action: Action) => () => setOpen({ action, token });
              return (
                <tr key={token.id} data-token-id={token.id}>
                  <th scope="row">
                    <span class="token-name">{token.name}</span>
                    {token.description && <span class="description">{token.description}</span>}
                  </th>
                  <td>{KIND_LABEL[token.kind]}</td>
                  <td>{token.kind === 'PROJECT' ? `project ${token.project?.name ?? '(deleted)'}` : (token.owner?.email ?? '(deleted user)')}</td>
                  <td>
                    <code title={token.id}>{token.id.slice(0, 8)}</code>
                    <span class="description">secret {token.displayPrefix}…</span>
                  </td>
                  <td>
                    <When at={token.createdAt} />
                  </td>
                  <td>
                    <When at={token.expiresAt} />
                  </td>
                  <td>
                    <When at={token.lastUsedAt} />
                  </td>
                  <td class="scope">{scopeSummary(token, setup.apiMethodSets)}</td>
                  <td>
                    <span class={`status ${token.status.toLowerCase()}`}>{STATUS_LABEL[token.status]}</span>
                    {token.status === 'REVOKED' && token.revokeReason && <span class="description">“{token.revokeReason}”</span>}
                  </td>
                  <td>
                    <div class="row-actions">
                    {manage && token.status === 'ACTIVE' && (
                      <button type="button" onClick={act('edit')} aria-label={`Edit ${token.name}`}>
                        Edit
                      </button>
                    )}
                    {manage && token.status !== 'REVOKED' && (
                      <button type="button" onClick={act('regenerate')} aria-label={`Regenerate ${token.name}`}>
                        Regenerate
                      </button>
                    )}
                    {manage && (
                      <button type="button" onClick={act('copy')} aria-label={`Copy ${token.name}`}>
                        Copy
                      </button>
                    )}
                    {manage && token.kind !== 'USER' && token.status === 'ACTIVE' && (
                      <button type="button" onClick={act('suggest')} aria-label={`Least privilege for ${token.name}`}>
                        Least privilege
                      </button>
                    )}
                    {token.status !== 'REVOKED' && (
                      <button type="button" class="danger" onClick={act('revoke')} aria-label={`Revoke ${token.name}`}>
                        Revoke
                      </button>
                    )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      )}
      {open?.action === 'edit' && (
        <Dialog title={`Edit ${open.token.name}`} onClose={close} wide>
          <TokenForm token={open.token} onCancel={close} onDone={(r) => done(`Saved ${r.token.name}.`)} />
        </Dialog>
      )}
      {open?.action === 'regenerate' && <RegenerateDialog token={open.token} onClose={close} onDone={done} />}
      {open?.action === 'copy' && <CopyDialog token={open.token} onClose={close} onDone={done} />}
      {open?.action === 'revoke' && <RevokeDialog token={open.token} onClose={close} onDone={done} />}
      {open?.action === 'suggest' && <LeastPrivilegeDialog token={open.token} onClose={close} onDone={done} />}
      {secret && <SecretDialog secret={secret.secret} title={secret.title} onClose={() => setSecret(undefined)} />}
    </>
  );
}

type DialogProps = { token: Token; onClose(): void; onDone(message: string, secret?: string): void };

function useSubmit(run: () => Promise<void>) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      await run();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}

function RevokeDialog({ token, onClose, onDone }: DialogProps) {
  const [reason, setReason] = useState('');
  const id = useId();
  const { error, busy, submit } = useSubmit(async () => {
    await request(RevokeTokenMutation, { id: token.id, reason: reason.trim() || null });
    onDone(`Revoked ${token.name}.`);
  });
  return (
    <Dialog title={`Revoke ${token.name}`} onClose={onClose}>
      <form onSubmit={submit}>
        <p>Requests with this token fail at once, on every gateway. This cannot be undone.</p>
        <div class="field">
          <label for={id}>Reason (kept in the audit trail)</label>
          <textarea id={id} rows={2} maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </div>
        <FormActions label="Revoke token" tone="danger" busy={busy} error={error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

function RegenerateDialog({ token, onClose, onDone }: DialogProps) {
  const { setup } = useConsole();
  const bounds = expiryBounds(setup.tokenPolicy);
  const [password, setPassword] = useState('');
  // An expired token needs a new date: offer the policy's default, else the usual 30 days.
  const [date, setDate] = useState(token.status === 'EXPIRED' ? bounds.default || utcDate(Date.now() + 30 * DAY_MS) : '');
  const id = useId();
  const { error, busy, submit } = useSubmit(async () => {
    const data = await request(RegenerateTokenMutation, { id: token.id, password, expiresAt: date ? expiryFromDate(date) : null });
    onDone(`New secret for ${data.regenerateToken.token.name}`, data.regenerateToken.secret);
  });
  return (
    <Dialog title={`Regenerate ${token.name}`} onClose={onClose}>
      <form onSubmit={submit}>
        <p>The token keeps its id and settings; the current secret stops working at once.</p>
        <div class="field">
          <label for={id}>{token.status === 'EXPIRED' ? 'New expiry date' : 'New expiry date (optional: keep the current one)'}</label>
          <input id={id} type="date" min={bounds.min} max={bounds.max} required={token.status === 'EXPIRED'} value={date} onInput={(e) => setDate(e.currentTarget.value)} />
        </div>
        <PasswordField value={password} onInput={setPassword} />
        <FormActions label="Regenerate" busy={busy} error={error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

function CopyDialog({ token, onClose, onDone }: DialogProps) {
  const [name, setName] = useState(`${token.name} (copy)`);
  const [password, setPassword] = useState('');
  const id = useId();
  const { error, busy, submit } = useSubmit(async () => {
    const data = await request(CopyTokenMutation, { id: token.id, name, password });
    onDone(`Created ${data.copyToken.token.name}`, data.copyToken.secret);
  });
  return (
    <Dialog title={`Copy ${token.name}`} onClose={onClose}>
      <form onSubmit={submit}>
        <p>A new token with the same kind, permissions, methods and lifetime, and a secret of its own.</p>
        <div class="field">
          <label for={id}>Name of the copy</label>
          <input id={id} required maxLength={200} autocomplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <PasswordField value={password} onInput={setPassword} />
        <FormActions label="Copy token" busy={busy} error={error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** The secret, once, with a copy button and the warning every token system shows. */
export function SecretDialog({ secret, title, onClose }: { secret: string; title: string; onClose(): void }) {
  const [copied, setCopied] = useState<string>();
  const id = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied to the clipboard.');
    } catch {
      // Clipboard access refused (an insecure origin, a denied permission): select it for Ctrl+C.
      const input = document.getElementById(id) as HTMLInputElement | null;
      input?.select();
      setCopied('Selected: press Ctrl+C to copy.');
    }
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <p class="warning" role="note">
        Copy this token now. It will not be shown again: scopegate stores only a digest of it.
      </p>
      <div class="field">
        <label for={id}>Token secret</label>
        <div class="secret-row">
          <input id={id} class="secret" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" class="primary" onClick={copy}>
            Copy
          </button>
        </div>
      </div>
      <p aria-live="polite" class="hint">
        {copied}
      </p>
      <div class="actions">
        <button type="button" onClick={onClose}>
          I have stored it
        </button>
      </div>
    </Dialog>
  );
}

type Suggestion = NonNullable<ConsoleSuggestionQuery['token']>;

/** #8: what the token used in the last N days, as a diff against what it holds, and a button to narrow it. */
function LeastPrivilegeDialog({ token, onClose, onDone }: DialogProps) {
  const { setup } = useConsole();
  const [days, setDays] = useState(30);
  const [data, setData] = useState<Suggestion | null>();
  const [loadError, setLoadError] = useState<string>();
  const [password, setPassword] = useState('');
  const ids = { days: useId(), diff: useId() };
  useEffect(() => {
    let current = true;
    setData(undefined);
    request(SuggestionQuery, { id: token.id, days })
      .then((result) => current && setData(result.token))
      .catch((failure) => current && setLoadError(messageOf(failure)));
    return () => {
      current = false;
    };
  }, [days, token.id]);
  const { error, busy, submit } = useSubmit(async () => {
    const result = await request(ApplySuggestionMutation, { id: token.id, days, password });
    onDone(`Narrowed ${result.applySuggestedGrants.name} to what it used.`);
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
      {data === undefined && !loadError && <p aria-live="polite">Loading the suggestion…</p>}
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
