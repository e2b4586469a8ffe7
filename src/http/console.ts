import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'graphql-yoga';
import { pageSecurityHeaders } from './page-security.js';

/** Where `npm install` / `npm start` build the console; the same from src/http and dist/http. */
export const DEFAULT_CONSOLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The console holds no inline script or style: its own files are all it loads. */
const SECURITY_HEADERS = pageSecurityHeaders({ 'script-src': "'self'", 'style-src': "'self'", 'img-src': "'self' data:" });

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  type: string;
}

/**
 * The console's own addresses: every page and shareable dialog lives under /console/, so a new
 * page needs no change here and no other route (/graphql, /auth/*, /.well-known/*, /livez,
 * /readyz, /metrics, or a route added later) can ever be shadowed by it.
 */
export function isConsolePage(pathname: string): boolean {
  return pathname === '/' || pathname === '/index.html' || pathname === '/console' || pathname.startsWith('/console/');
}

/**
 * Serves the web console's build: `/` and every `/console/*` address is its page (the browser
 * routes them, so a reload or a pasted link lands on the same view), `/assets/*` its hashed files
 * (cached for a year, since a new build has new names). Files are read once into memory: the
 * build is about 100 KB. Without a build, the page says how to make one.
 */
export function consolePlugin(dir: string = DEFAULT_CONSOLE_DIR): Plugin {
  let assets: Promise<Map<string, Asset>> | undefined;
  const load = async () => {
    const files = new Map<string, Asset>();
    const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
    for (const name of names) {
      const type = TYPES[path.extname(name)];
      if (!type) continue;
      files.set(`/${name.split(path.sep).join('/')}`, { body: new Uint8Array(await readFile(path.join(dir, name))), type });
    }
    return files;
  };
  return {
    onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (!isConsolePage(url.pathname) && !url.pathname.startsWith('/assets/')) return;
      return serve(url.pathname, request.method === 'HEAD', endResponse);
    },
  };

  async function serve(pathname: string, head: boolean, endResponse: (response: Response) => void) {
    assets ??= load();
    const files = await assets;
    // A build that appears later (npm run build beside a running gateway) is picked up.
    if (files.size === 0) assets = undefined;
    const isPage = isConsolePage(pathname);
    const asset = files.get(isPage ? '/index.html' : pathname);
    if (!asset) {
      const message = isPage ? 'The web console is not built. Run `npm run build` (or `npm start`, which builds it).' : 'Not found.';
      return endResponse(new Response(message, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS } }));
    }
    const cache = isPage ? 'no-cache' : 'public, max-age=31536000, immutable';
    endResponse(
      new Response(head ? null : asset.body, {
        status: 200,
        headers: { 'content-type': asset.type, 'cache-control': cache, 'content-length': String(asset.body.byteLength), ...SECURITY_HEADERS },
      }),
    );
  }
}
