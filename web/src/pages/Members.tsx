// A project's members: add by e-mail, change role, remove; the last OWNER explained up front.
import { useState } from 'preact/hooks';
import { request } from '../api.js';
import { ownsProject, useConsole } from '../context.js';
import { useMutation, usePaged } from '../data.js';
import type { ProjectRole } from '../gql/graphql.js';
import { AddMemberMutation, MemberListQuery } from '../operations-admin.js';
import { ErrorText } from '../ui.js';
import { LoadMore, RowActions, useDialogRoute } from '../widgets.js';
import { AddMemberForm, RemoveMemberDialog, ROLES } from './MemberForms.js';
import { useProjectChoice } from './ProjectPicker.js';

export function MembersPage() {
  const { me, refreshSetup } = useConsole();
  const route = useDialogRoute();
  const { project, picker, empty } = useProjectChoice();
  const [notice, setNotice] = useState<string>();
  const setRole = useMutation(AddMemberMutation);
  const projectId = project?.id ?? '';
  const members = usePaged(
    projectId,
    (after) => request(MemberListQuery, { id: projectId, after }).then((d) => d.project?.members ?? { nodes: [], totalCount: 0, pageInfo: { hasNextPage: false } }),
    !project,
  );
  if (!project) return <section><h1>Members</h1>{empty}</section>;
  const manage = ownsProject(project, me);
  const rows = members.data ?? [];
  // Counted on the rows shown; the API refuses to remove or demote the last OWNER in any case.
  const owners = rows.filter((m) => m.role === 'OWNER').length;
  const target = rows.find((m) => m.user.id === route.target);
  const changed = (message: string) => {
    route.close();
    setNotice(message);
    members.refetch();
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
      <ErrorText message={setRole.error ?? members.error} />
      {members.loading && !members.data && <p>Loading…</p>}
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
            {rows.map((m) => {
              const lastOwner = m.role === 'OWNER' && owners === 1 && !members.hasMore;
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
      <LoadMore list={members} what="members" />
      {manage ? (
        <AddMemberForm project={project} members={members.data && !members.hasMore ? rows : undefined} onDone={(email, role) => changed(`Added ${email} as ${role.toLowerCase()}.`)} />
      ) : (
        <p class="hint">Only the owners of {project.name} add or remove members; ask one of those listed as Owner.</p>
      )}
      {route.dialog === 'remove' && target && (
        <RemoveMemberDialog project={project} member={target} onClose={route.close} onDone={() => changed(`Removed ${target.user.email} from ${project.name}.`)} />
      )}
    </section>
  );
}
