// The token form's permission rows: entity x action x (all projects | a project | a device).
import { useId, useState } from 'preact/hooks';
import { useConsole } from './context.js';
import { useQuery } from './data.js';
import { grantKey, grantLabel, type GrantView } from './format.js';
import { DevicesQuery } from './operations.js';
import { ErrorText } from './ui.js';

/** Permission rows added one at a time: entity x action x (all projects | a project | a device). */
export function PermissionRows({ grants, onChange, project }: { grants: GrantView[]; onChange(grants: GrantView[]): void; project?: { id: string; name: string } }) {
  const { setup } = useConsole();
  const [entity, setEntity] = useState<'PROJECT' | 'DEVICE'>('DEVICE');
  const [action, setAction] = useState<'READ' | 'WRITE'>('READ');
  const [projectId, setProjectId] = useState(project?.id ?? '');
  const [deviceId, setDeviceId] = useState('');
  const [error, setError] = useState<string>();
  const ids = { entity: useId(), action: useId(), project: useId(), device: useId(), caption: useId() };
  const deviceList = useQuery(DevicesQuery, { projectId }, { skip: !projectId || entity !== 'DEVICE' });
  const devices = deviceList.data?.devices.nodes ?? [];
  const unlisted = (deviceList.data?.devices.totalCount ?? 0) - devices.length;
  // A device of another project must not stay chosen.
  const chooseProject = (id: string) => {
    setProjectId(id);
    setDeviceId('');
  };

  const add = () => {
    setError(undefined);
    const chosenProject = setup.projects.find((p) => p.id === projectId) ?? project;
    const grant: GrantView = {
      entity,
      action,
      projectId: projectId || null,
      // The device choice only counts for a DEVICE row; it stays selected across a switch of entity.
      deviceId: entity === 'DEVICE' ? deviceId || null : null,
      project: chosenProject ? { name: chosenProject.name } : null,
      device: entity === 'DEVICE' && deviceId ? { name: devices.find((d) => d.id === deviceId)?.name ?? deviceId } : null,
    };
    if (grants.some((g) => grantKey(g) === grantKey(grant))) return setError('That permission is already in the list.');
    onChange([...grants, grant]);
  };

  return (
    <fieldset>
      <legend>Permissions</legend>
      <div class="row-builder">
        <div class="field">
          <label for={ids.entity}>Entity</label>
          <select id={ids.entity} value={entity} onChange={(e) => setEntity(e.currentTarget.value as 'PROJECT' | 'DEVICE')}>
            <option value="DEVICE">Device</option>
            <option value="PROJECT">Project</option>
          </select>
        </div>
        <div class="field">
          <label for={ids.action}>Action</label>
          <select id={ids.action} value={action} onChange={(e) => setAction(e.currentTarget.value as 'READ' | 'WRITE')}>
            <option value="READ">Read</option>
            <option value="WRITE">Write (includes read)</option>
          </select>
        </div>
        <div class="field">
          <label for={ids.project}>Project</label>
          <select id={ids.project} value={projectId} disabled={Boolean(project)} onChange={(e) => chooseProject(e.currentTarget.value)}>
            {!project && <option value="">All projects</option>}
            {(project ? [project] : setup.projects).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        {entity === 'DEVICE' && projectId && (
          <div class="field">
            <label for={ids.device}>Device</label>
            <select id={ids.device} value={deviceId} onChange={(e) => setDeviceId(e.currentTarget.value)}>
              <option value="">All devices of the project</option>
              {deviceList.loading && <option disabled>Loading devices…</option>}
              {devices.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
            {unlisted > 0 && <span class="description">The first {devices.length} devices; {unlisted} more are covered by “All devices of the project”.</span>}
          </div>
        )}
        <button type="button" onClick={add}>
          Add permission
        </button>
      </div>
      <ErrorText message={error ?? deviceList.error} />
      {grants.length === 0 ? (
        <p class="hint">No permissions yet: add at least one.</p>
      ) : (
        <table class="grants">
          <caption id={ids.caption}>Permissions of the token</caption>
          <thead>
            <tr>
              <th scope="col">Entity</th>
              <th scope="col">Action</th>
              <th scope="col">Resource</th>
              <th scope="col">
                <span class="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {grants.map((g) => (
              <tr key={grantKey(g)}>
                <td>{g.entity === 'DEVICE' ? 'Device' : 'Project'}</td>
                <td>{g.action === 'WRITE' ? 'Write' : 'Read'}</td>
                <td>{g.deviceId ? `device ${g.device?.name ?? g.deviceId}` : g.projectId ? `project ${g.project?.name ?? g.projectId}` : 'all projects'}</td>
                <td>
                  <button type="button" class="link" aria-label={`Remove ${grantLabel(g)}`} onClick={() => onChange(grants.filter((x) => grantKey(x) !== grantKey(g)))}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}
