import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Entry, EntryResult } from '../auth/entry.js';
import { pageSecurityHeaders } from './page-security.js';

/** The answers other than GraphiQL itself hold no script or style at all. */
const REFUSAL_HEADERS = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...pageSecurityHeaders() };

/** The console's sign-in, which comes back here once signed in. */
export const SIGN_IN_FOR_GRAPHIQL = '/console/sign-in?next=%2Fgraphql';

function refusal(status: number, text: string, headers: Record<string, string> = {}, offerSignIn = false): Response {
  const signIn = offerSignIn ? `<p><a href="${SIGN_IN_FOR_GRAPHIQL}">Sign in as an admin</a>, then you come back here.</p>` : '';
  return new Response(
    `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>scopegate GraphiQL</title><h1>GraphiQL</h1><p>${text}</p>${signIn}`,
    { status, headers: { ...REFUSAL_HEADERS, ...headers } },
  );
}

function entryRefusal(entered: Exclude<EntryResult, { ok: true }>): Response {
  switch (entered.kind) {
    case 'blocked':
    case 'budget':
      return refusal(429, `${entered.message} Try again in ${entered.retryAfterSeconds} seconds.`, { 'retry-after': String(entered.retryAfterSeconds) });
    case 'refused':
    case 'misdirected':
      return refusal(401, 'Your credential was refused.', { 'www-authenticate': 'Bearer realm="scopegate"' }, true);
  }
}

interface Page {
  html: string;
  headers: Record<string, string>;
}

let page: Promise<Page> | undefined;

/**
 * The page runs one inline script, allowed by its hash rather than by 'unsafe-inline'. The editor
 * (Monaco) starts its workers from blob: URLs, writes inline styles and bundles its fonts and icons
 * as data: URLs; queries go to this origin only.
 */
async function renderPage(): Promise<Page> {
  // Loaded on first use: the bundle is 9 MB of JavaScript that would otherwise sit in every
  // gateway's memory (about 80 MB once parsed) for a page few people open.
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  const html = renderGraphiQL({ endpoint: '/graphql', title: 'scopegate GraphiQL', credentials: 'same-origin' });
  // The template holds a single script element: it runs from the first <script> to the last </script>.
  const script = html.slice(html.indexOf('<script>') + '<script>'.length, html.lastIndexOf('</script>'));
  const digest = createHash('sha256').update(script).digest('base64');
  const headers = pageSecurityHeaders({
    'script-src': `'sha256-${digest}'`,
    'worker-src': 'blob:',
    'style-src': "'unsafe-inline'",
    'font-src': 'data:',
    'img-src': 'data:',
  });
  return { html, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers } };
}

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
      return endResponse(refusal(403, 'GraphiQL is available to admin sessions only.', {}, true));
    }
    page ??= renderPage().catch((error: unknown) => {
      page = undefined;
      throw error;
    });
    const { html, headers } = await page;
    endResponse(new Response(html, { status: 200, headers }));
  }
}
