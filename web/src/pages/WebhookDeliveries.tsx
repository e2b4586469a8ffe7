// One hook's deliveries, newest first, paged by the API's cursors: status, response code,
// attempts and times, with a redelivery for each.
import { useState } from 'preact/hooks';
import { useMutation, useQuery } from '../data.js';
import type { WebhookDeliveryStatus } from '../gql/graphql.js';
import { RedeliverWebhookMutation, WebhookDeliveriesQuery } from '../operations-webhooks.js';
import { Dialog, ErrorText, When } from '../ui.js';
import { Empty, RowActions } from '../widgets.js';
import { eventLabel, type Hook } from './Webhooks.js';

const STATUS: Record<WebhookDeliveryStatus, string> = { DELIVERED: 'Delivered', PENDING: 'Pending', FAILED: 'Failed' };
const STATUS_CLASS: Record<WebhookDeliveryStatus, string> = { DELIVERED: 'active', PENDING: 'pending', FAILED: 'revoked' };

export function DeliveriesDialog({ hook, onClose }: { hook: Hook; onClose(): void }) {
  // The cursors of the pages before this one: Previous pops, Next pushes.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors.at(-1) ?? null;
  const deliveries = useQuery(WebhookDeliveriesQuery, { webhookId: hook.id, after });
  const redeliver = useMutation(RedeliverWebhookMutation);
  const [notice, setNotice] = useState<string>();
  const page = deliveries.data?.webhookDeliveries;
  const again = async (id: string) => {
    if (await redeliver.mutate({ deliveryId: id })) {
      setNotice('Queued again, with the same webhook-id: it is sent within seconds.');
      // The new delivery is the newest: show the first page.
      if (cursors.length > 1) setCursors([null]);
      else deliveries.refetch();
    }
  };
  return (
    <Dialog title={`Deliveries to ${hook.url}`} onClose={onClose} wide>
      <p class="notice" role="status">
        {notice ?? (page ? `Page ${cursors.length}: ${page.nodes.length} deliver${page.nodes.length === 1 ? 'y' : 'ies'}, newest first.` : '')}
      </p>
      <ErrorText message={deliveries.error ?? redeliver.error} />
      {deliveries.loading && !page && <p>Loading…</p>}
      {page?.nodes.length === 0 && (
        <Empty>
          <p>Nothing sent yet. A delivery appears here as soon as a token event this hook hears happens.</p>
        </Empty>
      )}
      {page && page.nodes.length > 0 && (
        <div class="table-wrap">
          <table class="cards">
            <caption>Deliveries to {hook.url}, page {cursors.length}</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Response</th>
                <th scope="col">Attempts</th>
                <th scope="col">Created</th>
                <th scope="col">Last attempt</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {page.nodes.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{eventLabel(d.event)}</th>
                  <td data-label="Status">
                    <span class={`status ${STATUS_CLASS[d.status]}`}>{STATUS[d.status]}</span>
                    {d.status === 'PENDING' && d.nextAttemptAt && (
                      <>
                        {' '}
                        (next <When at={d.nextAttemptAt} />)
                      </>
                    )}
                  </td>
                  <td data-label="Response">
                    {d.lastResponseStatus ?? '—'}
                    {d.lastError && <span class="hint"> {d.lastError}</span>}
                  </td>
                  <td data-label="Attempts">{d.attempts}</td>
                  <td data-label="Created">
                    <When at={d.createdAt} />
                  </td>
                  <td data-label="Last attempt">
                    <When at={d.lastAttemptAt} />
                  </td>
                  <td class="actions-cell">
                    <RowActions
                      subject={`${eventLabel(d.event)} delivery`}
                      actions={[{ label: 'Redeliver', name: `Redeliver the ${eventLabel(d.event).toLowerCase()} delivery of ${d.createdAt}`, run: () => void again(d.id) }]}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager" aria-label="Deliveries pages">
        <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          Newer
        </button>
        <button type="button" disabled={!page?.pageInfo.hasNextPage} onClick={() => page?.pageInfo.endCursor && setCursors([...cursors, page.pageInfo.endCursor])}>
          Older
        </button>
      </nav>
      <div class="actions">
        <button type="button" class="primary" onClick={deliveries.refetch}>
          Refresh
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
