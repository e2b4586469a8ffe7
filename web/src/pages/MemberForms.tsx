// Adding a member by e-mail, and removing one.
import { useId, useState } from 'preact/hooks';
import { messageOf, request } from '../api.js';
import { useConsole, type Project } from '../context.js';
import { allPages, onSubmit, useAsync, useMutation } from '../data.js';
import type { ConsoleMemberListQuery, ProjectRole } from '../gql/graphql.js';
import { AddMemberMutation, MemberListQuery, RemoveMemberMutation } from '../operations-admin.js';
import { userByEmail, useUserSuggestions } from './Users.js';
import { Dialog, ErrorText, FormActions } from '../ui.js';
import { Select } from '../widgets.js';

export type Member = NonNullable<ConsoleMemberListQuery['project']>['members']['nodes'][number];

const NO_MEMBERS = { nodes: [], pageInfo: { hasNextPage: false } };

/** Every member of one project, a page per request. */
export function allMembers(projectId: string): Promise<Member[]> {
  return allPages((after) => request(MemberListQuery, { id: projectId, after }).then((d) => d.project?.members ?? NO_MEMBERS));
}

export const ROLES: readonly { value: ProjectRole; label: string }[] = [
  { value: 'VIEWER', label: 'Viewer' },
  { value: 'EDITOR', label: 'Editor' },
  { value: 'OWNER', label: 'Owner' },
];

/**
 * The API adds members by user id; the e-mail is looked up among the people this viewer can see:
 * every user for an admin, the members of their own projects for anyone else. `members` is every
 * member of the project, or undefined while the table shows only part of them (none yet, or a first
 * page): the form then asks for them all, since adding someone already a member changes their role.
 */
export function AddMemberForm({ project, members, onDone }: { project: Project; members: readonly Member[] | undefined; onDone(email: string, role: ProjectRole): void }) {
  const { me, setup } = useConsole();
  const admin = me.role === 'ADMIN';
  const [email, setEmail] = useState('');
  const suggested = useUserSuggestions(email, !admin);
  const loadColleagues = () => Promise.all(setup.projects.map((p) => allMembers(p.id))).then((lists) => lists.flat().map((m) => m.user));
  const colleagues = useAsync(setup.projects.map((p) => p.id).join(), loadColleagues, admin);
  const known = admin ? (suggested.data ?? []) : (colleagues.data ?? []);
  const [role, setRole] = useState<ProjectRole>('VIEWER');
  const add = useMutation(AddMemberMutation);
  const ids = { email: useId(), list: useId() };
  const submit = onSubmit(async () => {
    let user: { id: string; email: string } | undefined;
    let current: readonly Member[];
    try {
      current = members ?? (await allMembers(project.id));
      if (admin) user = await userByEmail(email);
      else {
        // Submitted before the list has arrived, it is asked for here: the missing list would
        // refuse a colleague as someone this person cannot look up.
        const people = colleagues.data ?? (await loadColleagues());
        user = people.find((u) => u.email.toLowerCase() === email.trim().toLowerCase());
      }
    } catch (failure) {
      return add.setError(messageOf(failure));
    }
    if (!user) {
      return add.setError(
        admin ? `No user has the e-mail ${email}. Create them on the Users page first.` : `You cannot look up ${email}: you see only the members of your own projects. Ask an admin to add them.`,
      );
    }
    if (current.some((m) => m.user.id === user.id)) return add.setError(`${user.email} is already a member; change their role in the table.`);
    if (await add.mutate({ projectId: project.id, userId: user.id, role })) {
      setEmail('');
      onDone(user.email, role);
    }
  });
  return (
    <form onSubmit={submit} class="add-member" aria-labelledby={`${ids.email}-title`}>
      <h2 id={`${ids.email}-title`}>Add a member</h2>
      <div class="row-builder">
        <div class="field">
          <label for={ids.email}>E-mail</label>
          <input id={ids.email} type="email" required list={ids.list} autocomplete="off" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          <datalist id={ids.list}>
            {[...new Set(known.map((u) => u.email))].map((e) => (
              <option key={e} value={e} />
            ))}
          </datalist>
        </div>
        <Select label="Role" value={role} onValue={setRole} options={ROLES} />
        <button type="submit" class="primary" disabled={add.busy}>
          Add member
        </button>
      </div>
      <ErrorText message={add.error ?? colleagues.error} />
    </form>
  );
}

export function RemoveMemberDialog({ project, member, onClose, onDone }: { project: Project; member: Member; onClose(): void; onDone(): void }) {
  const remove = useMutation(RemoveMemberMutation);
  const submit = onSubmit(async () => {
    if (await remove.mutate({ projectId: project.id, userId: member.user.id })) onDone();
  });
  return (
    <Dialog title={`Remove ${member.user.email}`} onClose={onClose}>
      <form onSubmit={submit}>
        <p>
          {member.user.email} loses access to {project.name} at once, and so do their tokens as far as they reached this project through them. Their tokens themselves stay.
        </p>
        <FormActions label="Remove member" tone="danger" busy={remove.busy} error={remove.error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
