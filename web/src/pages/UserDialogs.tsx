// The dialogs of the Users page.
import { useId, useState } from 'preact/hooks';
import { onSubmit, useMutation } from '../data.js';
import type { UserRole } from '../gql/graphql.js';
import { CreateUserMutation, DeleteUserMutation, ResetPasswordMutation } from '../operations-admin.js';
import { Dialog, FormActions } from '../ui.js';
import { Input, Select } from '../widgets.js';
import type { User } from './Users.js';

export function CreateUserDialog({ onClose, onDone }: { onClose(): void; onDone(email: string): void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<UserRole>('MEMBER');
  const create = useMutation(CreateUserMutation);
  const submit = onSubmit(async () => {
    const data = await create.mutate({ email, name: name || null, password, role });
    if (data) onDone(data.createUser.email);
  });
  return (
    <Dialog title="New user" onClose={onClose}>
      <form onSubmit={submit}>
        <Input label="E-mail" type="email" required autocomplete="off" value={email} onValue={setEmail} />
        <Input label="Name (optional)" autocomplete="off" value={name} onValue={setName} />
        <Input label="Initial password" type="password" required autocomplete="new-password" minLength={12} value={password} onValue={setPassword} hint="At least 12 characters. Tell it to them in person; they can change it under “Your account”." />
        <Select
          label="Role"
          value={role}
          onValue={setRole}
          options={[
            { value: 'MEMBER', label: 'Member: sees the projects they belong to' },
            { value: 'ADMIN', label: 'Admin: manages users, policy and every token' },
          ]}
        />
        <FormActions label="Create user" busy={create.busy} error={create.error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function DeleteUserDialog({ user, onClose, onDone }: { user: User; onClose(): void; onDone(): void }) {
  const remove = useMutation(DeleteUserMutation);
  const submit = onSubmit(async () => {
    if (await remove.mutate({ id: user.id })) onDone();
  });
  return (
    <Dialog title={`Delete ${user.email}`} onClose={onClose}>
      <form onSubmit={submit}>
        <p>This revokes every token {user.email} owns, ends their sessions and removes them from every project. Their e-mail address becomes free again. It cannot be undone.</p>
        <FormActions label="Delete user" tone="danger" busy={remove.busy} error={remove.error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function ResetPasswordDialog({ user, onClose, onDone }: { user: User; onClose(): void; onDone(password: string): void }) {
  const reset = useMutation(ResetPasswordMutation);
  const submit = onSubmit(async () => {
    const data = await reset.mutate({ userId: user.id });
    if (data) onDone(data.resetPassword.temporaryPassword);
  });
  return (
    <Dialog title={`Reset password of ${user.email}`} onClose={onClose}>
      <form onSubmit={submit}>
        <p>
          Their password is replaced by a one-time password, shown to you once, and every session of theirs ends. Their access tokens keep working. With it they sign in once and then
          choose their own.
        </p>
        <FormActions label="Reset password" tone="danger" busy={reset.busy} error={reset.error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** Shown once, never in the URL: the answer to resetPassword is the only place it exists. */
export function OneTimePasswordDialog({ email, password, onClose }: { email: string; password: string; onClose(): void }) {
  const id = useId();
  return (
    <Dialog title={`One-time password for ${email}`} onClose={onClose}>
      <p class="warning" role="note">
        Give this password to {email} now, by a channel only they read. It is not shown again.
      </p>
      <div class="field">
        <label for={id}>One-time password</label>
        <input id={id} class="secret" readOnly value={password} onFocus={(e) => e.currentTarget.select()} />
      </div>
      <div class="actions">
        <button type="button" class="primary" onClick={onClose}>
          I have passed it on
        </button>
      </div>
    </Dialog>
  );
}
