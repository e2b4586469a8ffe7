// The console's pages: your tokens, project tokens, all tokens (admins), notifications.
import { useCallback, useEffect, useId, useState } from 'preact/hooks';
import { messageOf, request } from './api.js';
import { roleIn, useConsole, type Project, type Token } from './context.js';
import type { ConsoleNotificationsQuery, TokenStatus } from './gql/graphql.js';
import { AdminTokensQuery, MarkReadMutation, MyTokensQuery, NotificationsQuery, ProjectTokensQuery } from './operations.js';
import { TokenForm, type FormResult } from './TokenForm.js';
import { SecretDialog, TokenTable } from './TokenTable.js';
import { Dialog, ErrorText, Tabs, When } from './ui.js';

const STATUS_TABS = [
  { value: 'ACTIVE', label: 'Active' },
  { value: 'EXPIRED', label: 'Expired' },
  { value: 'REVOKED', label: 'Revoked' },
] as const;

/** Tabs over one list of tokens, a create button and the status line; `load` fetches one tab. */
function TokenList({ title, load, project, createLabel }: { title: string; load(status: TokenStatus): Promise<readonly Token[]>; project?: { id: string; name: string }; createLabel: string }) {
  const [status, setStatus] = useState<TokenStatus>('ACTIVE');
  const [tokens, setTokens] = useState<readonly Token[]>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<FormResult>();
  const [version, setVersion] = useState(0);
  const panelId = useId();
  useEffect(() => {
    let current = true;
    setError(undefined);
    load(status)
      .then((list) => current && setTokens(list))
      .catch((failure) => current && setError(messageOf(failure)));
    return () => {
      current = false;
    };
  }, [status, version, load]);
  const changed = (message: string) => {
    setNotice(message);
    setVersion((v) => v + 1);
  };
  return (
    <section aria-label={title}>
      <div class="section-head">
        <h2>{title}</h2>
        <button type="button" class="primary" onClick={() => setCreating(true)}>
          {createLabel}
        </button>
      </div>
      <p class="notice" role="status">
        {notice}
      </p>
      <Tabs
        label={`${title} by status`}
        tabs={STATUS_TABS}
        value={status}
        onChange={(next) => {
          // Another tab's rows must not show under this one while it loads.
          setTokens(undefined);
          setStatus(next);
        }}
        panelId={panelId}
      />
      <div role="tabpanel" id={panelId} aria-label={`${STATUS_TABS.find((t) => t.value === status)!.label} tokens`}>
        <ErrorText message={error} />
        {tokens === undefined && !error ? <p>Loading…</p> : <TokenTable tokens={tokens ?? []} caption={`${title}: ${status.toLowerCase()}`} onChanged={changed} />}
      </div>
      {creating && (
        <Dialog title={createLabel} onClose={() => setCreating(false)} wide>
          <TokenForm
            project={project}
            onCancel={() => setCreating(false)}
            onDone={(result) => {
              setCreating(false);
              setCreated(result);
              changed(`Created ${result.token.name}.`);
            }}
          />
        </Dialog>
      )}
      {created?.secret && <SecretDialog secret={created.secret} title={`Your new token ${created.token.name}`} onClose={() => setCreated(undefined)} />}
    </section>
  );
}

export function MyTokensView() {
  const load = useCallback((status: TokenStatus) => request(MyTokensQuery, { status }).then((d) => d.myTokens), []);
  return <TokenList title="Your tokens" load={load} createLabel="New token" />;
}

export function ProjectsView() {
  const { me, setup } = useConsole();
  if (setup.projects.length === 0) return <p class="empty">You are not a member of any project.</p>;
  return (
    <div>
      {setup.projects.map((project) => (
        <ProjectTokens key={project.id} project={project} manage={me.role === 'ADMIN' || roleIn(project, me) === 'OWNER'} />
      ))}
    </div>
  );
}

function ProjectTokens({ project, manage }: { project: Project; manage: boolean }) {
  const load = useCallback(
    (status: TokenStatus) => request(ProjectTokensQuery, { id: project.id, status }).then((d) => d.project?.tokens ?? []),
    [project.id],
  );
  if (!manage) {
    return (
      <section aria-label={`Project ${project.name}`}>
        <h2>Project {project.name}</h2>
        <p class="hint">Only the project's owners manage its tokens.</p>
      </section>
    );
  }
  return <TokenList title={`Project ${project.name}`} load={load} project={project} createLabel={`New token for ${project.name}`} />;
}

export function AdminView() {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<TokenStatus>('ACTIVE');
  const [tokens, setTokens] = useState<Token[]>([]);
  const [page, setPage] = useState<{ total: number; next: string | null }>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [version, setVersion] = useState(0);
  const ids = { search: useId(), panel: useId() };
  const fetchPage = (after: string | null) =>
    request(AdminTokensQuery, { search: query || null, status, after }).then((d) => ({
      tokens: d.adminTokens.nodes,
      total: d.adminTokens.totalCount,
      next: d.adminTokens.pageInfo.hasNextPage ? (d.adminTokens.pageInfo.endCursor ?? null) : null,
    }));
  useEffect(() => {
    let current = true;
    setError(undefined);
    fetchPage(null)
      .then((result) => {
        if (!current) return;
        setTokens(result.tokens);
        setPage({ total: result.total, next: result.next });
      })
      .catch((failure) => current && setError(messageOf(failure)));
    return () => {
      current = false;
    };
  }, [query, status, version]);
  const more = async () => {
    if (!page?.next) return;
    try {
      const result = await fetchPage(page.next);
      setTokens((list) => [...list, ...result.tokens]);
      setPage({ total: result.total, next: result.next });
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <section aria-label="All tokens">
      <h2>All tokens</h2>
      <form
        role="search"
        class="row-builder"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(search.trim());
        }}
      >
        <div class="field">
          <label for={ids.search}>Search name, description, owner or creator</label>
          <input id={ids.search} type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        </div>
        <button type="submit">Search</button>
      </form>
      <p class="notice" role="status">
        {notice ?? (page ? `${page.total} token${page.total === 1 ? '' : 's'}${query ? ` matching “${query}”` : ''}.` : '')}
      </p>
      <Tabs
        label="All tokens by status"
        tabs={STATUS_TABS}
        value={status}
        onChange={(next) => {
          setTokens([]);
          setPage(undefined);
          setStatus(next);
        }}
        panelId={ids.panel}
      />
      <div role="tabpanel" id={ids.panel}>
        <ErrorText message={error} />
        <TokenTable
          tokens={tokens}
          caption={`All tokens: ${status.toLowerCase()}`}
          onChanged={(message) => {
            setNotice(message);
            setVersion((v) => v + 1);
          }}
        />
        {page?.next && (
          <button type="button" onClick={more}>
            Load more
          </button>
        )}
      </div>
    </section>
  );
}

type Notification = ConsoleNotificationsQuery['viewer']['notifications'][number];

export function NotificationsView() {
  const { refreshUnread } = useConsole();
  const [items, setItems] = useState<Notification[]>();
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    request(NotificationsQuery)
      .then((d) => setItems(d.viewer.notifications))
      .catch((failure) => setError(messageOf(failure)));
  }, [version]);
  const markRead = async (ids: string[] | null) => {
    try {
      await request(MarkReadMutation, { ids });
      setVersion((v) => v + 1);
      refreshUnread();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <section aria-label="Notifications">
      <div class="section-head">
        <h2>Notifications</h2>
        {items?.some((n) => !n.readAt) && (
          <button type="button" onClick={() => markRead(null)}>
            Mark all read
          </button>
        )}
      </div>
      <ErrorText message={error} />
      {items?.length === 0 && <p class="empty">Nothing yet. You are told here 7 days before a token expires, and when it has.</p>}
      <ul class="notifications">
        {items?.map((n) => (
          <li key={n.id} class={n.readAt ? 'read' : 'unread'}>
            <span class="visually-hidden">{n.readAt ? 'Read: ' : 'Unread: '}</span>
            {n.message}{' '}
            <When at={n.createdAt} />
            {!n.readAt && (
              <button type="button" class="link" aria-label={`Mark read: ${n.message}`} onClick={() => markRead([n.id])}>
                Mark read
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
