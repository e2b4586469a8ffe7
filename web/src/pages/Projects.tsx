// Projects: create, rename, delete (saying what goes with it), and links to members and devices.
import { useState } from 'preact/hooks';
import { ownsProject, roleIn, useConsole } from '../context.js';
import { When } from '../ui.js';
import { Empty, Pager, RowActions, useDialogRoute, usePages } from '../widgets.js';
import { CreateProjectDialog, DeleteProjectDialog, RenameProjectDialog } from './ProjectDialogs.js';

const ROLE = { OWNER: 'Owner', EDITOR: 'Editor', VIEWER: 'Viewer' } as const;
const PAGE_SIZE = 25;

export function ProjectsPage() {
  const { me, setup, refreshSetup } = useConsole();
  const route = useDialogRoute();
  const [notice, setNotice] = useState<string>();
  const target = setup.projects.find((p) => p.id === route.target);
  // The console holds every project it may see (for pickers and roles): shown a page at a time.
  const paging = usePages(setup.projects, PAGE_SIZE);
  const changed = (message: string) => {
    route.close();
    setNotice(message);
    refreshSetup();
  };
  return (
    <section>
      <div class="section-head">
        <h1>Projects</h1>
        <button type="button" class="primary" onClick={() => route.open('new')}>
          New project
        </button>
      </div>
      <p class="notice" role="status">
        {notice}
      </p>
      {setup.projects.length === 0 ? (
        <Empty>
          <p>No projects yet. A project groups devices, the people who work on them (its members) and its own tokens.</p>
          <p>Choose “New project” to make one: you become its owner and can add members.</p>
        </Empty>
      ) : (
        <div class="table-wrap">
          <table class="cards">
            <caption>Projects you can see</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Your role</th>
                <th scope="col">Members and devices</th>
                <th scope="col">Created</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {paging.rows.map((p) => {
                const owner = ownsProject(p, me);
                const role = roleIn(p, me);
                return (
                  <tr key={p.id}>
                    <th scope="row">{p.name}</th>
                    <td data-label="Your role">{role ? ROLE[role] : 'Admin (not a member)'}</td>
                    <td data-label="See">
                      <a href={`/console/members?project=${p.id}`}>{p.members.totalCount} member{p.members.totalCount === 1 ? '' : 's'}</a> ·{' '}
                      <a href={`/console/devices?project=${p.id}`}>devices</a>
                    </td>
                    <td data-label="Created">
                      <When at={p.createdAt} />
                    </td>
                    <td class="actions-cell">
                      <RowActions
                        subject={p.name}
                        actions={
                          owner
                            ? [
                                { label: 'Rename', name: `Rename ${p.name}`, run: () => route.open('rename', p.id) },
                                { label: 'Delete', name: `Delete ${p.name}`, danger: true, run: () => route.open('delete', p.id) },
                              ]
                            : []
                        }
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager {...paging} label="Projects" />
      {route.dialog === 'new' && <CreateProjectDialog onClose={route.close} onDone={(name) => changed(`Created ${name}. You are its owner.`)} />}
      {route.dialog === 'rename' && target && <RenameProjectDialog project={target} onClose={route.close} onDone={(name) => changed(`Renamed to ${name}.`)} />}
      {route.dialog === 'delete' && target && <DeleteProjectDialog project={target} onClose={route.close} onDone={() => changed(`Deleted ${target.name}.`)} />}
      {route.dialog && route.target && !target && <p role="alert" class="error">That project does not exist, or you are not one of its members.</p>}
    </section>
  );
}
