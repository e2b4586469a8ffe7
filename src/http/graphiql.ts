import type { Plugin } from 'graphql-yoga';
import type { Entry, EntryResult } from '../auth/entry.js';

const REFUSAL_HEADERS = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };

function refusal(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(`<!doctype html><title>scopegate</title><p>${text}</p>`, { status, headers: { ...REFUSAL_HEADERS, ...headers } });
}

function entryRefusal(entered: Exclude<EntryResult, { ok: true }>): Response {
  switch (entered.kind) {
    case 'blocked':
    case 'budget':
      return refusal(429, `${entered.message} Try again in ${entered.retryAfterSeconds} seconds.`, { 'retry-after': String(entered.retryAfterSeconds) });
    case 'refused':
    case 'misdirected':
      return refusal(401, 'Your credential was refused. Sign in again as an admin.', { 'www-authenticate': 'Bearer realm="scopegate"' });
  }
}

let page: string | undefined;

/**
 * GraphiQL at `GET /graphql` (a browser asking for HTML), for admin sessions only; its assets are
 * bundled in @graphql-yoga/render-graphiql, so no CDN is involved. The credential goes through the
 * same entry as /graphql (block, counting, budget); a refused one is a 401, any other caller 403.
 */
export function graphiqlPlugin(entry: Entry): Plugin {
  return {
    // Synchronous for every other request: no promise on the hot path.
    onRequest({ request, url, endResponse, serverContext }) {
      if (url.pathname !== '/graphql' || request.method !== 'GET') return;
      if (!(request.headers.get('accept') ?? '').includes('text/html') || url.searchParams.has('query')) return;
      return servePage(request, serverContext, endResponse);
    },
  };

  async function servePage(request: Request, serverContext: unknown, endResponse: (response: Response) => void): Promise<void> {
    const entered = await entry.authenticateRequest(request, serverContext, 'graphiql');
    if (!entered.ok) return endResponse(entryRefusal(entered));
    const { principal } = entered;
    if (principal.authMethod !== 'SESSION' || principal.user?.role !== 'ADMIN') {
      return endResponse(refusal(403, 'GraphiQL is available to admin sessions only. Sign in as an admin first.'));
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
