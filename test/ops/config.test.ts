/**
 * Configuration is read once, before anything starts, and every problem is reported at once:
 * one line per variable naming it, what is wrong, and a value that would do.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/config.js';
import { root } from '../helpers/servers.js';
import { processesNaming, startGateway, tempDir, useBuild } from './operator.js';

const scratch = await mkdtemp(path.join(os.tmpdir(), 'scopegate-config-'));
const aFile = path.join(scratch, 'a-file');
await writeFile(aFile, '');
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** A bad value for every variable, and the exact line it earns. */
const BAD_VALUES: [name: string, value: string, line: string][] = [
  ['PORT', '70000', 'PORT: must be a whole number from 0 to 65535, e.g. PORT=4000'],
  ['HOST', 'not a host', 'HOST: must be an IP address or a host name, e.g. HOST=0.0.0.0'],
  ['DATABASE_URL', 'not-a-url', 'DATABASE_URL: must be a PostgreSQL URL (postgres:// or postgresql://), e.g. DATABASE_URL=postgresql://scopegate:secret@db.example.com:5432/scopegate'],
  ['SCOPEGATE_DATA_DIR', aFile, 'SCOPEGATE_DATA_DIR: is a file, not a directory, e.g. SCOPEGATE_DATA_DIR=/var/lib/scopegate'],
  ['SCOPEGATE_ADMIN_EMAIL', 'boss', 'SCOPEGATE_ADMIN_EMAIL: is not an e-mail address, e.g. SCOPEGATE_ADMIN_EMAIL=ops@example.com'],
  ['SCOPEGATE_ADMIN_PASSWORD', 'admin', 'SCOPEGATE_ADMIN_PASSWORD: must be at least 12 characters, e.g. SCOPEGATE_ADMIN_PASSWORD=$(openssl rand -base64 18)'],
  ['NODE_ENV', 'prod', 'NODE_ENV: must be production, development or test, e.g. NODE_ENV=production'],
  ['LOG_LEVEL', 'verbose', 'LOG_LEVEL: must be one of trace, debug, info, warn, error, fatal, silent, e.g. LOG_LEVEL=info'],
  ['SCOPEGATE_SESSION_TTL_HOURS', '0', 'SCOPEGATE_SESSION_TTL_HOURS: must be a whole number, at least 1, e.g. SCOPEGATE_SESSION_TTL_HOURS=12'],
  ['SCOPEGATE_AUTH_CACHE_TTL_MS', '-1', 'SCOPEGATE_AUTH_CACHE_TTL_MS: must be a whole number, 0 or more, e.g. SCOPEGATE_AUTH_CACHE_TTL_MS=60000'],
  ['SCOPEGATE_AUTH_CACHE_FALLBACK_TTL_MS', '1s', 'SCOPEGATE_AUTH_CACHE_FALLBACK_TTL_MS: must be a whole number, 0 or more, e.g. SCOPEGATE_AUTH_CACHE_FALLBACK_TTL_MS=1000'],
  ['SCOPEGATE_KEY_SECRET', 'too-short-a-secret', 'SCOPEGATE_KEY_SECRET: must be at least 32 characters, e.g. SCOPEGATE_KEY_SECRET=$(openssl rand -base64 48)'],
  ['SCOPEGATE_KEY_ROTATION_DAYS', '1.5', 'SCOPEGATE_KEY_ROTATION_DAYS: must be a whole number, at least 1, e.g. SCOPEGATE_KEY_ROTATION_DAYS=30'],
  ['SCOPEGATE_JWT_ISSUER', 'my issuer', 'SCOPEGATE_JWT_ISSUER: must be a URI or a name without spaces, e.g. SCOPEGATE_JWT_ISSUER=https://scopegate.example.com'],
  ['SCOPEGATE_JWT_AUDIENCE', 'https://', 'SCOPEGATE_JWT_AUDIENCE: must be a URI or a name without spaces, e.g. SCOPEGATE_JWT_AUDIENCE=urn:scopegate:api'],
  ['SCOPEGATE_AUTH_CACHE_MAX', '0', 'SCOPEGATE_AUTH_CACHE_MAX: must be a whole number, at least 1, e.g. SCOPEGATE_AUTH_CACHE_MAX=10000'],
  ['SCOPEGATE_LAST_USED_FLUSH_MS', 'soon', 'SCOPEGATE_LAST_USED_FLUSH_MS: must be a whole number, 0 or more, e.g. SCOPEGATE_LAST_USED_FLUSH_MS=30000'],
  ['SCOPEGATE_NOTICE_INTERVAL_MS', '10', 'SCOPEGATE_NOTICE_INTERVAL_MS: must be a whole number, at least 1000, e.g. SCOPEGATE_NOTICE_INTERVAL_MS=60000'],
  ['SMTP_URL', 'garbage', 'SMTP_URL: must be an SMTP URL (smtp:// or smtps://), e.g. SMTP_URL=smtp://user:pass@mail.example.com:587'],
  ['SCOPEGATE_MAIL_FROM', 'nobody', 'SCOPEGATE_MAIL_FROM: must be one e-mail address, with a name if you like, e.g. SCOPEGATE_MAIL_FROM="scopegate <scopegate@example.com>"'],
  ['SCOPEGATE_LOGIN_LIMIT_PER_ACCOUNT', '0', 'SCOPEGATE_LOGIN_LIMIT_PER_ACCOUNT: must be a whole number, at least 1, e.g. SCOPEGATE_LOGIN_LIMIT_PER_ACCOUNT=10'],
  ['SCOPEGATE_LOGIN_LIMIT_PER_IP', 'many', 'SCOPEGATE_LOGIN_LIMIT_PER_IP: must be a whole number, at least 1, e.g. SCOPEGATE_LOGIN_LIMIT_PER_IP=100'],
  ['SCOPEGATE_FAILED_AUTH_LIMIT_PER_IP', '5.0', 'SCOPEGATE_FAILED_AUTH_LIMIT_PER_IP: must be a whole number, at least 1, e.g. SCOPEGATE_FAILED_AUTH_LIMIT_PER_IP=50'],
  ['SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE', '1e3', 'SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE: must be a whole number, at least 1, e.g. SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE=6000'],
  ['SCOPEGATE_MAX_BODY_BYTES', '10', 'SCOPEGATE_MAX_BODY_BYTES: must be a whole number, at least 1000, e.g. SCOPEGATE_MAX_BODY_BYTES=100000'],
  ['TRUST_PROXY', 'true', 'TRUST_PROXY: must be how many proxies stand in front, a whole number (0 for none), e.g. TRUST_PROXY=1'],
  ['SCOPEGATE_SHUTDOWN_GRACE_MS', '10s', 'SCOPEGATE_SHUTDOWN_GRACE_MS: must be a whole number, 0 or more, e.g. SCOPEGATE_SHUTDOWN_GRACE_MS=10000'],
  ['SCOPEGATE_METRICS_TOKEN', 'secret', 'SCOPEGATE_METRICS_TOKEN: must be at least 32 visible characters, no spaces, e.g. SCOPEGATE_METRICS_TOKEN=$(openssl rand -hex 32)'],
  ['METRICS_PORT', '0', 'METRICS_PORT: must be a whole number from 1 to 65535, e.g. METRICS_PORT=9464'],
  ['SCOPEGATE_WEBHOOK_TIMEOUT_MS', '90000', 'SCOPEGATE_WEBHOOK_TIMEOUT_MS: must be a whole number from 100 to 60000, e.g. SCOPEGATE_WEBHOOK_TIMEOUT_MS=10000'],
  ['SCOPEGATE_WEBHOOK_INTERVAL_MS', '10', 'SCOPEGATE_WEBHOOK_INTERVAL_MS: must be a whole number, at least 100, e.g. SCOPEGATE_WEBHOOK_INTERVAL_MS=2000'],
  ['SCOPEGATE_WEBHOOK_ALLOW_PRIVATE', 'yes', 'SCOPEGATE_WEBHOOK_ALLOW_PRIVATE: must be 1 (allow) or 0 (refuse), e.g. SCOPEGATE_WEBHOOK_ALLOW_PRIVATE=0'],
  ['SCOPEGATE_WORKERS', '0', 'SCOPEGATE_WORKERS: must be a whole number from 1 to 1024, e.g. SCOPEGATE_WORKERS=4'],
  ['SCOPEGATE_FEDERATION_ALLOW_INSECURE', 'yes', 'SCOPEGATE_FEDERATION_ALLOW_INSECURE: must be 0 or 1, e.g. SCOPEGATE_FEDERATION_ALLOW_INSECURE=0'],
];

/** More bad values worth a case of their own: other shapes of the same mistakes. */
const OTHER_BAD_VALUES: [name: string, value: string, line: string][] = [
  ['DATABASE_URL', 'mysql://scopegate:pw@db.example.com/scopegate', 'DATABASE_URL: must be a PostgreSQL URL (postgres:// or postgresql://), not mysql://, e.g. DATABASE_URL=postgresql://scopegate:secret@db.example.com:5432/scopegate'],
  ['SMTP_URL', 'http://mail.example.com', 'SMTP_URL: must be an SMTP URL (smtp:// or smtps://), not http://, e.g. SMTP_URL=smtp://user:pass@mail.example.com:587'],
  ['SCOPEGATE_ADMIN_EMAIL', 'two@example.com three@example.com', 'SCOPEGATE_ADMIN_EMAIL: is not an e-mail address, e.g. SCOPEGATE_ADMIN_EMAIL=ops@example.com'],
  ['SCOPEGATE_ADMIN_PASSWORD', `${'x'.repeat(20)}\u0000`, 'SCOPEGATE_ADMIN_PASSWORD: contains invalid characters, e.g. SCOPEGATE_ADMIN_PASSWORD=$(openssl rand -base64 18)'],
  ['SCOPEGATE_MAIL_FROM', 'a@example.com, b@example.com', 'SCOPEGATE_MAIL_FROM: must be one e-mail address, with a name if you like, e.g. SCOPEGATE_MAIL_FROM="scopegate <scopegate@example.com>"'],
];

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('has a bad-value case for every variable it reads', () => {
    expect(BAD_VALUES.map(([name]) => name).sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('reads only variables that the README documents, each in a row of its Configuration table', async () => {
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    const table = /^## Configuration\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
    const documented = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]);
    expect(CONFIG_VARIABLES.filter((name) => !documented.includes(name))).toEqual([]);
  });

  it.each([...BAD_VALUES, ...OTHER_BAD_VALUES])('%s=%j is refused with one line naming it', (name, value, line) => {
    expect(problemsOf({ [name]: value })).toEqual([line]);
  });

  it('lists every problem at once, in the order of the table', () => {
    const env = Object.fromEntries(BAD_VALUES.map(([name, value]) => [name, value]));
    expect(problemsOf(env)).toEqual(BAD_VALUES.map(([, , line]) => line));
    expect(() => loadConfig(env)).toThrow(ConfigError);
  });

  it('never repeats a value that may be a secret', () => {
    const secrets = {
      DATABASE_URL: 'mysql://scopegate:hunter2-database@db.example.com/scopegate',
      SMTP_URL: 'http://mailer:hunter2-smtp@mail.example.com',
      SCOPEGATE_KEY_SECRET: 'hunter2-key',
      SCOPEGATE_ADMIN_PASSWORD: 'hunter2',
      SCOPEGATE_METRICS_TOKEN: 'hunter2 metrics',
    };
    const text = problemsOf(secrets).join('\n');
    expect(text.split('\n')).toHaveLength(5);
    expect(text).not.toMatch(/hunter2/);
  });

  it('takes an empty variable as unset, and gives the documented defaults', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '', SCOPEGATE_ADMIN_EMAIL: '' });
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: path.resolve('.scopegate'),
      adminEmail: undefined,
      nodeEnv: 'production',
      logLevel: 'info',
      sessionTtlMs: 12 * 3_600_000,
      trustProxyHops: 0,
      shutdownGraceMs: 10_000,
      mailFrom: 'scopegate <scopegate@localhost>',
      limits: { bodyBytes: 100_000, tokenRequestsPerMinute: 6_000 },
      workers: os.availableParallelism(),
    });
  });

  it('accepts good values, and stores the first admin e-mail as every e-mail is stored', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '::',
      DATABASE_URL: 'postgres://scopegate:pw@db.internal:5432/scopegate',
      SMTP_URL: 'smtps://mailer:pw@mail.example.com',
      SCOPEGATE_ADMIN_EMAIL: ' Ops@Example.COM ',
      SCOPEGATE_ADMIN_PASSWORD: 'a very long admin password',
      SCOPEGATE_DATA_DIR: scratch,
      LOG_LEVEL: 'silent',
      SCOPEGATE_JWT_ISSUER: 'https://scopegate.example.com',
      SCOPEGATE_MAIL_FROM: 'Ops <ops@example.com>',
      TRUST_PROXY: '2',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '::',
      adminEmail: 'ops@example.com',
      dataDir: scratch,
      logLevel: 'silent',
      trustProxyHops: 2,
      mailFrom: 'Ops <ops@example.com>',
    });
    expect(loadConfig({ HOST: 'gateway.internal', DATABASE_URL: 'postgresql://localhost/scopegate' }).host).toBe('gateway.internal');
  });
});

describe('npm start with bad settings', () => {
  useBuild();

  /** Exactly what the operator reads: the lines, one closing line, and nothing else (no stack, no password). */
  async function refusedWith(env: Record<string, string>, lines: string[]) {
    const gateway = startGateway(env);
    expect(await gateway.exited).toBe(1);
    const closing = `scopegate did not start: ${lines.length === 1 ? 'a setting needs' : `${lines.length} settings need`} fixing (nothing was started).`;
    expect(gateway.output()).toBe([...lines, closing, ''].join('\n'));
  }

  it('prints the line of every bad variable, exits 1 and starts nothing', async () => {
    const dataDir = path.join(await tempDir('bad-config'), 'data');
    const issue: [string, string][] = [
      ['SCOPEGATE_KEY_SECRET', 'too-short-a-secret'],
      ['LOG_LEVEL', 'verbose'],
      ['SMTP_URL', 'garbage'],
      ['SCOPEGATE_ADMIN_EMAIL', 'boss'],
      ['SCOPEGATE_ADMIN_PASSWORD', 'admin'],
    ];
    const lineOf = (name: string, value: string) => [...BAD_VALUES, ...OTHER_BAD_VALUES].find(([n, v]) => n === name && v === value)![2];
    // NUL cannot be passed in an environment; the lines come in the order of the table.
    const others = OTHER_BAD_VALUES.filter(([, value]) => !value.includes('\u0000'));
    const order = (name: string) => CONFIG_VARIABLES.indexOf(name as (typeof CONFIG_VARIABLES)[number]);
    for (const list of [issue, others]) list.sort(([a], [b]) => order(a) - order(b));
    await Promise.all([
      // The cases of the issue, on an embedded PostgreSQL's data directory that does not exist yet.
      refusedWith({ SCOPEGATE_DATA_DIR: dataDir, ...Object.fromEntries(issue) }, issue.map(([name, value]) => lineOf(name, value))),
      // Every variable wrong at once.
      refusedWith(Object.fromEntries(BAD_VALUES.map(([name, value]) => [name, value])), BAD_VALUES.map(([, , line]) => line)),
      refusedWith(Object.fromEntries(others.map(([name, value]) => [name, value])), others.map(([, , line]) => line)),
    ]);
    expect(existsSync(dataDir)).toBe(false);
    expect(await processesNaming(dataDir)).toEqual([]);
  });
});
