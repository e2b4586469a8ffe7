// Create an enrollment token (its secret is shown once, by the page) and revoke one.
import { useId, useState } from 'preact/hooks';
import { onSubmit, useMutation } from '../data.js';
import { DAY_MS, expiryFromDate, utcDate } from '../format.js';
import { CreateEnrollmentTokenMutation, RevokeEnrollmentTokenMutation } from '../operations-federation.js';
import { Dialog, FormActions } from '../ui.js';
import { Input } from '../widgets.js';
import type { EnrollmentToken } from './EnrollmentTokens.js';

/** The longest life the API allows an enrollment token. */
const MAX_DAYS = 90;

export function NewEnrollmentDialog({ projectId, onClose, onDone }: { projectId: string; onClose(): void; onDone(name: string, secret: string): void }) {
  const now = Date.now();
  const [name, setName] = useState('');
  const [maxUses, setMaxUses] = useState('1');
  const [expiry, setExpiry] = useState(utcDate(now + 7 * DAY_MS));
  const [metadata, setMetadata] = useState('');
  const create = useMutation(CreateEnrollmentTokenMutation);
  const ids = { expiry: useId(), metadata: useId() };
  const submit = onSubmit(async () => {
    let deviceMetadata: unknown = null;
    if (metadata.trim()) {
      try {
        deviceMetadata = JSON.parse(metadata);
      } catch {
        return create.setError('Device metadata must be JSON, e.g. {"site": "north"}.');
      }
    }
    const data = await create.mutate({ input: { projectId, name, maxUses: Number(maxUses), expiresAt: expiryFromDate(expiry), deviceMetadata } });
    if (data) onDone(data.createEnrollmentToken.enrollmentToken.name, data.createEnrollmentToken.secret);
  });
  return (
    <Dialog title="New enrollment token" onClose={onClose}>
      <form onSubmit={submit}>
        <Input label="Name" required maxLength={200} autocomplete="off" value={name} onValue={setName} hint="Where it will be used, e.g. “factory line 2”." />
        <Input label="Devices it may enroll" type="number" required min={1} value={maxUses} onValue={setMaxUses} hint="1 to 10000; each device that enrolls uses one." />
        <div class="field">
          <label for={ids.expiry}>Stops working on (UTC)</label>
          <input id={ids.expiry} type="date" required min={utcDate(now + DAY_MS)} max={utcDate(now + MAX_DAYS * DAY_MS)} value={expiry} onInput={(e) => setExpiry(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={ids.metadata}>Device metadata (JSON, optional)</label>
          <textarea id={ids.metadata} rows={3} class="mono" value={metadata} aria-describedby={`${ids.metadata}-hint`} onInput={(e) => setMetadata(e.currentTarget.value)} />
          <p class="hint" id={`${ids.metadata}-hint`}>
            Given to every device it enrolls, over what the device sends.
          </p>
        </div>
        <FormActions label="Create enrollment token" busy={create.busy} error={create.error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function RevokeEnrollmentDialog({ token, onClose, onDone }: { token: EnrollmentToken; onClose(): void; onDone(): void }) {
  const revoke = useMutation(RevokeEnrollmentTokenMutation);
  const submit = onSubmit(async () => {
    if (await revoke.mutate({ id: token.id })) onDone();
  });
  return (
    <Dialog title={`Revoke ${token.name}`} onClose={onClose}>
      <form onSubmit={submit}>
        <p>No device can enroll with it any more, on every gateway at once. Devices it already enrolled keep their own tokens.</p>
        <FormActions label="Revoke enrollment token" tone="danger" busy={revoke.busy} error={revoke.error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
