// Sign-in, the console's header and navigation, and which page is shown.
import { useEffect, useId, useState } from 'preact/hooks';
import { messageOf, request, whenSignedOut } from './api.js';
import { ConsoleContext, type Me, type Setup } from './context.js';
import { LoginMutation, LogoutMutation, SetupQuery, UnreadCountQuery, ViewerQuery } from './operations.js';
import { ErrorText } from './ui.js';
import { AdminView, MyTokensView, NotificationsView, ProjectsView } from './views.js';

export function App() {
  const [me, setMe] = useState<Me | null>();
  useEffect(() => {
    whenSignedOut(() => setMe(null));
    request(ViewerQuery)
      .then((data) => setMe(data.viewer.authMethod === 'SESSION' ? (data.viewer.user ?? null) : null))
      .catch(() => setMe(null));
  }, []);
  if (me === undefined) return <p class="loading">Loading…</p>;
  if (me === null) return <SignIn onSignedIn={setMe} />;
  return <Console me={me} onSignedOut={() => setMe(null)} />;
}

function SignIn({ onSignedIn }: { onSignedIn(me: Me): void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const ids = { email: useId(), password: useId() };
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const data = await request(LoginMutation, { email, password });
      onSignedIn(data.login.user);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="sign-in">
      <h1>scopegate</h1>
      <form onSubmit={submit} aria-label="Sign in">
        <div class="field">
          <label for={ids.email}>E-mail</label>
          <input id={ids.email} type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={ids.password}>Password</label>
          <input id={ids.password} type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </div>
        <ErrorText message={error} />
        <button type="submit" class="primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}

type Page = 'tokens' | 'projects' | 'admin' | 'notifications';

function Console({ me, onSignedOut }: { me: Me; onSignedOut(): void }) {
  const [page, setPage] = useState<Page>('tokens');
  const [setup, setSetup] = useState<Setup>();
  const [error, setError] = useState<string>();
  const [unread, setUnread] = useState(0);
  const refreshUnread = () => {
    request(UnreadCountQuery)
      .then((d) => setUnread(d.viewer.notifications.length))
      .catch(() => {});
  };
  useEffect(() => {
    request(SetupQuery)
      .then(setSetup)
      .catch((failure) => setError(messageOf(failure)));
    refreshUnread();
  }, []);
  const signOut = async () => {
    await request(LogoutMutation).catch(() => {});
    onSignedOut();
  };
  const pages: { value: Page; label: string }[] = [
    { value: 'tokens', label: 'Your tokens' },
    { value: 'projects', label: 'Project tokens' },
    ...(me.role === 'ADMIN' ? [{ value: 'admin' as const, label: 'All tokens' }] : []),
    { value: 'notifications', label: unread ? `Notifications (${unread} unread)` : 'Notifications' },
  ];
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header>
        <span class="brand">scopegate</span>
        <nav aria-label="Console">
          <ul>
            {pages.map((p) => (
              <li key={p.value}>
                <button type="button" aria-current={page === p.value ? 'page' : undefined} onClick={() => setPage(p.value)}>
                  {p.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <span class="who">
          {me.email}
          {me.role === 'ADMIN' ? ' (admin)' : ''}
        </span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorText message={error} />
        {setup && (
          <ConsoleContext.Provider value={{ me, setup, refreshUnread }}>
            {page === 'tokens' && <MyTokensView />}
            {page === 'projects' && <ProjectsView />}
            {page === 'admin' && <AdminView />}
            {page === 'notifications' && <NotificationsView />}
          </ConsoleContext.Provider>
        )}
      </main>
    </>
  );
}
