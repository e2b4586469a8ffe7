// A project's devices, oldest first, a page at a time from the API: status and last seen, create,
// edit name and metadata, delete.
import { useState } from 'preact/hooks';
import { request } from '../api.js';
import { editsDevices, useConsole } from '../context.js';
import { usePaged } from '../data.js';
import type { ConsoleDeviceListQuery } from '../gql/graphql.js';
import { DeviceListQuery } from '../operations-admin.js';
import { ErrorText, When } from '../ui.js';
import { Empty, LoadMore, RowActions, useDialogRoute } from '../widgets.js';
import { DeleteDeviceDialog, DeviceDialog } from './DeviceDialogs.js';
import { useProjectChoice } from './ProjectPicker.js';

export type Device = ConsoleDeviceListQuery['devices']['nodes'][number];

const STATUS = { ONLINE: 'Online', OFFLINE: 'Offline', UNKNOWN: 'Unknown' } as const;

export function DevicesPage() {
  const { me } = useConsole();
  const route = useDialogRoute();
  const { project, picker, empty } = useProjectChoice();
  const projectId = project?.id ?? '';
  const devices = usePaged(projectId, (after) => request(DeviceListQuery, { projectId, after }).then((d) => d.devices), !project);
  const [notice, setNotice] = useState<string>();
  if (!project) return <section><h1>Devices</h1>{empty}</section>;
  const write = editsDevices(project, me);
  const rows = devices.data ?? [];
  const target = rows.find((d) => d.id === route.target);
  const changed = (message: string) => {
    route.close();
    setNotice(message);
    devices.refetch();
  };
  return (
    <section>
      <div class="section-head">
        <h1>Devices of {project.name}</h1>
        {write && (
          <button type="button" class="primary" onClick={() => route.open('new')}>
            New device
          </button>
        )}
      </div>
      {picker}
      <p class="notice" role="status">
        {notice ?? (devices.total !== undefined ? `${devices.total} device${devices.total === 1 ? '' : 's'}.` : '')}
      </p>
      <ErrorText message={devices.error} />
      {devices.loading && !devices.data && <p>Loading…</p>}
      {devices.total === 0 && (
        <Empty>
          <p>{project.name} has no devices yet.</p>
          <p>{write ? 'Choose “New device” to register one; its status and last-seen time appear here once it reports.' : 'Its owners and editors register devices.'}</p>
        </Empty>
      )}
      {rows.length > 0 && (
        <div class="table-wrap">
          <table class="cards">
            <caption>Devices of {project.name}, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Last seen</th>
                <th scope="col">Metadata</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{d.name}</th>
                  <td data-label="Status">
                    <span class={`status ${d.status.toLowerCase()}`}>{STATUS[d.status]}</span>
                  </td>
                  <td data-label="Last seen">
                    <When at={d.lastSeenAt} />
                  </td>
                  <td data-label="Metadata">
                    <code class="metadata">{d.metadata == null ? '—' : JSON.stringify(d.metadata)}</code>
                  </td>
                  <td class="actions-cell">
                    <RowActions
                      subject={d.name}
                      actions={
                        write
                          ? [
                              { label: 'Edit', name: `Edit ${d.name}`, run: () => route.open('edit', d.id) },
                              { label: 'Delete', name: `Delete ${d.name}`, danger: true, run: () => route.open('delete', d.id) },
                            ]
                          : []
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={devices} what="devices" />
      {route.dialog === 'new' && write && <DeviceDialog projectId={project.id} onClose={route.close} onDone={(name) => changed(`Created ${name}.`)} />}
      {route.dialog === 'edit' && target && <DeviceDialog projectId={project.id} device={target} onClose={route.close} onDone={(name) => changed(`Saved ${name}.`)} />}
      {route.dialog === 'delete' && target && <DeleteDeviceDialog device={target} onClose={route.close} onDone={() => changed(`Deleted ${target.name}.`)} />}
      {route.dialog && route.target && devices.data && !devices.hasMore && !target && <p role="alert" class="error">That device does not exist in {project.name}, or you may not see it.</p>}
    </section>
  );
}
