/**
 * `npm run admin -- reset-password <email>` as an operator runs it: a real process against a real
 * PostgreSQL, through DATABASE_URL or the embedded server in a data directory.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { verifyPassword } from '../../src/auth/passwords.js';
import { createPrisma } from '../../src/db/client.js';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { graphql } from '../gql/index.js';
import { execute } from '../helpers/execute.js';
import { createSession, createUser, PASSWORD } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';
import { root } from '../helpers/servers.js';

const { gateway, prisma, databaseUrl } = await setupGateway({ isolated: true });

const Login = graphql(`mutation CliLogin($email: String!, $password: String!) { login(email: $email, password: $password) { sessionToken } }`);
const Me = graphql(`query CliMe { viewer { user { id mustChangePassword } } }`);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The command exactly as documented, in a process of its own. */
function admin(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'admin', '--', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', SCOPEGATE_DATA_DIR: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function printedPassword(run: Run): string {
  const match = /One-time password \(shown only this once\): (\S+)/.exec(run.stdout);
  expect(match, run.stdout + run.stderr).not.toBeNull();
  return match![1]!;
}

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('npm run admin -- reset-password, with DATABASE_URL', () => {
  it('prints a one-time password once, ends the sessions on running gateways, and the password signs in once', async () => {
    const user = await createUser(prisma, { role: 'ADMIN' });
    expect((await execute(gateway, Me, {}, { session: user.session })).status).toBe(200);

    const run = await admin(['reset-password', user.email.toUpperCase()], { DATABASE_URL: databaseUrl });
    expect(run.code, run.stderr).toBe(0);
    const password = printedPassword(run);
    expect(password).toMatch(/^[\w-]{32}$/);
    expect(run.stdout.split(password)).toHaveLength(2);
    expect(run.stderr).toBe('');

    // The gateway heard of it over LISTEN/NOTIFY and dropped the session it had cached.
    await vi.waitFor(async () => expect((await execute(gateway, Me, {}, { session: user.session })).status).toBe(401), { timeout: 2_000 });
    (await execute(gateway, Login, { email: user.email, password: PASSWORD })).expectError('UNAUTHENTICATED');
    const session = (await execute(gateway, Login, { email: user.email, password })).expectData().login.sessionToken;
    expect((await execute(gateway, Me, {}, { session })).expectData().viewer.user).toEqual({ id: user.id, mustChangePassword: true });
    (await execute(gateway, Login, { email: user.email, password })).expectError('UNAUTHENTICATED');
  });

  it('says in one line that an unknown e-mail is unknown, and exits 1', async () => {
    const run = await admin(['reset-password', 'nobody@example.test'], { DATABASE_URL: databaseUrl });
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: 'No user with e-mail nobody@example.test.\n' });
  });

  it('prints its usage and exits 2 when called wrongly', async () => {
    const calls = [[], ['reset-password'], ['reset-pasword', 'a@example.test'], ['reset-password', 'a@example.test', 'extra'], ['reset-password', 'not an address']];
    const runs = await Promise.all(calls.map((args) => admin(args, { DATABASE_URL: databaseUrl })));
    for (const [i, run] of runs.entries()) {
      expect(run.code, JSON.stringify(calls[i])).toBe(2);
      expect(run.stderr).toMatch(/^(email is not an e-mail address\.\n)?usage: npm run admin -- reset-password <email>\n$/);
    }
  });
});

describe('npm run admin -- reset-password, with the data directory', () => {
  it('starts the embedded PostgreSQL, resets the password, and stops what it started', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-admin-'));
    dirs.push(dataDir);
    const db = await startEmbeddedPostgres(dataDir);
    await applyMigrations(db.url);
    const direct = createPrisma(db.url);
    const user = await createUser(direct);
    await createSession(direct, user.id);
    await direct.$disconnect();

    // A data directory that a running server holds is refused, and that server is left alone.
    const refused = await admin(['reset-password', user.email], { SCOPEGATE_DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/stop it first/i);
    expect(refused.stderr).toContain(dataDir);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    const stillUp = createPrisma(db.url);
    expect(await stillUp.user.count()).toBe(1);
    await stillUp.$disconnect();
    await db.stop();

    const run = await admin(['reset-password', user.email], { SCOPEGATE_DATA_DIR: dataDir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const password = printedPassword(run);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    await db.start();
    const after = createPrisma(db.url);
    try {
      const row = await after.user.findUniqueOrThrow({ where: { id: user.id }, include: { sessions: true } });
      expect(await verifyPassword(row.passwordHash, password)).toBe(true);
      expect(row.mustChangePassword).toBe(true);
      expect(row.sessions.every((s) => s.endedAt !== null)).toBe(true);
    } finally {
      await after.$disconnect();
      await db.stop();
    }
  });

  it('names the problem when the data directory holds no database', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-admin-empty-'));
    dirs.push(dataDir);
    const run = await admin(['reset-password', 'admin@localhost'], { SCOPEGATE_DATA_DIR: dataDir });
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe(`No scopegate database in ${dataDir}: set SCOPEGATE_DATA_DIR to the gateway's data directory, or DATABASE_URL.\n`);
    expect(existsSync(path.join(dataDir, 'pg'))).toBe(false);
  });
});
