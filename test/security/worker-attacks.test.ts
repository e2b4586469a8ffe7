/**
 * Adversarial review of #22's workers: a primary that dies without its shutdown (SIGKILL, OOM
 * killer) must not leave workers serving on the port, and start-up must not print the database
 * URL's password.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { isolatedDatabase, TEST_KEY_SECRET } from '../helpers/gateway.js';
import { startProcess, stopProcess } from '../helpers/servers.js';

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup) await step();
});

async function workerPids(primary: number): Promise<number[]> {
  const listed = await readFile(`/proc/${primary}/task/${primary}/children`, 'utf8');
  return listed.trim().split(/\s+/).filter(Boolean).map(Number);
}

const ask = (base: string) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('rule: a dead primary leaves no worker serving, and start-up prints no database password (#22)', () => {
  it('a primary killed with SIGKILL takes its workers with it, and nothing prints the database password', async () => {
    const databaseUrl = await isolatedDatabase();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-rev3-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const instance = startProcess(['--import', 'tsx', 'src/server.ts'], {
      DATABASE_URL: databaseUrl,
      SCOPEGATE_DATA_DIR: dataDir,
      SCOPEGATE_KEY_SECRET: TEST_KEY_SECRET,
      SCOPEGATE_ADMIN_EMAIL: 'admin@rev3.test',
      SCOPEGATE_ADMIN_PASSWORD: 'admin password for the rev3 workers test',
      SCOPEGATE_WORKERS: '2',
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
    });
    cleanup.push(async () => (instance.child.exitCode === null && instance.child.signalCode === null ? stopProcess(instance.child, 'SIGKILL') : undefined));
    const base = await instance.base;
    await vi.waitFor(async () => expect(await workerPids(instance.child.pid!)).toHaveLength(2), { timeout: 30_000, interval: 100 });
    const workers = await workerPids(instance.child.pid!);
    cleanup.push(async () => workers.filter(alive).forEach((pid) => process.kill(pid, 'SIGKILL')));
    expect((await ask(base)).status).toBe(200);
    const password = new URL(databaseUrl).password;
    if (password) expect(instance.output()).not.toContain(password);
    expect(instance.output()).not.toContain(databaseUrl);

    await stopProcess(instance.child, 'SIGKILL');
    // The workers notice the primary's channel closing and stop: nobody keeps serving the port.
    await vi.waitFor(() => expect(workers.filter(alive)).toEqual([]), { timeout: 10_000, interval: 100 });
    const after = await ask(base).then(
      (r) => r.status,
      () => 'refused',
    );
    expect(after).toBe('refused');
  }, 120_000);
});
