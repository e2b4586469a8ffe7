// Your account: who you are, and a new password (everyone).
import { useState } from 'preact/hooks';
import { useConsole } from '../context.js';
import { onSubmit, useMutation } from '../data.js';
import { ChangePasswordMutation } from '../operations-admin.js';
import { FormActions } from '../ui.js';
import { Input } from '../widgets.js';

export function AccountPage() {
  const { me, setMe } = useConsole();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [notice, setNotice] = useState<string>();
  const change = useMutation(ChangePasswordMutation);
  const mismatch = again !== '' && again !== next;
  const clear = () => {
    setCurrent('');
    setNext('');
    setAgain('');
    change.setError(undefined);
  };
  const submit = onSubmit(async () => {
    if (next !== again) return change.setError('The two new passwords differ.');
    if (await change.mutate({ currentPassword: current, newPassword: next })) {
      clear();
      setNotice('Password changed. Your other sessions have ended; this one stays, and your tokens keep working.');
      setMe({ ...me, mustChangePassword: false });
    }
  });
  return (
    <section>
      <h1>Your account</h1>
      <p>
        Signed in as <strong>{me.email}</strong>
        {me.name ? ` (${me.name})` : ''}, {me.role === 'ADMIN' ? 'an admin' : 'a member'}.
      </p>
      <p class="notice" role="status">
        {notice}
      </p>
      <form onSubmit={submit} class="narrow-form" aria-labelledby="change-password">
        <h2 id="change-password">Change your password</h2>
        {me.mustChangePassword && <p class="warning">You signed in with a one-time password: choose your own now.</p>}
        <Input label={me.mustChangePassword ? 'One-time password' : 'Current password'} type="password" autocomplete="current-password" required value={current} onValue={setCurrent} />
        <Input label="New password" type="password" autocomplete="new-password" required minLength={12} value={next} onValue={setNext} hint="At least 12 characters." />
        <Input label="New password again" type="password" autocomplete="new-password" required value={again} onValue={setAgain} hint={mismatch ? 'Not the same as the new password yet.' : undefined} />
        <FormActions label="Change password" busy={change.busy} error={change.error} onCancel={clear} />
      </form>
    </section>
  );
}
