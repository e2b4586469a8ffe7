// The signed-in console: a header, the navigation built from routes.ts, and the page of the URL.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Route, Router, useLocation } from 'preact-iso';
import { request } from './api.js';
import { ConsoleContext, useConsole, type Me, type Setup } from './context.js';
import { allPages, useAsync, useQuery } from './data.js';
import { LogoutMutation, MoreProjectsQuery, SetupQuery, UnreadCountQuery } from './operations.js';
import { PAGES, type PageEntry } from './routes.js';
import { ErrorText } from './ui.js';
import { NARROW, useMedia } from './widgets.js';

const GROUPS = ['Tokens', 'Projects', 'Administration', 'You'] as const;

/** The policy, the method sets and every project the caller may see, a page of projects per request. */
async function loadSetup(): Promise<Setup> {
  const data = await request(SetupQuery);
  const { nodes, pageInfo } = data.projects;
  const after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
  const rest = after ? await allPages((next) => request(MoreProjectsQuery, { after: next ?? after }).then((d) => d.projects)) : [];
  return { ...data, projects: [...nodes, ...rest] };
}

export function Shell({ me, setMe, onSignedOut }: { me: Me; setMe(me: Me): void; onSignedOut(): void }) {
  const setup = useAsync('setup', loadSetup);
  const unread = useQuery(UnreadCountQuery);
  const { path } = useLocation();
  const narrow = useMedia(NARROW);
  const [menuOpen, setMenuOpen] = useState(false);
  // A chosen page closes the menu on a phone, and the keyboard and screen reader move to it (the
  // link they used may be gone with the menu). Not on the first page: focus starts at the top.
  const first = useRef(true);
  useEffect(() => {
    setMenuOpen(false);
    if (first.current) first.current = false;
    else document.getElementById('main')?.focus();
  }, [path]);
  const signOut = async () => {
    await request(LogoutMutation).catch(() => {});
    onSignedOut();
  };
  const admin = me.role === 'ADMIN';
  const unreadCount = unread.data?.viewer.notifications.totalCount ?? 0;
  const label = (p: PageEntry) => (p.path === '/console/notifications' && unreadCount ? `Notifications (${unreadCount} unread)` : p.label);
  const navHidden = narrow && !menuOpen;
  return (
    <div class="shell">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header>
        <span class="brand">scopegate</span>
        {narrow && (
          <button type="button" class="menu-button" aria-expanded={menuOpen} aria-controls="console-nav" onClick={() => setMenuOpen(!menuOpen)}>
            Menu
          </button>
        )}
        <span class="who">
          {me.email}
          {admin ? ' (admin)' : ''}
        </span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <nav id="console-nav" aria-label="Console" hidden={navHidden}>
        {GROUPS.map((group) => {
          const pages = PAGES.filter((p) => p.group === group && (admin || !p.adminOnly));
          if (pages.length === 0) return null;
          return (
            <div key={group} class="nav-group">
              <h2 class="nav-title">{group}</h2>
              <ul>
                {pages.map((p) => (
                  <li key={p.path}>
                    <a href={p.path} aria-current={path === p.path ? 'page' : undefined}>
                      {label(p)}
                    </a>
                  </li>
                ))}
                {group === 'Administration' && admin && (
                  <li>
                    <a href="/graphql">GraphiQL</a>
                  </li>
                )}
              </ul>
            </div>
          );
        })}
      </nav>
      <main id="main" tabIndex={-1}>
        {me.mustChangePassword && path !== '/console/account' && (
          <p class="warning" role="note">
            You signed in with a one-time password. <a href="/console/account">Choose your own password</a> now.
          </p>
        )}
        <ErrorText message={setup.error} />
        {setup.data && (
          <ConsoleContext.Provider value={{ me, setup: setup.data, refreshUnread: unread.refetch, refreshSetup: setup.refetch, setMe }}>
            <Router>
              {[...PAGES.map((p) => <Route key={p.path} path={p.path} component={Page} entry={p} />), <Route key="404" default component={NotFound} />]}
            </Router>
          </ConsoleContext.Provider>
        )}
      </main>
    </div>
  );
}

/** Names the page in the title and on the screen, and says so when it is for admins only. */
function Page({ entry }: { entry: PageEntry }) {
  const { me } = useConsole();
  useLayoutEffect(() => {
    document.title = `${entry.label} · scopegate`;
  }, [entry]);
  if (entry.adminOnly && me.role !== 'ADMIN') {
    return (
      <section class="refused">
        <h1>{entry.label}</h1>
        <p role="alert">
          This page is for admins only, and you ({me.email}) are not an admin. Ask an admin if you need something here, or go to <a href="/console/tokens">your tokens</a>.
        </p>
      </section>
    );
  }
  const Component = entry.component;
  return <Component />;
}

function NotFound() {
  useLayoutEffect(() => {
    document.title = 'Not found · scopegate';
  }, []);
  return (
    <section>
      <h1>No such page</h1>
      <p>
        The console has no page at this address. Pick one from the menu, or go to <a href="/console/tokens">your tokens</a>.
      </p>
    </section>
  );
}
