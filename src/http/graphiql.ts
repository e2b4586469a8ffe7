import type { Plugin } from 'graphql-yoga';
import { AuthenticationError, readCookie, SESSION_COOKIE, type Authenticator } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';

let page: string | undefined;

/**
 * GraphiQL at `GET /graphql` (a browser asking for HTML), for admin sessions only; its assets are
 * bundled in @graphql-yoga/render-graphiql, so no CDN is involved. Everyone else gets 403.
 * The session cookie is honoured here on a plain GET: the page itself holds no data, and every
 * query it then sends is a JSON POST that passes the usual CSRF checks.
 */
export function graphiqlPlugin(authenticator: Authenticator): Plugin {
  return {
    // Synchronous for every other request: no promise on the hot path.
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== '/graphql' || request.method !== 'GET') return;
      if (!(request.headers.get('accept') ?? '').includes('text/html') || url.searchParams.has('query')) return;
      return servePage(request, endResponse);
    },
  };

  async function servePage(request: Request, endResponse: (response: Response) => void): Promise<void> {
    let principal: Principal | undefined;
    try {
      const header = request.headers.get('authorization');
      const cookie = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
      if (header) principal = await authenticator.authenticate(request);
      else if (cookie) principal = await authenticator.resolve({ secret: cookie, via: 'bearer' });
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
    }
    if (principal?.authMethod !== 'SESSION' || principal.user?.role !== 'ADMIN') {
      return endResponse(
        new Response('<!doctype html><title>scopegate</title><p>GraphiQL is available to admin sessions only. Sign in as an admin first.</p>', {
          status: 403,
          headers: { 'content-type': 'text/html; charset=utf-8' },
        }),
      );
    }
    // Loaded on first use: the bundle is 9 MB of JavaScript that would otherwise sit in every
    // gateway's memory (about 80 MB once parsed) for a page few people open.
    page ??= (await import('@graphql-yoga/render-graphiql')).renderGraphiQL({
      endpoint: '/graphql',
      title: 'scopegate GraphiQL',
      credentials: 'same-origin',
    });
    endResponse(new Response(page, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } }));
  }
}
