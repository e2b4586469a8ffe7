// Every token of every user and project (admins), searched and paged by the API.
import { useId, useState } from 'preact/hooks';
import { request } from '../api.js';
import type { Token } from '../context.js';
import { usePaged } from '../data.js';
import { AdminTokensQuery } from '../operations.js';
import { TokenTable } from '../TokenTable.js';
import { ErrorText, Tabs } from '../ui.js';
import { Empty, Input, LoadMore, useDialogRoute } from '../widgets.js';
import { STATUS_TABS, useStatusTab } from './Tokens.js';
import { tokenFilterOf, TokenFilters, type TokenFilter } from './TokenFilters.js';

const fetchPage = (query: string, status: Token['status'], filter: TokenFilter, after: string | null) =>
  request(AdminTokensQuery, { search: query || null, status, after, ...filter }).then((d) => d.adminTokens);

export function AllTokensPage() {
  const route = useDialogRoute();
  const query = route.query.q ?? '';
  const [search, setSearch] = useState(query);
  const [status, setStatus] = useStatusTab();
  const filter = tokenFilterOf(route.query);
  const filtered = Object.values(filter).some((v) => v !== null);
  const list = usePaged(JSON.stringify([query, status, filter]), (after) => fetchPage(query, status, filter, after));
  const [notice, setNotice] = useState<string>();
  const panelId = useId();
  const tokens: Token[] = list.data ?? [];
  const total = list.total;
  return (
    <section aria-label="All tokens">
      <h1>All tokens</h1>
      <form
        role="search"
        class="row-builder"
        onSubmit={(e) => {
          e.preventDefault();
          route.set({ q: search.trim() || undefined });
        }}
      >
        <Input label="Search name, description, owner or creator" type="search" value={search} onValue={setSearch} />
        <button type="submit">Search</button>
      </form>
      <TokenFilters query={route.query} onApply={route.set} />
      <p class="notice" role="status">
        {notice ?? (total !== undefined ? `${total} token${total === 1 ? '' : 's'}${query ? ` matching “${query}”` : ''}${filtered ? ' with these filters' : ''}.` : '')}
      </p>
      <Tabs label="All tokens by status" tabs={STATUS_TABS} value={status} onChange={setStatus} panelId={panelId} />
      <div role="tabpanel" id={panelId} aria-label={`${STATUS_TABS.find((t) => t.value === status)!.label} tokens`}>
        <ErrorText message={list.error} />
        {list.loading && !list.data && <p>Loading…</p>}
        {total === 0 && (
          <Empty>
            <p>{query || filtered ? `No ${status.toLowerCase()} token matches ${query ? `“${query}”` : 'these filters'}. Try part of a name or an e-mail address, or clear the filters.` : `No ${status.toLowerCase()} tokens yet. People make their own under “Your tokens”.`}</p>
          </Empty>
        )}
        <TokenTable
          tokens={tokens}
          caption={`All tokens: ${status.toLowerCase()}`}
          onChanged={(message) => {
            setNotice(message);
            list.refetch();
          }}
        />
        <LoadMore list={list} />
      </div>
    </section>
  );
}
