import { When } from '../ui.js';
import type { AuditEvent } from './Audit.js';

export function AuditTable({ events, onToken }: { events: AuditEvent[]; onToken(id: string): void }) {
  return (
    <div class="table-wrap">
      <table class="cards">
        <caption>Token events, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Event</th>
            <th scope="col">Token</th>
            <th scope="col">Actor</th>
            <th scope="col">Address</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <th scope="row">
                <When at={e.createdAt} />
              </th>
              <td data-label="Event">{e.kind}</td>
              <td data-label="Token">
                <button type="button" class="link" aria-label={`Only events of ${e.token.name}`} onClick={() => onToken(e.token.id)}>
                  {e.token.name}
                </button>
              </td>
              <td data-label="Actor">{e.actor?.email ?? 'the gateway'}</td>
              <td data-label="Address">{e.ip ?? '—'}</td>
              <td data-label="Details">
                <code class="metadata">{e.details == null ? '—' : JSON.stringify(e.details)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
