/**
 * `npm start` as a user runs it: a real process with embedded PostgreSQL on an empty data
 * directory, offline migrations, the admin bootstrap, real HTTP, and a clean SIGTERM.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NODE_FLAGS } from '../../bench/processes.js';
import { execute } from '../helpers/execute.js';
import { root, startProcess, stopProcess } from '../helpers/servers.js';

const dirs: string[] = [];

// Exactly what `npm start` runs: the compiled gateway with its Node flags.
beforeAll(() => execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root }));

function start(dataDir: string, env: Record<string, string> = {}) {
  const gateway = startProcess([...NODE_FLAGS, 'dist/server.js'], { SCOPEGATE_DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'production', ...env });
  return { child: gateway.child, ready: gateway.base.then((base) => `${base}/graphql`), output: gateway.output };
}

const stop = stopProcess;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad-hoc operations of every shape
const gql = async (url: string, query: string, variables: Record<string, unknown> = {}, token?: string) => (await execute<any, unknown>(url, query, variables, token ? { token } : undefined)).body;

/** POSTs a body in chunks with no Content-Length, as a streaming client does, over real HTTP. */
function postChunked(url: string, chunks: string[]): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (part: string) => (text += part));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    // The gateway may answer and close before the whole body is sent; the answer is what counts.
    req.on('error', (error) => (req.writableEnded ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('runs the compiled gateway with the heap flags the benchmark also uses', () => {
    expect(NODE_FLAGS).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-old-space-size=\d+$/)]));
  });

  it('starts on an empty data directory, prints the admin password once, and stops cleanly on SIGTERM', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-start-'));
    dirs.push(dataDir);
    const first = start(dataDir);
    const url = await first.ready;
    const password = /with password: (\S+)/.exec(first.output())?.[1];
    expect(password).toBeTruthy();
    expect(first.output()).toMatch(/Applied migrations: \d+_init/);
    // The build `npm start` runs also made the web console, and the gateway serves it at `/`.
    const base = url.replace(/\/graphql$/, '');
    // The line after "listening" may arrive in a later chunk of stdout.
    await vi.waitFor(() => expect(first.output()).toContain(`Web console: ${base}/`));
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1];
    expect((await fetch(`${base}${script}`)).status).toBe(200);

    const login = await gql(url, 'mutation($p: String!) { login(email: "admin@localhost", password: $p) { sessionToken user { role } } }', { p: password });
    expect(login.data.login.user.role).toBe('ADMIN');
    const session = login.data.login.sessionToken as string;
    const project = await gql(url, 'mutation { createProject(name: "Greenhouse") { id } }', {}, session);
    expect(project.data.createProject.id).toBeTruthy();
    // A token used just before the stop: its last use is only in memory until the shutdown flush.
    const made = await gql(url, 'mutation($p: String!) { createToken(password: $p, input: { kind: USER, name: "ci" }) { secret } }', { p: password }, session);
    expect((await gql(url, '{ viewer { authMethod } }', {}, made.data.createToken.secret)).data.viewer.authMethod).toBe('ACCESS_TOKEN');

    expect(await stop(first.child)).toBe(0);
    // The embedded server stopped too: it leaves no pid file behind, and the data directory is free.
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'scopegate.lock'))).toBe(false);

    // Data persists; the admin is not created again and the password is not printed again.
    const second = start(dataDir);
    const url2 = await second.ready;
    expect(second.output()).not.toMatch(/password/);
    const relogin = await gql(url2, 'mutation($p: String!) { login(email: "admin@localhost", password: $p) { sessionToken } }', { p: password });
    const projects = await gql(url2, '{ projects { nodes { name } } }', {}, relogin.data.login.sessionToken);
    expect(projects.data.projects.nodes).toEqual([{ name: 'Greenhouse' }]);
    // The shutdown wrote the buffered last use before stopping PostgreSQL.
    const tokens = await gql(url2, '{ myTokens { nodes { name lastUsedAt } } }', {}, relogin.data.login.sessionToken);
    expect(tokens.data.myTokens.nodes).toEqual([{ name: 'ci', lastUsedAt: expect.any(String) }]);
    expect(await stop(second.child)).toBe(0);
  });

  it('says so, stops its embedded PostgreSQL and makes no admin when the port is taken', async () => {
    const [busyDir, dataDir] = [await mkdtemp(path.join(os.tmpdir(), 'scopegate-busy-')), await mkdtemp(path.join(os.tmpdir(), 'scopegate-port-'))];
    dirs.push(busyDir, dataDir);
    const first = start(busyDir);
    const port = new URL(await first.ready).port;
    const second = start(dataDir, { PORT: port });
    await expect(second.ready).rejects.toThrow(/^exited with 1:/);
    expect(second.output()).toMatch(new RegExp(`scopegate did not start: Could not listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`));
    expect(second.output()).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'scopegate.lock'))).toBe(false);
    expect(await stop(first.child)).toBe(0);

    // The first admin is made only once a start listens: the failed one made none and printed
    // no password, so the next start makes the admin and shows its password.
    expect(second.output()).not.toMatch(/with password/);
    const third = start(dataDir);
    const url = await third.ready;
    const password = /with password: (\S+)/.exec(third.output())?.[1];
    const login = await gql(url, 'mutation($p: String!) { login(email: "admin@localhost", password: $p) { user { role } } }', { p: password });
    expect(login.data.login.user.role).toBe('ADMIN');
    expect(await stop(third.child)).toBe(0);
  });

  it('takes the first admin from SCOPEGATE_ADMIN_EMAIL and SCOPEGATE_ADMIN_PASSWORD, and counts chunked bodies', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-start-'));
    dirs.push(dataDir);
    const server = start(dataDir, { SCOPEGATE_ADMIN_EMAIL: 'Ops@Example.test', SCOPEGATE_ADMIN_PASSWORD: 'a very long admin password' });
    const url = await server.ready;
    expect(server.output()).not.toMatch(/with password/);
    const login = await gql(url, 'mutation { login(email: "ops@example.test", password: "a very long admin password") { user { email role } } }');
    expect(login.data.login.user).toEqual({ email: 'ops@example.test', role: 'ADMIN' });

    // A body of undeclared length is counted as it arrives, over a real socket: a small one is
    // read whole, one over the limit is answered 413 (not a dropped connection).
    const small = await postChunked(url, ['{"query":"{ viewer', ' { authMethod } }"}']);
    expect(small).toEqual({ status: 200, body: { data: { viewer: { authMethod: 'ANONYMOUS' } } } });
    const huge = await postChunked(url, ['{"query":"{ viewer { authMethod } }","x":"', ...Array.from({ length: 15 }, () => 'x'.repeat(10_000)), '"}']);
    expect(huge.status).toBe(413);
    expect(huge.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await stop(server.child)).toBe(0);
  });
});
