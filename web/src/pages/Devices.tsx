// A project's devices: status and last seen, paged here (the API answers the whole list), create,
// edit name and metadata, delete.
import { useState } from 'preact/hooks';
import { editsDevices, useConsole } from '../context.js';
import { useQuery } from '../data.js';
import type { ConsoleDeviceListQuery } from '../gql/graphql.js';
import { DeviceListQuery } from '../operations-admin.js';
import { ErrorText, When } from '../ui.js';
import { Empty, Pager, RowActions, useDialogRoute, usePages } from '../widgets.js';
import { DeleteDeviceDialog, DeviceDialog } from './DeviceDialogs.js';
import { useProjectChoice } from './ProjectPicker.js';

export type Device = ConsoleDeviceListQuery['devices'][number];

const STATUS = { ONLINE: 'Online', OFFLINE: 'Offline', UNKNOWN: 'Unknown' } as const;
const PAGE_SIZE = 25;

export function DevicesPage() {
  const { me } = useConsole();
  const route = useDialogRoute();
  const { project, picker, empty } = useProjectChoice();
  const devices = useQuery(DeviceListQuery, { projectId: project?.id ?? '' }, { skip: !project });
  // By name, so a device keeps its page while others change status.
  const sorted = [...(devices.data?.devices ?? [])].sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  const paging = usePages(sorted, PAGE_SIZE);
  const [notice, setNotice] = useState<string>();
  if (!project) return <section><h1>Devices</h1>{empty}</section>;
  const write = editsDevices(project, me);
  const target = devices.data?.devices.find((d) => d.id === route.target);
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
        {notice ?? (devices.data ? `${devices.data.devices.length} device${devices.data.devices.length === 1 ? '' : 's'}.` : '')}
      </p>
      <ErrorText message={devices.error} />
      {devices.loading && !devices.data && <p>Loading…</p>}
      {devices.data?.devices.length === 0 && (
        <Empty>
          <p>{project.name} has no devices yet.</p>
          <p>{write ? 'Choose “New device” to register one; its status and last-seen time appear here once it reports.' : 'Its owners and editors register devices.'}</p>
        </Empty>
      )}
      {paging.rows.length > 0 && (
        <div class="table-wrap">
          <table class="cards">
            <caption>Devices of {project.name}, page {paging.page + 1}</caption>
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
              {paging.rows.map((d) => (
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
      <Pager {...paging} label="Devices" />
      {route.dialog === 'new' && write && <DeviceDialog projectId={project.id} onClose={route.close} onDone={(name) => changed(`Created ${name}.`)} />}
      {route.dialog === 'edit' && target && <DeviceDialog projectId={project.id} device={target} onClose={route.close} onDone={(name) => changed(`Saved ${name}.`)} />}
      {route.dialog === 'delete' && target && <DeleteDeviceDialog device={target} onClose={route.close} onDone={() => changed(`Deleted ${target.name}.`)} />}
      {route.dialog && route.target && devices.data && !target && <p role="alert" class="error">That device does not exist in {project.name}, or you may not see it.</p>}
    </section>
  );
}
