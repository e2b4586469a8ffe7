// The token policy (admins): lifetimes and who may make CUSTOM tokens.
import { useState } from 'preact/hooks';
import { useConsole } from '../context.js';
import { onSubmit, useMutation } from '../data.js';
import { SetPolicyMutation } from '../operations-admin.js';
import { ErrorText } from '../ui.js';
import { Input } from '../widgets.js';

const days = (text: string) => (text.trim() ? Number(text) : null);

export function PolicyPage() {
  const { setup, refreshSetup } = useConsole();
  const policy = setup.tokenPolicy;
  const [defaultDays, setDefaultDays] = useState(policy.defaultLifetimeDays?.toString() ?? '');
  const [maxDays, setMaxDays] = useState(policy.maxLifetimeDays?.toString() ?? '');
  const [requireExpiry, setRequireExpiry] = useState(policy.requireExpiry);
  const [adminOnly, setAdminOnly] = useState(policy.customTokensAdminOnly);
  const [overlapHours, setOverlapHours] = useState(String(policy.maxRotationOverlapSeconds / 3_600));
  const [revokeOnReuse, setRevokeOnReuse] = useState(policy.revokeOnRotatedSecretReuse);
  const [notice, setNotice] = useState<string>();
  const save = useMutation(SetPolicyMutation);
  const submit = onSubmit(async () => {
    const input = {
      defaultLifetimeDays: days(defaultDays),
      maxLifetimeDays: days(maxDays),
      requireExpiry,
      customTokensAdminOnly: adminOnly,
      maxRotationOverlapSeconds: Math.round(Number(overlapHours || '0') * 3_600),
      revokeOnRotatedSecretReuse: revokeOnReuse,
    };
    if (await save.mutate({ input })) {
      setNotice('Saved. New tokens follow it from now on; existing tokens keep their expiry.');
      refreshSetup();
    }
  });
  return (
    <section>
      <h1>Token policy</h1>
      <p class="hint">What every new token, and every edit of one, must respect. Leave a number empty for no limit.</p>
      <p class="notice" role="status">
        {notice}
      </p>
      <form onSubmit={submit} class="narrow-form">
        <Input label="Default lifetime (days)" type="number" min={1} value={defaultDays} onValue={setDefaultDays} hint="The expiry the token form starts with." />
        <Input label="Maximum lifetime (days)" type="number" min={1} value={maxDays} onValue={setMaxDays} hint="No token may be made, edited or regenerated to live longer." />
        <label class="inline">
          <input type="checkbox" checked={requireExpiry} onChange={(e) => setRequireExpiry(e.currentTarget.checked)} /> Every token must have an expiry date
        </label>
        <label class="inline">
          <input type="checkbox" checked={adminOnly} onChange={(e) => setAdminOnly(e.currentTarget.checked)} /> Only admins may make custom tokens (others make personal ones)
        </label>
        <Input
          label="Longest rotation overlap (hours)"
          type="number"
          min={0}
          value={overlapHours}
          onValue={setOverlapHours}
          hint="How long a regenerated or self-rotated token's old secret may keep working."
        />
        <label class="inline">
          <input type="checkbox" checked={revokeOnReuse} onChange={(e) => setRevokeOnReuse(e.currentTarget.checked)} /> Revoke a token when a secret its rotation
          retired is used again
        </label>
        <ErrorText message={save.error} />
        <div class="actions">
          <button type="submit" class="primary" disabled={save.busy}>
            Save policy
          </button>
        </div>
      </form>
    </section>
  );
}
