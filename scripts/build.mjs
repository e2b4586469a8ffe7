// Transpiles src/ to dist/ (one file per file, no bundling) so `npm start` runs plain Node: no
// TypeScript loader in the gateway's memory or on its start-up path; then the web console into
// dist/web. About 0.1 s and 0.6 s.
//
// Only when the sources changed: dist/.build-stamp holds a hash of everything the build reads,
// and a start whose sources hash the same runs what is there (`--force` builds anyway). The new
// build is made in a folder of its own and renamed into place, so several instances started
// together never see, or delete, each other's half-made dist/.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const STAMP = '.build-stamp';
// Everything the output depends on: the sources, the console, this build and the exact versions
// of the tools and libraries it runs (esbuild, vite, preact).
const INPUTS = ['src', 'web', 'scripts/build.mjs', 'scripts/build-console.mjs', 'package-lock.json'];

function filesUnder(relative) {
  const absolute = path.join(root, relative);
  let entries;
  try {
    entries = readdirSync(absolute, { recursive: true, withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOTDIR') return [relative];
    if (error.code === 'ENOENT') return [];
    throw error;
  }
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name)));
}

function sourceHash() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(filesUnder).sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const builtFrom = () => readFile(path.join(dist, STAMP), 'utf8').then((text) => text.trim(), () => undefined);

const force = process.argv.includes('--force');
const hash = sourceHash();
if (!force && (await builtFrom()) === hash) process.exit(0);

// Beside dist/, so that the relative paths in the source maps hold once it is renamed.
const next = path.join(root, `dist.build-${process.pid}-${randomBytes(4).toString('hex')}`);
const previous = `${next}.old`;
try {
  // Loaded only to build: vite alone takes longer to load than checking the stamp.
  const [{ build }, { buildConsole }] = await Promise.all([import('esbuild'), import('./build-console.mjs')]);
  const entryPoints = filesUnder('src')
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => path.join(root, file));
  await build({
    entryPoints,
    outdir: next,
    outbase: path.join(root, 'src'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  await buildConsole(path.join(next, 'web'));
  await writeFile(path.join(next, STAMP), `${hash}\n`);
  // Another start may have put the same build in place meanwhile: then that one stays.
  if (force || (await builtFrom()) !== hash) {
    await rename(dist, previous).catch((error) => {
      if (error.code !== 'ENOENT') throw error;
    });
    // Only another start's rename can come between these two; its dist/ is as good as ours.
    await rename(next, dist).catch((error) => {
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
  }
} finally {
  await rm(next, { recursive: true, force: true });
  await rm(previous, { recursive: true, force: true });
}
