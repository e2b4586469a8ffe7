/**
 * One embedded PostgreSQL per data directory, and scopegate never signals a process it did not
 * start: a second start on a directory in use is refused and touches nothing; a PostgreSQL left
 * by a gateway killed with SIGKILL is stopped by the next start; a PostgreSQL that no gateway
 * recorded is refused and left alone.
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute } from '../helpers/execute.js';
import { stopProcess } from '../helpers/servers.js';
import { isAlive, postmasterOf, startGateway, tempDir, useBuild } from './operator.js';

useBuild();

const LOGIN = 'mutation($p: String!) { login(email: "admin@localhost", password: $p) { user { role } } }';

/** Signs in as the first admin: a request that needs the database. */
async function signIn(base: string, password: string): Promise<unknown> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad-hoc operation
  const response = await execute<any, unknown>(`${base}/graphql`, LOGIN, { p: password });
  return response.body.data?.login?.user?.role ?? response.body;
}

/** A gateway on a fresh data directory, its admin password, and the PostgreSQL it started. */
async function firstGateway(prefix: string) {
  const dataDir = await tempDir(prefix);
  const gateway = startGateway({ SCOPEGATE_DATA_DIR: dataDir });
  const base = await gateway.base;
  const password = /with password: (\S+)/.exec(gateway.output())![1]!;
  return { dataDir, gateway, base, password, postmaster: await postmasterOf(dataDir) };
}

/** Names, sizes and times of everything in the directory but PostgreSQL's own files. */
async function snapshot(dataDir: string): Promise<string[]> {
  const names = (await readdir(dataDir)).filter((name) => name !== 'pg').sort();
  return Promise.all(names.map(async (name) => `${name} ${(await stat(path.join(dataDir, name))).mtimeMs} ${await readFile(path.join(dataDir, name), 'utf8')}`));
}

describe.concurrent('a data directory', () => {
  it('in use by a running gateway is refused, and the first gateway keeps its database', async () => {
    const first = await firstGateway('in-use');
    const before = await snapshot(first.dataDir);

    const second = startGateway({ SCOPEGATE_DATA_DIR: first.dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toBe(
      `Starting embedded PostgreSQL in ${first.dataDir} ...\n` +
        `scopegate did not start: the data directory ${first.dataDir} is in use by a running scopegate (pid ${first.gateway.child.pid}); stop it first or use SCOPEGATE_DATA_DIR\n`,
    );
    expect(await snapshot(first.dataDir)).toEqual(before);
    expect(isAlive(first.postmaster)).toBe(true);
    expect(await postmasterOf(first.dataDir)).toBe(first.postmaster);
    expect(await signIn(first.base, first.password)).toBe('ADMIN');
    expect(await stopProcess(first.gateway.child)).toBe(0);
  });

  it('whose gateway was killed with SIGKILL: the next start stops the PostgreSQL it left and takes over', async () => {
    const first = await firstGateway('killed');
    expect(await stopProcess(first.gateway.child, 'SIGKILL')).toBe(null);
    // SIGKILL leaves no chance to stop PostgreSQL: it still runs, on the data.
    expect(isAlive(first.postmaster)).toBe(true);

    const second = startGateway({ SCOPEGATE_DATA_DIR: first.dataDir });
    const base = await second.base;
    expect(second.output()).toContain(
      `Stopping the PostgreSQL (pid ${first.postmaster}) left running on ${first.dataDir} by a scopegate that was killed (pid ${first.gateway.child.pid}) ...`,
    );
    expect(isAlive(first.postmaster)).toBe(false);
    expect(await signIn(base, first.password)).toBe('ADMIN');
    expect(await stopProcess(second.child)).toBe(0);
    await expect(readdir(first.dataDir)).resolves.not.toContain('scopegate.lock');
  });

  it('served by a PostgreSQL that no gateway recorded is refused, and that PostgreSQL is left running', async () => {
    const first = await firstGateway('foreign');
    expect(await stopProcess(first.gateway.child, 'SIGKILL')).toBe(null);
    // Without the lock, nothing says scopegate started it: as if it had been started by hand.
    await rm(path.join(first.dataDir, 'scopegate.lock'));

    const second = startGateway({ SCOPEGATE_DATA_DIR: first.dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(
      `scopegate did not start: the data directory ${first.dataDir} is served by a PostgreSQL (pid ${first.postmaster}) that scopegate did not start; ` +
        `stop it first (pg_ctl stop -D ${path.join(first.dataDir, 'pg')}) or use SCOPEGATE_DATA_DIR\n`,
    );
    expect(isAlive(first.postmaster)).toBe(true);
    await expect(readdir(first.dataDir)).resolves.not.toContain('scopegate.lock');
  });
});
