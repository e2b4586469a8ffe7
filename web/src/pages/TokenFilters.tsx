// The All tokens page's hygiene filters (unused, expiring, open to any address, able to write);
// applied into the URL so a filtered view can be shared.
import { useState } from 'preact/hooks';
import { Input, Select } from '../widgets.js';

/** The URL parameters, in the form's order. */
export const FILTER_PARAMS = ['usedBefore', 'neverUsed', 'expiresBefore', 'anyAddress', 'write'] as const;
type Param = (typeof FILTER_PARAMS)[number];

export interface TokenFilter {
  lastUsedBefore: string | null;
  neverUsed: boolean | null;
  expiresBefore: string | null;
  allowsAnyAddress: boolean | null;
  hasWriteGrants: boolean | null;
}

const yesNo = (value: string | undefined) => (value === 'yes' ? true : value === 'no' ? false : null);
const day = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : null);

/** The URL's filter as adminTokens' arguments; days are UTC, "before" is before that day starts. */
export function tokenFilterOf(query: Record<string, string>): TokenFilter {
  return {
    lastUsedBefore: day(query.usedBefore),
    neverUsed: yesNo(query.neverUsed),
    expiresBefore: day(query.expiresBefore),
    allowsAnyAddress: yesNo(query.anyAddress),
    hasWriteGrants: yesNo(query.write),
  };
}

const either = (yes: string, no: string) => [
  { value: '', label: 'Either' },
  { value: 'yes', label: yes },
  { value: 'no', label: no },
];

export function TokenFilters({ query, onApply }: { query: Record<string, string>; onApply(params: Record<Param, string | undefined>): void }) {
  const [values, setValues] = useState<Record<Param, string>>(() => Object.fromEntries(FILTER_PARAMS.map((p) => [p, query[p] ?? ''])) as Record<Param, string>);
  const set = (param: Param) => (value: string) => setValues({ ...values, [param]: value });
  const apply = (next: Record<Param, string>) => onApply(Object.fromEntries(FILTER_PARAMS.map((p) => [p, next[p] || undefined])) as Record<Param, string | undefined>);
  // Folded unless a filter is on when the page opens; the person opens or closes it from then on.
  const [initiallyOpen] = useState(() => FILTER_PARAMS.some((p) => query[p]));
  const clear = () => {
    const empty = Object.fromEntries(FILTER_PARAMS.map((p) => [p, ''])) as Record<Param, string>;
    setValues(empty);
    apply(empty);
  };
  return (
    <details class="token-filters" open={initiallyOpen}>
      <summary>Filters: last use, expiry, addresses, writes</summary>
      <form
        class="filters"
        aria-label="Filter tokens"
        onSubmit={(e) => {
          e.preventDefault();
          apply(values);
        }}
      >
        <Input label="Last used before (UTC day)" type="date" value={values.usedBefore} onValue={set('usedBefore')} />
        <Select label="Ever used" value={values.neverUsed} onValue={set('neverUsed')} options={either('Never used', 'Used at least once')} />
        <Input label="Expires before (UTC day)" type="date" value={values.expiresBefore} onValue={set('expiresBefore')} />
        <Select label="Addresses" value={values.anyAddress} onValue={set('anyAddress')} options={either('Any address', 'Limited to an allow-list')} />
        <Select label="Writes" value={values.write} onValue={set('write')} options={either('May write', 'Read-only')} />
        <div class="filter-actions">
          <button type="submit" class="primary">
            Apply filters
          </button>
          <button type="button" onClick={clear}>
            Clear filters
          </button>
        </div>
      </form>
    </details>
  );
}
