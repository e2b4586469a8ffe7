// Make or edit a webhook (URL, events, whose tokens; on/off when editing), and delete one.
import { useState } from 'preact/hooks';
import type { Project } from '../context.js';
import { onSubmit, useMutation } from '../data.js';
import type { WebhookEvent } from '../gql/graphql.js';
import { CreateWebhookMutation, DeleteWebhookMutation, UpdateWebhookMutation } from '../operations-webhooks.js';
import { Dialog, FormActions } from '../ui.js';
import { Input, Select } from '../widgets.js';
import { EVENTS, type Hook } from './Webhooks.js';

/** The select's value for an instance-wide hook: no project id is ever empty. */
const EVERY_TOKEN = '';

interface WebhookDialogProps {
  hook?: Hook;
  /** Admins may make instance-wide hooks. */
  admin: boolean;
  /** Projects the viewer may make hooks for. */
  projects: readonly Project[];
  onClose(): void;
  onDone(message: string): void;
  /** After creating: the signing secret, shown once. */
  onCreated?(secret: string, url: string): void;
}

export function WebhookDialog({ hook, admin, projects, onClose, onDone, onCreated }: WebhookDialogProps) {
  const [url, setUrl] = useState(hook?.url ?? '');
  const [events, setEvents] = useState<Set<WebhookEvent>>(new Set(hook?.events ?? ['TOKEN_EXPIRING', 'TOKEN_EXPIRED', 'TOKEN_REVOKED']));
  const [scope, setScope] = useState(admin ? EVERY_TOKEN : (projects[0]?.id ?? EVERY_TOKEN));
  const [enabled, setEnabled] = useState(hook?.enabled ?? true);
  const create = useMutation(CreateWebhookMutation);
  const update = useMutation(UpdateWebhookMutation);
  const mutation = hook ? update : create;
  const toggle = (event: WebhookEvent) => {
    const next = new Set(events);
    if (!next.delete(event)) next.add(event);
    setEvents(next);
  };
  const submit = onSubmit(async () => {
    if (events.size === 0) return mutation.setError('Choose at least one event.');
    // In the form's order, so the list reads the same wherever it is shown.
    const chosen = EVENTS.map((e) => e.value).filter((e) => events.has(e));
    if (hook) {
      if (await update.mutate({ id: hook.id, input: { url: url.trim(), events: chosen, enabled } })) onDone(`Saved the hook to ${url.trim()}.`);
      return;
    }
    const data = await create.mutate({ input: { url: url.trim(), events: chosen, projectId: scope === EVERY_TOKEN ? null : scope } });
    if (data) onCreated?.(data.createWebhook.secret, data.createWebhook.webhook.url);
  });
  const scopes = [...(admin ? [{ value: EVERY_TOKEN, label: 'Every token (instance-wide)' }] : []), ...projects.map((p) => ({ value: p.id, label: `Project ${p.name}` }))];
  return (
    <Dialog title={hook ? `Edit the hook to ${hook.url}` : 'New webhook'} onClose={onClose}>
      <form onSubmit={submit}>
        <Input
          label="URL"
          type="url"
          required
          maxLength={2000}
          autocomplete="off"
          value={url}
          onValue={setUrl}
          hint="http:// or https://, reachable from the gateway; private and loopback addresses are refused."
        />
        {!hook && <Select label="Tokens it hears" value={scope} onValue={setScope} options={scopes} />}
        <fieldset>
          <legend>Events</legend>
          <ul class="checks">
            {EVENTS.map((e) => (
              <li key={e.value}>
                <label>
                  <input type="checkbox" checked={events.has(e.value)} onChange={() => toggle(e.value)} /> {e.label}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        {hook && (
          <label class="inline">
            <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} /> Enabled (a disabled hook sends nothing)
          </label>
        )}
        <FormActions label={hook ? 'Save webhook' : 'Create webhook'} busy={mutation.busy} error={mutation.error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function DeleteWebhookDialog({ hook, onClose, onDone }: { hook: Hook; onClose(): void; onDone(): void }) {
  const remove = useMutation(DeleteWebhookMutation);
  const submit = onSubmit(async () => {
    if (await remove.mutate({ id: hook.id })) onDone();
  });
  return (
    <Dialog title="Delete webhook" onClose={onClose}>
      <form onSubmit={submit}>
        <p>
          No more token events go to <code>{hook.url}</code>, and its deliveries are deleted with it, pending ones too. It cannot be undone.
        </p>
        <FormActions label="Delete webhook" tone="danger" busy={remove.busy} error={remove.error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
