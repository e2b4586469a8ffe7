// The dialogs of a token row: revoke, regenerate and copy, and the secret shown once.
import { useId, useState } from 'preact/hooks';
import { useConsole, type Token } from './context.js';
import { onSubmit, useMutation } from './data.js';
import { DAY_MS, expiryBounds, expiryFromDate, utcDate } from './format.js';
import { CopyTokenMutation, RegenerateTokenMutation, RevokeTokenMutation } from './operations.js';
import { Dialog, FormActions, PasswordField } from './ui.js';

export type DialogProps = { token: Token; onClose(): void; onDone(message: string, secret?: string): void };

export function RevokeDialog({ token, onClose, onDone }: DialogProps) {
  const [reason, setReason] = useState('');
  const id = useId();
  const { mutate, error, busy } = useMutation(RevokeTokenMutation);
  const submit = onSubmit(async () => {
    if (await mutate({ id: token.id, reason: reason.trim() || null })) onDone(`Revoked ${token.name}.`);
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

/** Overlaps a person picks from; the policy's maximum trims the list. */
const OVERLAPS = [
  { seconds: 0, label: 'no longer: it stops at once' },
  { seconds: 3_600, label: 'for 1 hour' },
  { seconds: 86_400, label: 'for 1 day' },
  { seconds: 7 * 86_400, label: 'for 7 days' },
];

export function RegenerateDialog({ token, onClose, onDone }: DialogProps) {
  const { setup } = useConsole();
  const bounds = expiryBounds(setup.tokenPolicy);
  const [password, setPassword] = useState('');
  // An expired token needs a new date: offer the policy's default, else the usual 30 days.
  const [date, setDate] = useState(token.status === 'EXPIRED' ? bounds.default || utcDate(Date.now() + 30 * DAY_MS) : '');
  const [overlap, setOverlap] = useState(0);
  const id = useId();
  const overlapId = useId();
  const overlaps = OVERLAPS.filter((o) => o.seconds <= setup.tokenPolicy.maxRotationOverlapSeconds);
  const { mutate, error, busy } = useMutation(RegenerateTokenMutation);
  const submit = onSubmit(async () => {
    const data = await mutate({ id: token.id, password, expiresAt: date ? expiryFromDate(date) : null, overlapSeconds: overlap });
    if (data) onDone(`New secret for ${data.regenerateToken.token.name}`, data.regenerateToken.secret);
  });
  return (
    <Dialog title={`Regenerate ${token.name}`} onClose={onClose}>
      <form onSubmit={submit}>
        <p>The token keeps its id and settings, and gets a new secret.</p>
        <div class="field">
          <label for={overlapId}>The current secret keeps working</label>
          <select id={overlapId} value={overlap} aria-describedby={`${overlapId}-hint`} onChange={(e) => setOverlap(Number(e.currentTarget.value))}>
            {overlaps.map((o) => (
              <option key={o.seconds} value={o.seconds}>
                {o.label}
              </option>
            ))}
          </select>
          <p class="hint" id={`${overlapId}-hint`}>
            Time to update whatever uses it. It stops sooner, on every instance, as soon as the new secret is used.
          </p>
        </div>
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

export function CopyDialog({ token, onClose, onDone }: DialogProps) {
  const [name, setName] = useState(`${token.name} (copy)`);
  const [password, setPassword] = useState('');
  const id = useId();
  const { mutate, error, busy } = useMutation(CopyTokenMutation);
  const submit = onSubmit(async () => {
    const data = await mutate({ id: token.id, name, password });
    if (data) onDone(`Created ${data.copyToken.token.name}`, data.copyToken.secret);
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

const TOKEN_WARNING = 'Copy this token now. It will not be shown again: scopegate stores only a digest of it.';

/** The secret, once, with a copy button and the warning every token system shows. */
export function SecretDialog({
  secret,
  title,
  onClose,
  label = 'Token secret',
  warning = TOKEN_WARNING,
}: {
  secret: string;
  title: string;
  onClose(): void;
  label?: string;
  warning?: string;
}) {
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
        {warning}
      </p>
      <div class="field">
        <label for={id}>{label}</label>
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
