// Every token of every user and project (admins), searched and paged by the API.
import { useId, useState } from 'preact/hooks';
import { request } from '../api.js';
import type { Token } from '../context.js';
import { useAsync } from '../data.js';
import { AdminTokensQuery } from '../operations.js';
import { TokenTable } from '../TokenTable.js';
import { ErrorText, Tabs } from '../ui.js';
import { Empty, Input, useDialogRoute } from '../widgets.js';
import { STATUS_TABS, useStatusTab } from './Tokens.js';

interface Page {
  tokens: Token[];
  total: number;
  next: string | null;
}

const fetchPage = (query: string, status: Token['status'], after: string | null): Promise<Page> =>
  request(AdminTokensQuery, { search: query || null, status, after }).then((d) => ({
    tokens: d.adminTokens.nodes,
    total: d.adminTokens.totalCount,
    next: d.adminTokens.pageInfo.hasNextPage ? (d.adminTokens.pageInfo.endCursor ?? null) : null,
  }));

export function AllTokensPage() {
  const route = useDialogRoute();
  const query = route.query.q ?? '';
  const [search, setSearch] = useState(query);
  const [status, setStatus] = useStatusTab();
  const first = useAsync(`${query}\0${status}`, () => fetchPage(query, status, null));
  // Pages after the first, appended by "Load more"; dropped with the first page they follow.
  const [more, setMore] = useState<{ of: Page; pages: Page[] }>();
  const [moreError, setMoreError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const panelId = useId();
  const extra = more && more.of === first.data ? more.pages : [];
  const last = extra.at(-1) ?? first.data;
  const tokens = [...(first.data?.tokens ?? []), ...extra.flatMap((p) => p.tokens)];
  const loadMore = async () => {
    if (!last?.next || !first.data) return;
    try {
      const page = await fetchPage(query, status, last.next);
      setMore({ of: first.data, pages: [...extra, page] });
    } catch (failure) {
      setMoreError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const total = first.data?.total;
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
      <p class="notice" role="status">
        {notice ?? (total !== undefined ? `${total} token${total === 1 ? '' : 's'}${query ? ` matching “${query}”` : ''}.` : '')}
      </p>
      <Tabs label="All tokens by status" tabs={STATUS_TABS} value={status} onChange={setStatus} panelId={panelId} />
      <div role="tabpanel" id={panelId} aria-label={`${STATUS_TABS.find((t) => t.value === status)!.label} tokens`}>
        <ErrorText message={first.error ?? moreError} />
        {first.loading && !first.data && <p>Loading…</p>}
        {total === 0 && (
          <Empty>
            <p>{query ? `No ${status.toLowerCase()} token matches “${query}”. Try part of a name or an e-mail address.` : `No ${status.toLowerCase()} tokens yet. People make their own under “Your tokens”.`}</p>
          </Empty>
        )}
        <TokenTable
          tokens={tokens}
          caption={`All tokens: ${status.toLowerCase()}`}
          onChanged={(message) => {
            setNotice(message);
            first.refetch();
          }}
        />
        {last?.next && (
          <button type="button" onClick={loadMore}>
            Load more ({tokens.length} of {total} shown)
          </button>
        )}
      </div>
    </section>
  );
}
