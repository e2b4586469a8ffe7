// The token policy (admins): lifetimes, who may make CUSTOM tokens, expiry notices, revoking
// unused tokens, and every token's request and cost budgets.
import { useState } from 'preact/hooks';
import { useConsole } from '../context.js';
import { onSubmit, useMutation } from '../data.js';
import { SetPolicyMutation } from '../operations-admin.js';
import { ErrorText } from '../ui.js';
import { Input } from '../widgets.js';

const days = (text: string) => (text.trim() ? Number(text) : null);

/** "30, 7, 0" as [30, 7, 0]; undefined when a part is not a whole number. */
export function noticeDays(text: string): number[] | undefined {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  return parts.every((p) => /^\d+$/.test(p)) ? parts.map(Number) : undefined;
}

export function PolicyPage() {
  const { setup, refreshSetup } = useConsole();
  const policy = setup.tokenPolicy;
  const [defaultDays, setDefaultDays] = useState(policy.defaultLifetimeDays?.toString() ?? '');
  const [maxDays, setMaxDays] = useState(policy.maxLifetimeDays?.toString() ?? '');
  const [requireExpiry, setRequireExpiry] = useState(policy.requireExpiry);
  const [adminOnly, setAdminOnly] = useState(policy.customTokensAdminOnly);
  const [overlapHours, setOverlapHours] = useState(String(policy.maxRotationOverlapSeconds / 3_600));
  const [revokeOnReuse, setRevokeOnReuse] = useState(policy.revokeOnRotatedSecretReuse);
  const [notices, setNotices] = useState(policy.expiryNoticeDays.join(', '));
  const [unusedDays, setUnusedDays] = useState(policy.revokeUnusedAfterDays?.toString() ?? '');
  const [perMinute, setPerMinute] = useState(String(policy.requestsPerMinute));
  const [perHour, setPerHour] = useState(policy.costPerHour?.toString() ?? '');
  const [notice, setNotice] = useState<string>();
  const save = useMutation(SetPolicyMutation);
  const submit = onSubmit(async () => {
    const expiryNoticeDays = noticeDays(notices);
    if (!expiryNoticeDays) return save.setError('Expiry notices: whole numbers of days, separated by commas, e.g. 30, 7, 0.');
    const input = {
      defaultLifetimeDays: days(defaultDays),
      maxLifetimeDays: days(maxDays),
      requireExpiry,
      customTokensAdminOnly: adminOnly,
      maxRotationOverlapSeconds: Math.round(Number(overlapHours || '0') * 3_600),
      revokeOnRotatedSecretReuse: revokeOnReuse,
      expiryNoticeDays,
      revokeUnusedAfterDays: days(unusedDays),
      requestsPerMinute: days(perMinute),
      costPerHour: days(perHour),
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
        <Input
          label="Expiry notices (days before expiry)"
          value={notices}
          onValue={setNotices}
          hint="Owners are told this many days before a token expires (notification, e-mail, webhook), once each; 0 is at expiry. Empty: no notices."
        />
        <Input
          label="Revoke tokens unused for (days)"
          type="number"
          min={8}
          value={unusedDays}
          onValue={setUnusedDays}
          hint="A token unused this long (never used: since it was made) is revoked, after a notice 7 days before. Empty: never."
        />
        <Input
          label="Requests per minute per token"
          type="number"
          min={1}
          value={perMinute}
          onValue={setPerMinute}
          hint="Unless a token's own limit is tighter. Empty: the gateway's SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE."
        />
        <Input
          label="Query cost points per hour per token"
          type="number"
          min={1}
          value={perHour}
          onValue={setPerHour}
          hint="GraphQL cost budget, unless a token's own is tighter. Empty: no cost budget."
        />
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
