import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import addressparser from 'nodemailer/lib/addressparser';
import pino from 'pino';
import { z } from 'zod';
import { MIN_KEY_SECRET_LENGTH } from './auth/key-secret.js';
import { checkEmail, checkNewPassword, type Checked } from './input-rules.js';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  nodeEnv: 'production' | 'development' | 'test';
  logLevel: string;
  sessionTtlMs: number;
  authCacheTtlMs: number;
  authCacheFallbackTtlMs: number;
  keySecret: string | undefined;
  keyRotationDays: number;
  jwtIssuer: string;
  jwtAudience: string;
  authCacheMaxEntries: number;
  lastUsedFlushMs: number;
  noticeIntervalMs: number;
  smtpUrl: string | undefined;
  /** How many proxies of ours stand in front: the client address is read that far from the right of X-Forwarded-For. */
  trustProxyHops: number;
  /** How long SIGTERM waits for requests in flight before it closes their connections. */
  shutdownGraceMs: number;
  /** A Bearer token that may read GET /metrics on the main port; without it /metrics is 404 there. */
  metricsToken: string | undefined;
  /** A second listener, on HOST, that serves only GET /metrics, without a token. */
  metricsPort: number | undefined;
  /** Worker processes sharing the port (node:cluster); 1 serves from the one process. */
  workers: number;
  /** Trust policies may name an http JWKS on loopback (tests and local issuers only). */
  federationAllowInsecure: boolean;
  limits: {
    loginPerAccount: { max: number; windowMs: number };
    loginPerIp: { max: number; windowMs: number };
    failedAuthPerIp: { max: number; windowMs: number };
    tokenRequestsPerMinute: number;
    bodyBytes: number;
  };
  mailFrom: string;
  webhooks: {
    /** The whole exchange with a receiver, connection to the last byte read. */
    timeoutMs: number;
    /** How often each gateway looks for due deliveries. */
    intervalMs: number;
    /** Receivers on loopback and private addresses allowed (tests, private networks). */
    allowPrivate: boolean;
  };
}

/** Every problem in the environment, one line each: `NAME: what is wrong, e.g. NAME=example`. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = [...Object.keys(pino.levels.values), 'silent'];

function integer(min: number, max = Number.MAX_SAFE_INTEGER, error?: string) {
  const range = max !== Number.MAX_SAFE_INTEGER ? ` from ${min} to ${max}` : min === 0 ? ', 0 or more' : `, at least ${min}`;
  return z
    .string()
    .refine((raw) => /^\d+$/.test(raw) && Number(raw) >= min && Number(raw) <= max, { error: error ?? `must be a whole number${range}` })
    .transform(Number);
}

/** A zod check from one of the shared input rules, so the configuration meets the same ones. */
function rule(check: (value: string) => Checked) {
  return z.string().transform((value, ctx) => {
    const result = check(value);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.problem });
    return z.NEVER;
  });
}

function url(protocols: string[], noun: string) {
  const expected = protocols.map((p) => `${p}//`).join(' or ');
  return z.string().superRefine((raw, ctx) => {
    const parsed = URL.canParse(raw) ? new URL(raw) : undefined;
    // The value is never repeated: these URLs usually carry a password.
    if (!parsed) ctx.addIssue({ code: 'custom', message: `must be ${noun} URL (${expected})` });
    else if (!protocols.includes(parsed.protocol)) {
      ctx.addIssue({ code: 'custom', message: `must be ${noun} URL (${expected}), not ${parsed.protocol}//` });
    } else if (!parsed.hostname && protocols.some((p) => p.startsWith('smtp'))) {
      ctx.addIssue({ code: 'custom', message: `must name the mail server's host (${expected}host)` });
    }
  });
}

/** A JWT's `iss`/`aud` is a StringOrURI (RFC 7519): a value with a colon must be a URI. */
const stringOrUri = z
  .string()
  .refine((raw) => /^\S+$/.test(raw) && (!raw.includes(':') || URL.canParse(raw)), { error: 'must be a URI or a name without spaces' });

const mailbox = z.string().transform((raw, ctx) => {
  const [first, ...rest] = addressparser(raw);
  const address = first && 'address' in first && first.address ? checkEmail(first.address) : undefined;
  if (!address?.ok || rest.length > 0) {
    ctx.addIssue({ code: 'custom', message: 'must be one e-mail address, with a name if you like' });
    return z.NEVER;
  }
  return raw.trim();
});

const directory = z.string().transform((raw, ctx) => {
  const resolved = path.resolve(raw);
  // Only read here: the directory itself is made by whoever first writes to it.
  const stat = statSync(resolved, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) {
    ctx.addIssue({ code: 'custom', message: 'is a file, not a directory' });
    return z.NEVER;
  }
  return resolved;
});

const blank = (raw: unknown) => (raw === '' ? undefined : raw);
/** An empty variable counts as unset. */
const optional = <T extends z.ZodType<unknown, string>>(schema: T) => z.preprocess(blank, schema.optional());
/** The default goes through the same rule as a value that was set (a path is resolved, a number parsed). */
const withDefault = <T extends z.ZodType<unknown, string>>(schema: T, fallback: string) => z.preprocess(blank, schema.prefault(fallback as z.input<T>));

/** Every variable scopegate reads, with its rule and its default. */
const ENVIRONMENT = z.object({
  PORT: withDefault(integer(0, 65_535), '4000'),
  HOST: withDefault(z.union([z.ipv4(), z.ipv6(), z.hostname()], { error: 'must be an IP address or a host name' }), '127.0.0.1'),
  DATABASE_URL: optional(url(['postgres:', 'postgresql:'], 'a PostgreSQL')),
  SCOPEGATE_DATA_DIR: withDefault(directory, '.scopegate'),
  SCOPEGATE_ADMIN_EMAIL: optional(rule(checkEmail)),
  SCOPEGATE_ADMIN_PASSWORD: optional(rule(checkNewPassword)),
  NODE_ENV: withDefault(z.enum(['production', 'development', 'test'], { error: 'must be production, development or test' }), 'production'),
  LOG_LEVEL: withDefault(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }), 'info'),
  SCOPEGATE_SESSION_TTL_HOURS: withDefault(integer(1), '12'),
  SCOPEGATE_AUTH_CACHE_TTL_MS: withDefault(integer(0), '60000'),
  SCOPEGATE_AUTH_CACHE_FALLBACK_TTL_MS: withDefault(integer(0), '1000'),
  SCOPEGATE_KEY_SECRET: optional(z.string().min(MIN_KEY_SECRET_LENGTH, { error: `must be at least ${MIN_KEY_SECRET_LENGTH} characters` })),
  SCOPEGATE_KEY_ROTATION_DAYS: withDefault(integer(1), '30'),
  SCOPEGATE_JWT_ISSUER: withDefault(stringOrUri, 'urn:scopegate'),
  SCOPEGATE_JWT_AUDIENCE: withDefault(stringOrUri, 'urn:scopegate:api'),
  SCOPEGATE_AUTH_CACHE_MAX: withDefault(integer(1), '10000'),
  SCOPEGATE_LAST_USED_FLUSH_MS: withDefault(integer(0), '30000'),
  SCOPEGATE_NOTICE_INTERVAL_MS: withDefault(integer(1_000), '60000'),
  SMTP_URL: optional(url(['smtp:', 'smtps:'], 'an SMTP')),
  SCOPEGATE_MAIL_FROM: withDefault(mailbox, 'scopegate <scopegate@localhost>'),
  SCOPEGATE_LOGIN_LIMIT_PER_ACCOUNT: withDefault(integer(1), '10'),
  SCOPEGATE_LOGIN_LIMIT_PER_IP: withDefault(integer(1), '100'),
  SCOPEGATE_FAILED_AUTH_LIMIT_PER_IP: withDefault(integer(1), '50'),
  SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE: withDefault(integer(1), '6000'),
  SCOPEGATE_MAX_BODY_BYTES: withDefault(integer(1_000), '100000'),
  TRUST_PROXY: withDefault(integer(0, undefined, 'must be how many proxies stand in front, a whole number (0 for none)'), '0'),
  SCOPEGATE_SHUTDOWN_GRACE_MS: withDefault(integer(0), '10000'),
  SCOPEGATE_METRICS_TOKEN: optional(z.string().regex(/^[\x21-\x7e]{32,}$/, { error: 'must be at least 32 visible characters, no spaces' })),
  METRICS_PORT: optional(integer(1, 65_535)),
  SCOPEGATE_WEBHOOK_TIMEOUT_MS: withDefault(integer(100, 60_000), '10000'),
  SCOPEGATE_WEBHOOK_INTERVAL_MS: withDefault(integer(100), '2000'),
  SCOPEGATE_WEBHOOK_ALLOW_PRIVATE: withDefault(z.enum(['0', '1'], { error: 'must be 1 (allow) or 0 (refuse)' }), '0'),
  // As many as the CPUs this process may use: one Node process uses one core.
  SCOPEGATE_WORKERS: withDefault(integer(1, 1_024), String(os.availableParallelism())),
  SCOPEGATE_FEDERATION_ALLOW_INSECURE: withDefault(z.enum(['0', '1'], { error: 'must be 0 or 1' }), '0'),
});

/** What follows "e.g." in a variable's error line: a value that would pass. */
const EXAMPLES: Record<keyof typeof ENVIRONMENT.shape, string> = {
  PORT: '4000',
  HOST: '0.0.0.0',
  DATABASE_URL: 'postgresql://scopegate:secret@db.example.com:5432/scopegate',
  SCOPEGATE_DATA_DIR: '/var/lib/scopegate',
  SCOPEGATE_ADMIN_EMAIL: 'ops@example.com',
  SCOPEGATE_ADMIN_PASSWORD: '$(openssl rand -base64 18)',
  NODE_ENV: 'production',
  LOG_LEVEL: 'info',
  SCOPEGATE_SESSION_TTL_HOURS: '12',
  SCOPEGATE_AUTH_CACHE_TTL_MS: '60000',
  SCOPEGATE_AUTH_CACHE_FALLBACK_TTL_MS: '1000',
  SCOPEGATE_KEY_SECRET: '$(openssl rand -base64 48)',
  SCOPEGATE_KEY_ROTATION_DAYS: '30',
  SCOPEGATE_JWT_ISSUER: 'https://scopegate.example.com',
  SCOPEGATE_JWT_AUDIENCE: 'urn:scopegate:api',
  SCOPEGATE_AUTH_CACHE_MAX: '10000',
  SCOPEGATE_LAST_USED_FLUSH_MS: '30000',
  SCOPEGATE_NOTICE_INTERVAL_MS: '60000',
  SMTP_URL: 'smtp://user:pass@mail.example.com:587',
  SCOPEGATE_MAIL_FROM: '"scopegate <scopegate@example.com>"',
  SCOPEGATE_LOGIN_LIMIT_PER_ACCOUNT: '10',
  SCOPEGATE_LOGIN_LIMIT_PER_IP: '100',
  SCOPEGATE_FAILED_AUTH_LIMIT_PER_IP: '50',
  SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE: '6000',
  SCOPEGATE_MAX_BODY_BYTES: '100000',
  TRUST_PROXY: '1',
  SCOPEGATE_SHUTDOWN_GRACE_MS: '10000',
  SCOPEGATE_METRICS_TOKEN: '$(openssl rand -hex 32)',
  METRICS_PORT: '9464',
  SCOPEGATE_WEBHOOK_TIMEOUT_MS: '10000',
  SCOPEGATE_WEBHOOK_INTERVAL_MS: '2000',
  SCOPEGATE_WEBHOOK_ALLOW_PRIVATE: '0',
  SCOPEGATE_WORKERS: '4',
  SCOPEGATE_FEDERATION_ALLOW_INSECURE: '0',
};

/** The names of every variable in the table above, for the README and its test. */
export const CONFIG_VARIABLES = Object.keys(ENVIRONMENT.shape) as (keyof typeof ENVIRONMENT.shape)[];

/**
 * Reads and validates the environment once, before anything starts; everything else receives a
 * Config. Throws a ConfigError listing every problem.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ENVIRONMENT.safeParse(env);
  if (!parsed.success) {
    const lines = new Map<string, string>();
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]) as keyof typeof EXAMPLES;
      // One line per variable, even when a value breaks several rules at once.
      if (!lines.has(name)) lines.set(name, `${name}: ${issue.message}, e.g. ${name}=${EXAMPLES[name]}`);
    }
    throw new ConfigError([...lines.values()]);
  }
  const v = parsed.data;
  return {
    port: v.PORT,
    host: v.HOST,
    databaseUrl: v.DATABASE_URL,
    dataDir: v.SCOPEGATE_DATA_DIR,
    adminEmail: v.SCOPEGATE_ADMIN_EMAIL,
    adminPassword: v.SCOPEGATE_ADMIN_PASSWORD,
    nodeEnv: v.NODE_ENV,
    logLevel: v.LOG_LEVEL,
    sessionTtlMs: v.SCOPEGATE_SESSION_TTL_HOURS * 3_600_000,
    authCacheTtlMs: v.SCOPEGATE_AUTH_CACHE_TTL_MS,
    authCacheFallbackTtlMs: v.SCOPEGATE_AUTH_CACHE_FALLBACK_TTL_MS,
    keySecret: v.SCOPEGATE_KEY_SECRET,
    keyRotationDays: v.SCOPEGATE_KEY_ROTATION_DAYS,
    jwtIssuer: v.SCOPEGATE_JWT_ISSUER,
    jwtAudience: v.SCOPEGATE_JWT_AUDIENCE,
    authCacheMaxEntries: v.SCOPEGATE_AUTH_CACHE_MAX,
    lastUsedFlushMs: v.SCOPEGATE_LAST_USED_FLUSH_MS,
    noticeIntervalMs: v.SCOPEGATE_NOTICE_INTERVAL_MS,
    smtpUrl: v.SMTP_URL,
    trustProxyHops: v.TRUST_PROXY,
    shutdownGraceMs: v.SCOPEGATE_SHUTDOWN_GRACE_MS,
    metricsToken: v.SCOPEGATE_METRICS_TOKEN,
    metricsPort: v.METRICS_PORT,
    workers: v.SCOPEGATE_WORKERS,
    federationAllowInsecure: v.SCOPEGATE_FEDERATION_ALLOW_INSECURE === '1',
    limits: {
      loginPerAccount: { max: v.SCOPEGATE_LOGIN_LIMIT_PER_ACCOUNT, windowMs: 15 * 60_000 },
      loginPerIp: { max: v.SCOPEGATE_LOGIN_LIMIT_PER_IP, windowMs: 15 * 60_000 },
      failedAuthPerIp: { max: v.SCOPEGATE_FAILED_AUTH_LIMIT_PER_IP, windowMs: 5 * 60_000 },
      tokenRequestsPerMinute: v.SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE,
      bodyBytes: v.SCOPEGATE_MAX_BODY_BYTES,
    },
    mailFrom: v.SCOPEGATE_MAIL_FROM,
    webhooks: {
      timeoutMs: v.SCOPEGATE_WEBHOOK_TIMEOUT_MS,
      intervalMs: v.SCOPEGATE_WEBHOOK_INTERVAL_MS,
      allowPrivate: v.SCOPEGATE_WEBHOOK_ALLOW_PRIVATE === '1',
    },
  };
}
