// The audit log's filter form; applied into the URL so a filtered view can be shared.
import { useId, useState } from 'preact/hooks';
import { messageOf } from '../api.js';
import { ErrorText } from '../ui.js';
import { userByEmail, useUserSuggestions } from './Users.js';
import { Input, Select } from '../widgets.js';

const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const KINDS = ['CREATED', 'UPDATED', 'REGENERATED', 'COPIED', 'REVOKED', 'EXPIRED', 'EXPIRING', 'NEW_IP', 'DENIED_IP', 'ROTATED', 'ROTATED_SECRET_REUSED', 'EXPOSED'] as const;

export function AuditFilters({ query, onApply }: { query: Record<string, string>; onApply(params: Record<string, string | undefined>): void }) {
  const [token, setToken] = useState(query.token ?? '');
  // An e-mail as typed, or the user ID the URL holds (a shared link names the actor by ID).
  const [actor, setActor] = useState(query.actor ?? '');
  const suggested = useUserSuggestions(USER_ID.test(actor.trim()) ? '' : actor);
  const [error, setError] = useState<string>();
  const actorList = useId();
  const [kind, setKind] = useState(query.kind ?? '');
  const [since, setSince] = useState(query.since ?? '');
  const [until, setUntil] = useState(query.until ?? '');
  const apply = (params: Record<string, string>) => onApply(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.trim() || undefined])));
  const clear = () => {
    for (const set of [setToken, setActor, setKind, setSince, setUntil]) set('');
    setError(undefined);
    apply({ token: '', actor: '', kind: '', since: '', until: '' });
  };
  /** The actor's user ID: as given, or the user with the typed e-mail; undefined when none has it. */
  const actorId = async (): Promise<string | undefined> => {
    const typed = actor.trim();
    if (typed === '' || USER_ID.test(typed)) return typed;
    return (await userByEmail(typed))?.id;
  };
  return (
    <form
      class="filters"
      aria-label="Filter events"
      onSubmit={(e) => {
        e.preventDefault();
        setError(undefined);
        actorId().then(
          (id) => (id === undefined ? setError(`No user has the e-mail ${actor.trim()}.`) : apply({ token, actor: id, kind, since, until })),
          (failure: unknown) => setError(messageOf(failure)),
        );
      }}
    >
      <Input label="Token ID" value={token} onValue={setToken} autocomplete="off" pattern="[0-9a-fA-F-]{36}" title="A token's full ID" />
      <Input label="Actor" value={actor} onValue={setActor} autocomplete="off" list={actorList} placeholder="Anyone" hint="An e-mail or a user ID" />
      <datalist id={actorList}>
        {(suggested.data ?? []).map((u) => (
          <option key={u.id} value={u.email} />
        ))}
      </datalist>
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
      <ErrorText message={error} />
    </form>
  );
}
