// A project's members: add by e-mail, change role, remove; the last OWNER explained up front.
import { useState } from 'preact/hooks';
import { ownsProject, useConsole } from '../context.js';
import { useMutation } from '../data.js';
import type { ProjectRole } from '../gql/graphql.js';
import { AddMemberMutation } from '../operations-admin.js';
import { ErrorText } from '../ui.js';
import { RowActions, useDialogRoute } from '../widgets.js';
import { AddMemberForm, RemoveMemberDialog, ROLES } from './MemberForms.js';
import { useProjectChoice } from './ProjectPicker.js';

export function MembersPage() {
  const { me, refreshSetup } = useConsole();
  const route = useDialogRoute();
  const { project, picker, empty } = useProjectChoice();
  const [notice, setNotice] = useState<string>();
  const setRole = useMutation(AddMemberMutation);
  if (!project) return <section><h1>Members</h1>{empty}</section>;
  const manage = ownsProject(project, me);
  const owners = project.members.filter((m) => m.role === 'OWNER').length;
  const target = project.members.find((m) => m.user.id === route.target);
  const changed = (message: string) => {
    route.close();
    setNotice(message);
    refreshSetup();
  };
  const changeRole = async (userId: string, email: string, role: ProjectRole) => {
    if (await setRole.mutate({ projectId: project.id, userId, role })) changed(`${email} is now ${role.toLowerCase()} of ${project.name}.`);
  };
  return (
    <section>
      <h1>Members of {project.name}</h1>
      {picker}
      <p class="hint">
        Owners manage the project, its members and its tokens; editors change its devices; viewers read. A project always keeps at least one owner: to hand it over, make
        someone else owner first, then change or remove yourself.
      </p>
      <p class="notice" role="status">
        {notice}
      </p>
      <ErrorText message={setRole.error} />
      <div class="table-wrap">
        <table class="cards">
          <caption>Members of {project.name}</caption>
          <thead>
            <tr>
              <th scope="col">E-mail</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {project.members.map((m) => {
              const lastOwner = m.role === 'OWNER' && owners === 1;
              return (
                <tr key={m.user.id}>
                  <th scope="row">{m.user.email}</th>
                  <td data-label="Name">{m.user.name ?? '—'}</td>
                  <td data-label="Role">
                    {manage && !lastOwner ? (
                      <select aria-label={`Role of ${m.user.email}`} value={m.role} disabled={setRole.busy} onChange={(e) => changeRole(m.user.id, m.user.email, e.currentTarget.value as ProjectRole)}>
                        {ROLES.map((r) => (
                          <option key={r.value} value={r.value}>
                            {r.label}
                          </option>
                        ))}
                      </select>
                    ) : (
                      ROLES.find((r) => r.value === m.role)!.label
                    )}
                    {lastOwner && <span class="description">The last owner: make someone else owner before changing or removing this one.</span>}
                  </td>
                  <td class="actions-cell">
                    <RowActions
                      subject={m.user.email}
                      actions={manage && !lastOwner ? [{ label: 'Remove', name: `Remove ${m.user.email}`, danger: true, run: () => route.open('remove', m.user.id) }] : []}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {manage ? (
        <AddMemberForm project={project} onDone={(email, role) => changed(`Added ${email} as ${role.toLowerCase()}.`)} />
      ) : (
        <p class="hint">Only the owners of {project.name} add or remove members; ask one of those listed as Owner.</p>
      )}
      {route.dialog === 'remove' && target && (
        <RemoveMemberDialog project={project} member={target} onClose={route.close} onDone={() => changed(`Removed ${target.user.email} from ${project.name}.`)} />
      )}
    </section>
  );
}
