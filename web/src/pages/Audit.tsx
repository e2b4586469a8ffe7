// The audit log (admins): every token event, filtered by token, actor, kind and time, all in the URL.
import { request } from '../api.js';
import { usePaged } from '../data.js';
import type { AuditEventFilter, ConsoleAuditQuery, TokenEventKind } from '../gql/graphql.js';
import { AuditQuery } from '../operations-admin.js';
import { ErrorText } from '../ui.js';
import { Empty, LoadMore, useDialogRoute } from '../widgets.js';
import { AuditFilters } from './AuditFilters.js';
import { AuditTable } from './AuditTable.js';

export type AuditEvent = ConsoleAuditQuery['auditEvents']['nodes'][number];

/** The URL's filter as the API's; dates are whole UTC days, `until` included. */
function filterOf(query: Record<string, string>): AuditEventFilter {
  const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    tokenId: query.token || null,
    actorId: query.actor || null,
    kinds: query.kind ? [query.kind as TokenEventKind] : null,
    since: query.since ? `${query.since}T00:00:00Z` : null,
    until: query.until ? nextDay(query.until) : null,
  };
}

export function AuditPage() {
  const route = useDialogRoute();
  const filter = filterOf(route.query);
  const key = JSON.stringify(filter);
  const list = usePaged(key, (after) => request(AuditQuery, { filter, after }).then((d) => d.auditEvents));
  const events = list.data ?? [];
  const filtered = Object.values(filter).some((v) => v !== null);
  const total = list.total;
  return (
    <section>
      <h1>Audit log</h1>
      <AuditFilters query={route.query} onApply={(params) => route.set(params)} />
      <p class="notice" role="status">
        {total === undefined ? '' : `${total} event${total === 1 ? '' : 's'}${filtered ? ' match the filter' : ''}.`}
      </p>
      <ErrorText message={list.error} />
      {list.loading && !list.data && <p>Loading…</p>}
      {total === 0 && (
        <Empty>
          <p>
            {filtered
              ? 'No event matches. Widen the time range or clear a filter.'
              : 'No token events yet. Creating, editing, regenerating, copying and revoking tokens, and their use from new addresses, are recorded here.'}
          </p>
        </Empty>
      )}
      {events.length > 0 && <AuditTable events={events} onToken={(id) => route.set({ token: id })} />}
      <LoadMore list={list} />
    </section>
  );
}
