import type { ExecutionResult } from 'graphql';
import type { Authenticator } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import type { Config } from '../config.js';
import type { PrismaClient } from '../db/client.js';
import type { UsageRecorder } from '../lifecycle/usage.js';
import type { SharedRateLimiter } from '../security/rate-limits.js';

/** What every resolver can reach: the caller, the database and the gateway's services. */
export interface Context {
  principal: Principal;
  prisma: PrismaClient;
  authenticator: Authenticator;
  config: Config;
  request: Request;
  /** Also sent as X-Request-Id, and written with every log line about this request. */
  requestId: string;
  /** The caller's address as the socket reports it; null when there is no socket (tests). */
  clientIp: string | null;
  usage: UsageRecorder;
  limiter: SharedRateLimiter;
  /** The server's log: details that must not reach the caller (what a refused webhook host resolved to). */
  log: (message: string) => void;
  /**
   * Call after any change that can narrow a credential (revocation, regeneration, grant or
   * membership change, deletion): empties this process's credential cache at once and tells every
   * other gateway on the database through LISTEN/NOTIFY.
   */
  invalidate: () => Promise<void>;
  /** Headers to add to this request's response (Set-Cookie). */
  responseHeaders: [string, string][];
  /**
   * explainToken's dry run: nothing counts as the token's use, and a mutation's transaction is
   * rolled back whatever happens.
   */
  dryRun?: boolean;
  /**
   * Runs `work` once the request's writes are committed: at once outside a mutation's
   * transaction, after its commit inside one, never if it rolls back. For effects outside the
   * database transaction that must not outlive a refusal (lifting a sign-in lock-out).
   */
  afterCommit: (work: () => Promise<void>) => Promise<void>;
  /** Encrypts a webhook's signing secret for the database, with SCOPEGATE_KEY_SECRET. */
  sealWebhookSecret: (secret: string) => string;
  /** Runs an operation through this gateway as `principal`, in a dry run, and returns its answer. */
  explainAs: (principal: Principal, query: string, variables: Record<string, unknown>) => Promise<ExecutionResult>;
}
