import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  nodeEnv: string;
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
  limits: {
    loginPerAccount: { max: number; windowMs: number };
    loginPerIp: { max: number; windowMs: number };
    failedAuthPerIp: { max: number; windowMs: number };
    tokenRequestsPerMinute: number;
    bodyBytes: number;
  };
  mailFrom: string;
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** Reads and validates the environment once; everything else receives a Config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFromEnv(env, 'PORT', 4000, 0),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.SCOPEGATE_DATA_DIR || '.scopegate'),
    adminEmail: env.SCOPEGATE_ADMIN_EMAIL || undefined,
    adminPassword: env.SCOPEGATE_ADMIN_PASSWORD || undefined,
    nodeEnv: env.NODE_ENV || 'production',
    sessionTtlMs: intFromEnv(env, 'SCOPEGATE_SESSION_TTL_HOURS', 12, 1) * 3_600_000,
    authCacheTtlMs: intFromEnv(env, 'SCOPEGATE_AUTH_CACHE_TTL_MS', 60_000, 0),
    authCacheFallbackTtlMs: intFromEnv(env, 'SCOPEGATE_AUTH_CACHE_FALLBACK_TTL_MS', 1_000, 0),
    keySecret: env.SCOPEGATE_KEY_SECRET || undefined,
    keyRotationDays: intFromEnv(env, 'SCOPEGATE_KEY_ROTATION_DAYS', 30, 1),
    jwtIssuer: env.SCOPEGATE_JWT_ISSUER || 'urn:scopegate',
    jwtAudience: env.SCOPEGATE_JWT_AUDIENCE || 'urn:scopegate:api',
    authCacheMaxEntries: intFromEnv(env, 'SCOPEGATE_AUTH_CACHE_MAX', 10_000, 1),
    lastUsedFlushMs: intFromEnv(env, 'SCOPEGATE_LAST_USED_FLUSH_MS', 30_000, 0),
    noticeIntervalMs: intFromEnv(env, 'SCOPEGATE_NOTICE_INTERVAL_MS', 60_000, 1_000),
    smtpUrl: env.SMTP_URL || undefined,
    trustProxyHops: intFromEnv(env, 'TRUST_PROXY', 0, 0),
    limits: {
      loginPerAccount: { max: intFromEnv(env, 'SCOPEGATE_LOGIN_LIMIT_PER_ACCOUNT', 10, 1), windowMs: 15 * 60_000 },
      loginPerIp: { max: intFromEnv(env, 'SCOPEGATE_LOGIN_LIMIT_PER_IP', 100, 1), windowMs: 15 * 60_000 },
      failedAuthPerIp: { max: intFromEnv(env, 'SCOPEGATE_FAILED_AUTH_LIMIT_PER_IP', 50, 1), windowMs: 5 * 60_000 },
      tokenRequestsPerMinute: intFromEnv(env, 'SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE', 6_000, 1),
      bodyBytes: intFromEnv(env, 'SCOPEGATE_MAX_BODY_BYTES', 100_000, 1_000),
    },
    mailFrom: env.SCOPEGATE_MAIL_FROM || 'scopegate <scopegate@localhost>',
  };
}
