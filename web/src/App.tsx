// Who is signed in, and the router: every page has an address under /console/ (see routes.ts).
import { useEffect, useState } from 'preact/hooks';
import { LocationProvider, useLocation } from 'preact-iso';
import { request, whenSignedOut } from './api.js';
import type { Me } from './context.js';
import { ViewerQuery } from './operations.js';
import { HOME, safeNext, SIGN_IN } from './routes.js';
import { Shell } from './Shell.js';
import { SignIn, WrongAccount } from './SignIn.js';

export function App() {
  return (
    // Only links under /console/ are routed here; /graphql and the rest load as pages of their own.
    <LocationProvider scope="/console">
      <Session />
    </LocationProvider>
  );
}

function Session() {
  const [me, setMe] = useState<Me | null>();
  const { path, query, route } = useLocation();
  useEffect(() => {
    whenSignedOut(() => setMe(null));
    request(ViewerQuery)
      .then((data) => setMe(data.viewer.authMethod === 'SESSION' ? (data.viewer.user ?? null) : null))
      .catch(() => setMe(null));
  }, []);
  const next = safeNext(query.next);
  const atSignIn = path === SIGN_IN;
  const leave = me && atSignIn && !(next === '/graphql' && me.role !== 'ADMIN');
  useEffect(() => {
    // The bare origin and the old single-page address land on the first page.
    if (!path.startsWith('/console/') || path === '/console') route(HOME, true);
    else if (leave) {
      if (next === '/graphql') location.assign(next);
      else route(next ?? HOME, true);
    }
  }, [path, leave]);
  if (me === undefined) return <p class="loading">Loading…</p>;
  if (me === null) return <SignIn onSignedIn={setMe} next={atSignIn ? next : undefined} />;
  if (atSignIn && !leave) return <WrongAccount me={me} onSignedOut={() => setMe(null)} />;
  if (leave) return <p class="loading">Loading…</p>;
  return <Shell me={me} setMe={setMe} onSignedOut={() => setMe(null)} />;
}
