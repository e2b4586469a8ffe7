// The audit log's filter form; applied into the URL so a filtered view can be shared.
import { useState } from 'preact/hooks';
import { useAllUsers } from './Users.js';
import { Input, Select } from '../widgets.js';

const KINDS = ['CREATED', 'UPDATED', 'REGENERATED', 'COPIED', 'REVOKED', 'EXPIRED', 'EXPIRING', 'NEW_IP', 'DENIED_IP', 'ROTATED', 'ROTATED_SECRET_REUSED', 'EXPOSED'] as const;

export function AuditFilters({ query, onApply }: { query: Record<string, string>; onApply(params: Record<string, string | undefined>): void }) {
  const users = useAllUsers();
  const [token, setToken] = useState(query.token ?? '');
  const [actor, setActor] = useState(query.actor ?? '');
  const [kind, setKind] = useState(query.kind ?? '');
  const [since, setSince] = useState(query.since ?? '');
  const [until, setUntil] = useState(query.until ?? '');
  const apply = (params: Record<string, string>) => onApply(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.trim() || undefined])));
  const clear = () => {
    for (const set of [setToken, setActor, setKind, setSince, setUntil]) set('');
    apply({ token: '', actor: '', kind: '', since: '', until: '' });
  };
  return (
    <form
      class="filters"
      aria-label="Filter events"
      onSubmit={(e) => {
        e.preventDefault();
        apply({ token, actor, kind, since, until });
      }}
    >
      <Input label="Token ID" value={token} onValue={setToken} autocomplete="off" pattern="[0-9a-fA-F-]{36}" title="A token's full ID" />
      <Select
        label="Actor"
        value={actor}
        onValue={setActor}
        options={[{ value: '', label: 'Anyone' }, ...(users.data ?? []).map((u) => ({ value: u.id, label: u.email }))]}
      />
      <Select label="Event" value={kind} onValue={setKind} options={[{ value: '', label: 'Any event' }, ...KINDS.map((k) => ({ value: k, label: k }))]} />
      <Input label="From (UTC day)" type="date" value={since} onValue={setSince} />
      <Input label="To (UTC day, included)" type="date" value={until} onValue={setUntil} />
      <div class="filter-actions">
        <button type="submit" class="primary">
          Apply
        </button>
        <button type="button" onClick={clear}>
          Clear
        </button>
      </div>
    </form>
  );
}
