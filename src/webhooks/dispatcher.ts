import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { unseal } from '../auth/signing-keys.js';
import type { PrismaClient } from '../db/client.js';
import { checkWebhookHost, guardedLookup, hostOf, parseWebhookUrl } from './addresses.js';
import { notifyOwners } from './outbox.js';

/** A receiver has this long for the whole exchange, unless configured otherwise. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** At most this much of a response is read; the rest is cut off. */
export const MAX_RESPONSE_BYTES = 64 * 1024;
/** The first retry waits up to this long; each later one up to twice as long, to RETRY_CAP_MS. */
export const RETRY_BASE_MS = 5_000;
export const RETRY_CAP_MS = 2 * 3_600_000;
/** A delivery still failing this long after its event is given up. */
export const RETRY_WINDOW_MS = 24 * 3_600_000;
/** A hook whose every attempt has failed for this long is disabled. */
export const DISABLE_AFTER_MS = 3 * 24 * 3_600_000;
const CLAIM_BATCH = 20;
/**
 * At most this many deliveries of one hook are attempted at a time across all gateways (give or
 * take a claim racing another): a hook's backlog waits its turn instead of filling the batch.
 */
export const MAX_IN_FLIGHT_PER_HOOK = 2;

export const WEBHOOK_SECRET_PURPOSE = 'webhook-secret-encryption';

export interface DispatcherOptions {
  /** SCOPEGATE_KEY_SECRET (or the generated one): opens the hooks' signing secrets. */
  keySecret: string;
  timeoutMs?: number;
  /** SCOPEGATE_WEBHOOK_ALLOW_PRIVATE: private and loopback receivers allowed (tests, private networks). */
  allowPrivate?: boolean;
  /** The clock that schedules attempts; tests drive it forward instead of waiting. */
  now?: () => Date;
  /** In [0, 1): the jitter of each retry. */
  random?: () => number;
  log?: (message: string) => void;
}

interface Claimed {
  id: string;
  webhookId: string;
  messageId: string;
  payload: unknown;
  attempts: number;
  createdAt: Date;
  url: string;
  sealedSecret: string;
  projectId: string | null;
}

export interface AttemptResult {
  deliveryId: string;
  messageId: string;
  outcome: 'DELIVERED' | 'RETRY' | 'FAILED';
  responseStatus: number | null;
  error: string | null;
  nextAttemptAt: Date | null;
}

/** The delay before retry number `attempt` (1 for the first retry): exponential, full jitter. */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.min(attempt - 1, 30));
  return Math.floor(random() * ceiling);
}

class ReceiverError extends Error {}

/**
 * POSTs one signed payload with node:http rather than fetch: http.request takes a `lookup`, so
 * the address it connects to is the address that was checked (fetch offers no hook for that
 * without the undici package). It follows no redirect by nature, is cut by the timeout whatever
 * stage it is in, and reads at most MAX_RESPONSE_BYTES of the answer.
 */
function post(url: URL, headers: Record<string, string>, body: string, timeoutMs: number, allowPrivate: boolean, log: (message: string) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const signal = AbortSignal.timeout(timeoutMs);
    const finish = (error: Error | null, status?: number) => {
      if (settled) return;
      settled = true;
      if (error) reject(signal.aborted ? new ReceiverError(`no complete response within ${timeoutMs} ms`) : error);
      else resolve(status!);
    };
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, signal, lookup: guardedLookup(allowPrivate, log), agent: false },
      (response) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read >= MAX_RESPONSE_BYTES) {
            // Enough: the status is known, and a receiver cannot make us buffer more.
            finish(null, response.statusCode);
            response.destroy();
          }
        });
        response.on('end', () => finish(null, response.statusCode));
        response.on('error', (error) => finish(error));
        response.on('close', () => finish(new ReceiverError('the connection closed before the response ended')));
      },
    );
    request.on('error', (error) => finish(error));
    request.end(body);
  });
}

/**
 * Sends the outbox. Every gateway runs one; a delivery is claimed by exactly one of them
 * (`FOR UPDATE SKIP LOCKED` in a one-statement transaction) with a lease: a gateway that dies
 * mid-attempt leaves a lease that runs out, and the delivery is tried again elsewhere.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly timeoutMs: number;
  private readonly allowPrivate: boolean;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly log: (message: string) => void;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: DispatcherOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.allowPrivate = options.allowPrivate ?? false;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.log = options.log ?? (() => {});
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      // One tick at a time: a slow receiver delays this gateway's next claim, not its correctness.
      if (this.running) return;
      this.running = this.tick()
        .catch((error) => this.log(`webhook delivery failed: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops claiming and waits for the attempts in flight to be recorded. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Claims what is due now and attempts it; returns what happened to each. */
  async tick(): Promise<AttemptResult[]> {
    const claimed = await this.claim(this.now());
    return Promise.all(claimed.map((delivery) => this.attempt(delivery)));
  }

  /**
   * Claims up to CLAIM_BATCH due deliveries, at most MAX_IN_FLIGHT_PER_HOOK per hook counting the
   * ones other gateways hold: one hook with a backlog (or a receiver that never answers) cannot
   * take the whole batch, so every other hook's due deliveries go out in the same tick. The ranks
   * are read without locks (a window function cannot take FOR UPDATE); the outer query re-checks
   * each row under its lock, so a row another gateway claimed meanwhile is skipped, not sent twice.
   */
  private claim(now: Date): Promise<Claimed[]> {
    // Longer than any attempt can take: the lease only runs out for a gateway that is gone.
    const lease = new Date(now.getTime() + this.timeoutMs + 60_000);
    return this.prisma.$queryRaw<Claimed[]>`
      UPDATE "WebhookDelivery" AS d
      SET "leaseUntil" = ${lease}, "attempts" = d."attempts" + 1, "lastAttemptAt" = ${now}
      FROM "Webhook" AS w
      WHERE w.id = d."webhookId" AND d.id IN (
        SELECT due.id FROM "WebhookDelivery" AS due
        WHERE due.status = 'PENDING' AND due."nextAttemptAt" <= ${now}
          AND (due."leaseUntil" IS NULL OR due."leaseUntil" <= ${now})
          AND due.id IN (
            SELECT ranked.id FROM (
              SELECT c.id, row_number() OVER (PARTITION BY c."webhookId" ORDER BY c."nextAttemptAt", c.id) AS place,
                (SELECT count(*) FROM "WebhookDelivery" AS busy
                  WHERE busy."webhookId" = c."webhookId" AND busy.status = 'PENDING' AND busy."leaseUntil" > ${now}) AS busy
              FROM "WebhookDelivery" AS c JOIN "Webhook" AS hook ON hook.id = c."webhookId"
              WHERE c.status = 'PENDING' AND c."nextAttemptAt" <= ${now}
                AND (c."leaseUntil" IS NULL OR c."leaseUntil" <= ${now}) AND hook.enabled
            ) AS ranked
            WHERE ranked.place + ranked.busy <= ${MAX_IN_FLIGHT_PER_HOOK})
        ORDER BY due."nextAttemptAt"
        LIMIT ${CLAIM_BATCH}
        FOR UPDATE OF due SKIP LOCKED)
      RETURNING d.id, d."webhookId", d."messageId", d.payload, d.attempts, d."createdAt", w.url, w."sealedSecret", w."projectId"`;
  }

  private async attempt(delivery: Claimed): Promise<AttemptResult> {
    let responseStatus: number | null = null;
    let error: string | null = null;
    try {
      const url = parseWebhookUrl(delivery.url);
      // A literal address is never looked up, so guardedLookup cannot see it: check it here.
      if (isIP(hostOf(url))) await checkWebhookHost(url, this.allowPrivate, this.log);
      const secret = unseal(this.options.keySecret, delivery.sealedSecret, WEBHOOK_SECRET_PURPOSE);
      const body = JSON.stringify(delivery.payload);
      const sentAt = this.now();
      const headers = {
        'content-type': 'application/json',
        'user-agent': 'scopegate-webhooks',
        'webhook-id': delivery.messageId,
        'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
        'webhook-signature': new Webhook(secret).sign(delivery.messageId, sentAt, body),
      };
      responseStatus = await post(url, headers, body, this.timeoutMs, this.allowPrivate, this.log);
      if (responseStatus < 200 || responseStatus > 299) {
        error = responseStatus >= 300 && responseStatus < 400 ? `redirect ${responseStatus} (redirects are not followed)` : `answered ${responseStatus}`;
      }
    } catch (thrown) {
      error = (thrown as Error).message;
    }
    return this.settle(delivery, responseStatus, error);
  }

  /** Records an attempt's outcome, only if this gateway still holds the claim. */
  private async settle(delivery: Claimed, responseStatus: number | null, error: string | null): Promise<AttemptResult> {
    const now = this.now();
    const mine = { id: delivery.id, attempts: delivery.attempts, status: 'PENDING' as const };
    const result: AttemptResult = { deliveryId: delivery.id, messageId: delivery.messageId, outcome: 'DELIVERED', responseStatus, error, nextAttemptAt: null };
    await this.prisma.$transaction(async (tx) => {
      if (error === null) {
        await tx.webhookDelivery.updateMany({
          where: mine,
          data: { status: 'DELIVERED', deliveredAt: now, leaseUntil: null, lastResponseStatus: responseStatus, lastError: null },
        });
        await tx.webhook.updateMany({ where: { id: delivery.webhookId }, data: { failingSince: null } });
        return;
      }
      const givenUp = now.getTime() - delivery.createdAt.getTime() >= RETRY_WINDOW_MS;
      result.outcome = givenUp ? 'FAILED' : 'RETRY';
      result.nextAttemptAt = givenUp ? null : new Date(now.getTime() + retryDelay(delivery.attempts, this.random));
      const written = await tx.webhookDelivery.updateMany({
        where: mine,
        data: {
          status: givenUp ? 'FAILED' : 'PENDING',
          leaseUntil: null,
          lastResponseStatus: responseStatus,
          lastError: error.slice(0, 500),
          ...(result.nextAttemptAt ? { nextAttemptAt: result.nextAttemptAt } : {}),
        },
      });
      if (written.count === 0) return;
      const hook = await tx.webhook.findUnique({ where: { id: delivery.webhookId }, select: { url: true, enabled: true, failingSince: true } });
      if (!hook) return;
      const failingSince = hook.failingSince ?? now;
      const disable = hook.enabled && now.getTime() - failingSince.getTime() >= DISABLE_AFTER_MS;
      await tx.webhook.update({
        where: { id: delivery.webhookId },
        data: disable
          ? { failingSince, enabled: false, disabledAt: now, disabledReason: 'every delivery failed for 3 days' }
          : { failingSince },
      });
      if (givenUp) {
        await notifyOwners(tx, delivery.projectId, 'WEBHOOK_DELIVERY_FAILED', `A webhook delivery to ${hook.url} failed for 24 hours and was given up (last error: ${error.slice(0, 200)}).`, now);
      }
      if (disable) {
        await notifyOwners(tx, delivery.projectId, 'WEBHOOK_DISABLED', `The webhook to ${hook.url} was disabled: every delivery failed for 3 days. Fix the receiver, then enable it again.`, now);
      }
    });
    if (result.outcome !== 'DELIVERED') this.log(`webhook ${delivery.messageId} to ${delivery.url}: ${error}`);
    return result;
  }
}
