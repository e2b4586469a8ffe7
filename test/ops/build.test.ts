/**
 * `npm start` builds dist/ only when the sources changed, and atomically, so that several
 * instances started together neither rebuild for nothing nor delete each other's build. Run on a
 * copy of the build's inputs, so that changing a source here cannot disturb the files beside it.
 */
import { execFile } from 'node:child_process';
import { cp, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from '../helpers/servers.js';
import { tempDir } from './operator.js';

const run = promisify(execFile);
let copy: string;

beforeAll(async () => {
  copy = await tempDir('build');
  for (const input of ['src', 'web', 'scripts/build.mjs', 'scripts/build-console.mjs', 'package-lock.json']) {
    await cp(path.join(root, input), path.join(copy, input), { recursive: true });
  }
  await symlink(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));
});

const build = () => run(process.execPath, [path.join(copy, 'scripts/build.mjs')], { cwd: copy });
const distId = async () => (await stat(path.join(copy, 'dist'))).ino;

describe('the build of npm start', () => {
  it('started several times at once, leaves one whole dist/ and nothing else', async () => {
    await Promise.all([build(), build(), build()]);
    expect((await readdir(copy)).filter((name) => name.startsWith('dist')).sort()).toEqual(['dist']);
    const dist = path.join(copy, 'dist');
    expect(await readdir(dist)).toEqual(expect.arrayContaining(['server.js', 'server.js.map', 'yoga.js', 'web', '.build-stamp']));
    expect(await readdir(path.join(dist, 'web'))).toEqual(expect.arrayContaining(['index.html', 'assets']));
    // The source maps point at the sources from dist/, where the build was renamed to.
    expect(JSON.parse(await readFile(path.join(dist, 'server.js.map'), 'utf8')).sources).toEqual(['../src/server.ts']);
  });

  it('does nothing when no source changed, and builds again when one did', async () => {
    await build();
    const built = await distId();
    await build();
    expect(await distId()).toBe(built);

    const file = path.join(copy, 'web/src/format.ts');
    await writeFile(file, `${await readFile(file, 'utf8')}\nexport const changedByTheBuildTest = true;\n`);
    await build();
    expect(await distId()).not.toBe(built);
    expect(await readdir(copy)).not.toContain(expect.stringMatching(/^dist\./));
  });
});
