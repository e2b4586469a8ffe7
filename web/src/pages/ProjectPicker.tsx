// The project a per-project page shows, kept in the URL (?project=<id>) so the view can be shared.
import type { JSX } from 'preact';
import { useId } from 'preact/hooks';
import { useConsole, type Project } from '../context.js';
import { Empty, useDialogRoute } from '../widgets.js';

/** The chosen project (or the first one), and a labelled select to switch. */
export function useProjectChoice(): { project: Project | undefined; picker: JSX.Element; empty: JSX.Element } {
  const { setup } = useConsole();
  const route = useDialogRoute();
  const id = useId();
  const project = setup.projects.find((p) => p.id === route.query.project) ?? setup.projects[0];
  const unknown = route.query.project && project?.id !== route.query.project;
  const refusal = unknown ? <p role="alert" class="error">The linked project does not exist, or you are not one of its members. Showing {project?.name ?? 'nothing'} instead.</p> : null;
  const select =
    setup.projects.length > 1 ? (
      <div class="field picker">
        <label for={id}>Project</label>
        <select id={id} value={project?.id} onChange={(e) => route.set({ project: e.currentTarget.value, dialog: undefined, target: undefined })}>
          {setup.projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
    ) : null;
  const picker = (
    <>
      {refusal}
      {select}
    </>
  );
  const empty = (
    <Empty>
      <p>You are not a member of any project yet.</p>
      <p>
        <a href="/console/projects?dialog=new">Create a project</a> (you become its owner), or ask a project's owner to add you on its Members page.
      </p>
    </Empty>
  );
  return { project, picker, empty };
}
