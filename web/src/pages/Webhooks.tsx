// Webhooks: the hooks the viewer manages (admins: instance-wide and every project's; OWNERs: their
// projects'), made, edited, switched on and off and deleted here, with each hook's deliveries.
import { useState } from 'preact/hooks';
import { ownsProject, useConsole } from '../context.js';
import { request } from '../api.js';
import { useMutation, usePaged } from '../data.js';
import type { ConsoleWebhooksQuery, WebhookEvent } from '../gql/graphql.js';
import { UpdateWebhookMutation, WebhooksQuery } from '../operations-webhooks.js';
import { SecretDialog } from '../TokenDialogs.js';
import { ErrorText, When } from '../ui.js';
import { Empty, LoadMore, RowActions, useDialogRoute } from '../widgets.js';
import { DeliveriesDialog } from './WebhookDeliveries.js';
import { DeleteWebhookDialog, WebhookDialog } from './WebhookDialogs.js';

export type Hook = ConsoleWebhooksQuery['webhooks']['nodes'][number];

/** Every event, in the order the form lists them, with the words people use. */
export const EVENTS: readonly { value: WebhookEvent; label: string }[] = [
  { value: 'TOKEN_CREATED', label: 'Created' },
  { value: 'TOKEN_UPDATED', label: 'Updated' },
  { value: 'TOKEN_REGENERATED', label: 'Regenerated or rotated' },
  { value: 'TOKEN_REVOKED', label: 'Revoked' },
  { value: 'TOKEN_EXPIRING', label: 'Expiring soon' },
  { value: 'TOKEN_EXPIRED', label: 'Expired' },
  { value: 'TOKEN_EXPOSED', label: 'Exposed' },
  { value: 'TOKEN_IP_DENIED', label: 'Refused from an address' },
  { value: 'TOKEN_ROTATED_SECRET_REUSED', label: 'Retired secret used again' },
];

export const eventLabel = (event: WebhookEvent) => EVENTS.find((e) => e.value === event)?.label ?? event;
const scopeOf = (hook: Hook) => (hook.project ? hook.project.name : 'Every token');

function HookState({ hook }: { hook: Hook }) {
  if (hook.enabled && !hook.failingSince) return <span class="status active">Enabled</span>;
  if (hook.enabled) return <span class="status expired">Failing since <When at={hook.failingSince} /></span>;
  return <span class="status revoked">Disabled{hook.disabledReason ? `: ${hook.disabledReason}` : ''}</span>;
}

export function WebhooksPage() {
  const { me, setup } = useConsole();
  const route = useDialogRoute();
  const hooks = usePaged('webhooks', (after) => request(WebhooksQuery, { after }).then((d) => d.webhooks));
  const rows = hooks.data ?? [];
  const toggle = useMutation(UpdateWebhookMutation);
  const [notice, setNotice] = useState<string>();
  // Plain state, never the address: a signing secret must vanish on reload.
  const [secret, setSecret] = useState<{ value: string; url: string }>();
  const owned = setup.projects.filter((p) => ownsProject(p, me));
  const creates = me.role === 'ADMIN' || owned.length > 0;
  const target = hooks.data?.find((h) => h.id === route.target);
  const changed = (message: string) => {
    route.close();
    setNotice(message);
    hooks.refetch();
  };
  const setEnabled = async (hook: Hook, enabled: boolean) => {
    if (await toggle.mutate({ id: hook.id, input: { enabled } })) {
      setNotice(`${enabled ? 'Enabled' : 'Disabled'} the hook to ${hook.url}.`);
      hooks.refetch();
    }
  };
  const count = hooks.total;
  return (
    <section>
      <div class="section-head">
        <h1>Webhooks</h1>
        {creates && (
          <button type="button" class="primary" onClick={() => route.open('new')}>
            New webhook
          </button>
        )}
      </div>
      <p class="hint">Token events, signed as Standard Webhooks, sent to your systems once each, retried for up to a day.</p>
      <p class="notice" role="status">
        {notice ?? (count !== undefined ? `${count} webhook${count === 1 ? '' : 's'}.` : '')}
      </p>
      <ErrorText message={hooks.error ?? toggle.error} />
      {hooks.loading && !hooks.data && <p>Loading…</p>}
      {count === 0 && (
        <Empty>
          <p>No webhooks yet.</p>
          <p>{creates ? 'Choose “New webhook” to tell another system when a token is created, revoked or about to expire.' : 'Project owners and admins add webhooks for the tokens they manage.'}</p>
        </Empty>
      )}
      {rows.length > 0 && (
        <div class="table-wrap">
          <table class="cards">
            <caption>Webhooks</caption>
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Tokens</th>
                <th scope="col">Events</th>
                <th scope="col">State</th>
                <th scope="col">Created</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((h) => (
                <tr key={h.id}>
                  <th scope="row" class="url-cell">
                    {h.url}
                  </th>
                  <td data-label="Tokens">{scopeOf(h)}</td>
                  <td data-label="Events">{h.events.map(eventLabel).join(', ')}</td>
                  <td data-label="State">
                    <HookState hook={h} />
                  </td>
                  <td data-label="Created">
                    <When at={h.createdAt} />
                  </td>
                  <td class="actions-cell">
                    <RowActions
                      subject={h.url}
                      actions={[
                        { label: 'Deliveries', name: `Deliveries of ${h.url}`, run: () => route.open('deliveries', h.id) },
                        { label: 'Edit', name: `Edit ${h.url}`, run: () => route.open('edit', h.id) },
                        h.enabled
                          ? { label: 'Disable', name: `Disable ${h.url}`, run: () => void setEnabled(h, false) }
                          : { label: 'Enable', name: `Enable ${h.url}`, run: () => void setEnabled(h, true) },
                        { label: 'Delete', name: `Delete ${h.url}`, danger: true, run: () => route.open('delete', h.id) },
                      ]}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={hooks} />
      {route.dialog === 'new' && creates && (
        <WebhookDialog
          admin={me.role === 'ADMIN'}
          projects={owned}
          onClose={route.close}
          onCreated={(value, url) => {
            changed(`Created the hook to ${url}.`);
            setSecret({ value, url });
          }}
          onDone={changed}
        />
      )}
      {route.dialog === 'edit' && target && <WebhookDialog hook={target} admin={false} projects={[]} onClose={route.close} onDone={changed} />}
      {route.dialog === 'delete' && target && <DeleteWebhookDialog hook={target} onClose={route.close} onDone={() => changed(`Deleted the hook to ${target.url}.`)} />}
      {route.dialog === 'deliveries' && target && <DeliveriesDialog hook={target} onClose={route.close} />}
      {route.dialog && route.target && hooks.data && !target && <p role="alert" class="error">That webhook does not exist, or you do not manage it.</p>}
      {secret && (
        <SecretDialog
          title={`Signing secret for ${secret.url}`}
          label="Signing secret"
          warning="Copy this signing secret now and give it to the receiver: it verifies every delivery with it. It will not be shown again."
          secret={secret.value}
          onClose={() => setSecret(undefined)}
        />
      )}
    </section>
  );
}
