// Sign-in, with the hint a first start needs: where the admin's one-time password was printed.
import { useState } from 'preact/hooks';
import { request } from './api.js';
import type { Me } from './context.js';
import { onSubmit, useMutation } from './data.js';
import { LoginMutation, LogoutMutation, ViewerQuery } from './operations.js';
import { ErrorText } from './ui.js';
import { Input } from './widgets.js';

export function SignIn({ onSignedIn, next }: { onSignedIn(me: Me): void; next?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation(LoginMutation);
  const submit = onSubmit(async () => {
    const data = await login.mutate({ email, password });
    if (!data) return;
    // Asked again as the new session: login answers before it, so mustChangePassword reads null.
    const viewer = await request(ViewerQuery).catch(() => undefined);
    onSignedIn(viewer?.viewer.user ?? data.login.user);
  });
  return (
    <main class="sign-in" id="main">
      <h1>scopegate</h1>
      {next === '/graphql' && <p class="hint">Sign in as an admin to open GraphiQL; you go there right after.</p>}
      <form onSubmit={submit} aria-label="Sign in">
        <Input label="E-mail" type="email" autocomplete="username" required value={email} onValue={setEmail} />
        <Input label="Password" type="password" autocomplete="current-password" required value={password} onValue={setPassword} />
        <ErrorText message={login.error} />
        <button type="submit" class="primary" disabled={login.busy}>
          Sign in
        </button>
      </form>
      <aside class="first-start" aria-label="First sign-in">
        <h2>First sign-in?</h2>
        <p>
          On its first start the gateway creates an admin and prints the e-mail and a one-time password in its log: the terminal running <code>npm start</code>, or{' '}
          <code>docker logs</code> / <code>journalctl</code> for a service. Look for “Created admin”. Lost it? An operator can set a new one with <code>npm run admin -- reset-password &lt;e-mail&gt;</code>.
        </p>
      </aside>
    </main>
  );
}

/** Signed in, but not as someone who may open where the link pointed (GraphiQL needs an admin). */
export function WrongAccount({ me, onSignedOut }: { me: Me; onSignedOut(): void }) {
  const signOut = async () => {
    await request(LogoutMutation).catch(() => {});
    onSignedOut();
  };
  return (
    <main class="sign-in" id="main">
      <h1>GraphiQL needs an admin</h1>
      <p>
        You are signed in as {me.email}, who is not an admin. Sign out and sign in as an admin to open GraphiQL, or <a href="/console/tokens">go to the console</a>.
      </p>
      <button type="button" class="primary" onClick={signOut}>
        Sign out
      </button>
    </main>
  );
}
