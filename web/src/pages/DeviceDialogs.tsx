// Create or edit a device (name and JSON metadata), and delete one.
import { useId, useState } from 'preact/hooks';
import { onSubmit, useMutation } from '../data.js';
import { CreateDeviceMutation, DeleteDeviceMutation, UpdateDeviceMutation } from '../operations-admin.js';
import { Dialog, FormActions } from '../ui.js';
import { Input } from '../widgets.js';
import type { Device } from './Devices.js';

/** The metadata box's text as JSON; undefined when empty, an Error when it does not parse. */
function parseMetadata(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return new Error('Metadata must be JSON, e.g. {"room": "lab-2"}.');
  }
}

export function DeviceDialog({ projectId, device, onClose, onDone }: { projectId: string; device?: Device; onClose(): void; onDone(name: string): void }) {
  const [name, setName] = useState(device?.name ?? '');
  const [metadata, setMetadata] = useState(device?.metadata == null ? '' : JSON.stringify(device.metadata, null, 2));
  const create = useMutation(CreateDeviceMutation);
  const update = useMutation(UpdateDeviceMutation);
  const id = useId();
  const submit = onSubmit(async () => {
    const parsed = parseMetadata(metadata);
    if (parsed instanceof Error) return (device ? update : create).setError(parsed.message);
    if (device) {
      const data = await update.mutate({ id: device.id, name, metadata: parsed ?? null });
      if (data) onDone(data.updateDevice.name);
    } else {
      const data = await create.mutate({ projectId, name, metadata: parsed ?? null });
      if (data) onDone(data.createDevice.name);
    }
  });
  return (
    <Dialog title={device ? `Edit ${device.name}` : 'New device'} onClose={onClose}>
      <form onSubmit={submit}>
        <Input label="Device name" required maxLength={200} autocomplete="off" value={name} onValue={setName} />
        <div class="field">
          <label for={id}>Metadata (JSON, optional)</label>
          <textarea id={id} rows={4} class="mono" value={metadata} aria-describedby={`${id}-hint`} onInput={(e) => setMetadata(e.currentTarget.value)} />
          <p class="hint" id={`${id}-hint`}>
            Anything your tools want to keep with the device, e.g. {'{"room": "lab-2", "firmware": "1.4.0"}'}.{device ? ' Emptied, the metadata stays as it is.' : ''}
          </p>
        </div>
        <FormActions label={device ? 'Save device' : 'Create device'} busy={create.busy || update.busy} error={create.error ?? update.error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function DeleteDeviceDialog({ device, onClose, onDone }: { device: Device; onClose(): void; onDone(): void }) {
  const remove = useMutation(DeleteDeviceMutation);
  const submit = onSubmit(async () => {
    if (await remove.mutate({ id: device.id })) onDone();
  });
  return (
    <Dialog title={`Delete ${device.name}`} onClose={onClose}>
      <form onSubmit={submit}>
        <p>Token permissions that name {device.name} go with it, on every gateway at once. It cannot be undone.</p>
        <FormActions label="Delete device" tone="danger" busy={remove.busy} error={remove.error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
