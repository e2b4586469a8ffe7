/**
 * One embedded PostgreSQL per data directory, and scopegate never signals a process it did not
 * start: a second start on a directory in use is refused and touches nothing; a PostgreSQL left
 * by a gateway killed with SIGKILL is stopped by the next start; a PostgreSQL that no gateway
 * recorded is refused and left alone. One data directory goes through these in turn (an initdb
 * is the costly part of a start), so the steps run in order, each from where the last one left it.
 */
import type { ChildProcess } from 'node:child_process';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../helpers/execute.js';
import { stopProcess } from '../helpers/servers.js';
import { isAlive, postmasterOf, startGateway, tempDir, useBuild } from './operator.js';

useBuild();

// Each step starts real gateways, each with its PostgreSQL: slow on a loaded 2-core machine.
const STEP_MS = 90_000;

/** Signs in as the first admin: a request that needs the database. */
async function signIn(base: string, password: string): Promise<unknown> {
  const login = 'mutation($p: String!) { login(email: "admin@localhost", password: $p) { user { role } } }';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad-hoc operation
  const response = await execute<any, unknown>(`${base}/graphql`, login, { p: password });
  return response.body.data?.login?.user?.role ?? response.body;
}

/** Names, times and contents of everything in the directory but PostgreSQL's own files. */
async function snapshot(dataDir: string): Promise<string[]> {
  const names = (await readdir(dataDir)).filter((name) => name !== 'pg').sort();
  return Promise.all(names.map(async (name) => `${name} ${(await stat(path.join(dataDir, name))).mtimeMs} ${await readFile(path.join(dataDir, name), 'utf8')}`));
}

describe('a data directory', () => {
  let dataDir: string;
  /** The gateway that holds the directory now, its address and its PostgreSQL. */
  let holder: { child: ChildProcess; base: string; postmaster: number };
  let password: string;

  beforeAll(async () => {
    dataDir = await tempDir('data-dir');
    const first = startGateway({ SCOPEGATE_DATA_DIR: dataDir });
    const base = await first.base;
    password = /with password: (\S+)/.exec(first.output())![1]!;
    holder = { child: first.child, base, postmaster: await postmasterOf(dataDir) };
  }, STEP_MS);

  it('in use by a running gateway is refused, and the first gateway keeps its database', { timeout: STEP_MS }, async () => {
    const before = await snapshot(dataDir);
    const second = startGateway({ SCOPEGATE_DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toBe(
      `Starting embedded PostgreSQL in ${dataDir} ...\n` +
        `scopegate did not start: the data directory ${dataDir} is in use by a running scopegate (pid ${holder.child.pid}); stop it first or use SCOPEGATE_DATA_DIR\n`,
    );
    expect(await snapshot(dataDir)).toEqual(before);
    expect(isAlive(holder.postmaster)).toBe(true);
    expect(await postmasterOf(dataDir)).toBe(holder.postmaster);
    expect(await signIn(holder.base, password)).toBe('ADMIN');
  });

  it('whose gateway was killed with SIGKILL: the next start stops the PostgreSQL it left and takes over', { timeout: STEP_MS }, async () => {
    const killed = holder;
    expect(await stopProcess(killed.child, 'SIGKILL')).toBe(null);
    // SIGKILL leaves no chance to stop PostgreSQL: it still runs, on the data.
    expect(isAlive(killed.postmaster)).toBe(true);

    const next = startGateway({ SCOPEGATE_DATA_DIR: dataDir });
    const base = await next.base;
    expect(next.output()).toContain(
      `Stopping the PostgreSQL (pid ${killed.postmaster}) left running on ${dataDir} by a scopegate that was killed (pid ${killed.child.pid}) ...`,
    );
    expect(isAlive(killed.postmaster)).toBe(false);
    expect(await signIn(base, password)).toBe('ADMIN');
    holder = { child: next.child, base, postmaster: await postmasterOf(dataDir) };
  });

  it('served by a PostgreSQL that no gateway recorded is refused, and that PostgreSQL is left running', { timeout: STEP_MS }, async () => {
    expect(await stopProcess(holder.child, 'SIGKILL')).toBe(null);
    // Without the lock, nothing says scopegate started it: as if it had been started by hand.
    await rm(path.join(dataDir, 'scopegate.lock'));

    const next = startGateway({ SCOPEGATE_DATA_DIR: dataDir });
    expect(await next.exited).toBe(1);
    expect(next.output()).toContain(
      `scopegate did not start: the data directory ${dataDir} is served by a PostgreSQL (pid ${holder.postmaster}) that scopegate did not start; ` +
        `stop it first (pg_ctl stop -D ${path.join(dataDir, 'pg')}) or use SCOPEGATE_DATA_DIR\n`,
    );
    expect(isAlive(holder.postmaster)).toBe(true);
    await expect(readdir(dataDir)).resolves.not.toContain('scopegate.lock');
    // operator.ts stops this PostgreSQL after the file, as the operator would have to.
  });
});
