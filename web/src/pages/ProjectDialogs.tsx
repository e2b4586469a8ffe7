// The dialogs of the Projects page.
import { useState } from 'preact/hooks';
import type { Project } from '../context.js';
import { onSubmit, useMutation, useQuery } from '../data.js';
import { CreateProjectMutation, DeleteProjectMutation, ProjectDetailQuery, ProjectTokenCountQuery, UpdateProjectMutation } from '../operations-admin.js';
import { Dialog, ErrorText, FormActions } from '../ui.js';
import { Input } from '../widgets.js';

export function CreateProjectDialog({ onClose, onDone }: { onClose(): void; onDone(name: string): void }) {
  const [name, setName] = useState('');
  const create = useMutation(CreateProjectMutation);
  const submit = onSubmit(async () => {
    const data = await create.mutate({ name });
    if (data) onDone(data.createProject.name);
  });
  return (
    <Dialog title="New project" onClose={onClose}>
      <form onSubmit={submit}>
        <Input label="Project name" required maxLength={200} autocomplete="off" value={name} onValue={setName} />
        <FormActions label="Create project" busy={create.busy} error={create.error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function RenameProjectDialog({ project, onClose, onDone }: { project: Project; onClose(): void; onDone(name: string): void }) {
  const [name, setName] = useState(project.name);
  const update = useMutation(UpdateProjectMutation);
  const submit = onSubmit(async () => {
    const data = await update.mutate({ id: project.id, name });
    if (data) onDone(data.updateProject.name);
  });
  return (
    <Dialog title={`Rename ${project.name}`} onClose={onClose}>
      <form onSubmit={submit}>
        <Input label="New name" required maxLength={200} autocomplete="off" value={name} onValue={setName} />
        <FormActions label="Rename" busy={update.busy} error={update.error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Names what goes with the project before anything is deleted. */
export function DeleteProjectDialog({ project, onClose, onDone }: { project: Project; onClose(): void; onDone(): void }) {
  const detail = useQuery(ProjectDetailQuery, { id: project.id });
  const tokens = useQuery(ProjectTokenCountQuery, { id: project.id });
  const remove = useMutation(DeleteProjectMutation);
  const submit = onSubmit(async () => {
    if (await remove.mutate({ id: project.id })) onDone();
  });
  const devices = detail.data?.project?.devices.totalCount;
  const members = detail.data?.project?.members.totalCount;
  const active = tokens.data?.project?.tokens.totalCount;
  return (
    <Dialog title={`Delete ${project.name}`} onClose={onClose}>
      <form onSubmit={submit}>
        <p>Deleting {project.name} also deletes, for good:</p>
        <ul>
          <li>{devices === undefined ? 'its devices' : count(devices, 'device')}, with every token permission that names one of them;</li>
          <li>{members === undefined ? 'its memberships' : count(members, 'membership')} (the people stay, without access to it);</li>
          <li>and revokes {active === undefined ? 'its project tokens' : count(active, 'active project token')} (revoked tokens stay listed).</li>
        </ul>
        <p>It cannot be undone.</p>
        <ErrorText message={detail.error ?? tokens.error} />
        {/* Confirming is held until both counts are shown, so nobody deletes on a half-stated warning. */}
        <FormActions label="Delete project" tone="danger" busy={remove.busy || detail.loading || tokens.loading} error={remove.error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
