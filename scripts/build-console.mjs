// Builds the web console (web/) into dist/web, where the gateway serves it at `/`. Run by
// `npm install` (postinstall) and `npm start`, and by the browser test into a folder of its own.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const defaultConsoleDir = path.join(root, 'dist', 'web');

export async function buildConsole(outDir = defaultConsoleDir) {
  await build({
    root: path.join(root, 'web'),
    // Everything is here: no vite.config.* is looked up, so nothing else can change the build.
    configFile: false,
    logLevel: 'warn',
    base: '/',
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir,
      emptyOutDir: true,
      // The polyfill would be an inline script, which the console's Content-Security-Policy forbids.
      modulePreload: { polyfill: false },
      sourcemap: true,
      target: 'es2022',
    },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildConsole(process.argv[2]);
