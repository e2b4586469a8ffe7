import type { PrismaClient } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { recordEvent } from '../lifecycle/audit.js';
import { alertTokenOwners, mailAlert, type Alert } from '../lifecycle/token-alerts.js';
import type { Mailer } from '../lifecycle/mailer.js';
import { refusalOf, started, tokenSelect } from './authenticator.js';
import { newSecret } from './issue-token.js';
import { permissionsFingerprint, secretFingerprint, type ExchangeClaims } from './jwt.js';
import type { Grant } from './permissions.js';
import { tokenPrincipal, type Principal } from './principal.js';
import { previousSecretState, type PreviousSecret } from './previous-secret.js';
import { expiryProblem, holderProblem } from './token-policy.js';
import { digestSecret, parseSecret } from './token-format.js';

type Tx = Prisma.TransactionClient;

/**
 * A rotation the token made itself can be repeated with the previous secret when its answer was
 * lost, for this long after it (or for the overlap, if longer), while the new secret is unused.
 */
export const LOST_RESPONSE_WINDOW_MS = 3_600_000;
/** Without a policy row: Stripe lets a rolled key live on for up to 7 days. */
export const DEFAULT_MAX_ROTATION_OVERLAP_SECONDS = 7 * 86_400;
/** The owner hears about reuse of a retired secret at most this often per token. */
export const REUSE_ALERT_QUIET_MS = 10 * 60_000;
export { previousSecretLiveUntil, previousSecretState, type PreviousSecret } from './previous-secret.js';
export const REVOKED_BY_ITSELF = 'revoked by itself';
export const REPORTED_AS_EXPOSED = 'reported as exposed';
export const ROTATED_SECRET_REUSED = 'rotated secret reused';

/**
 * Whether presenting a retired previous secret revokes the token under revokeOnRotatedSecretReuse:
 * only once the end its rotation announced has passed. A consumer still on the old secret inside
 * the promised overlap, after another consumer used the new one first, is refused but not punished.
 */
function reusePunishable(token: PreviousSecret, now: Date): boolean {
  if (token.previousSecretValidUntil && token.previousSecretValidUntil > now) return false;
  return !!token.secretFirstUsedAt || !(token.previousSecretRepeatUntil && token.previousSecretRepeatUntil > now);
}

/**
 * Gives a token a new secret, under a row lock (a concurrent rotation or regenerate waits, and
 * this one replaces whatever secret is current when it gets the row). The secret it replaces
 * becomes the previous one, accepted until `now + overlapSeconds` unless the new one is used
 * first, and is recorded as retired so that presenting it later is recognised as reuse. The
 * secret the previous rotation replaced is dropped: at most two secrets live per token.
 */
export async function replaceSecret(
  tx: Tx,
  tokenId: string,
  options: { now: Date; overlapSeconds: number; selfRotation: boolean; data?: Prisma.AccessTokenUpdateInput },
) {
  const [locked] = await tx.$queryRaw<{ digest: string }[]>`SELECT digest FROM "AccessToken" WHERE id = ${tokenId}::uuid FOR UPDATE`;
  if (!locked) throw new Error(`token ${tokenId} vanished while it was being rotated`);
  const fresh = newSecret();
  const now = options.now.getTime();
  const validUntil = new Date(now + options.overlapSeconds * 1000);
  const repeatUntil = options.selfRotation ? new Date(Math.max(validUntil.getTime(), now + LOST_RESPONSE_WINDOW_MS)) : null;
  await tx.retiredSecret.createMany({ data: [{ digest: locked.digest, tokenId, retiredAt: validUntil }], skipDuplicates: true });
  await tx.accessToken.update({
    where: { id: tokenId },
    data: {
      ...options.data,
      digest: fresh.digest,
      displayPrefix: fresh.displayPrefix,
      previousDigest: locked.digest,
      previousSecretValidUntil: validUntil,
      previousSecretRepeatUntil: repeatUntil,
      secretFirstUsedAt: null,
    },
  });
  return { secret: fresh.secret, previousSecretValidUntil: options.overlapSeconds > 0 ? validUntil : null };
}

export type RotationOutcome =
  | { ok: true; secret: string; tokenId: string; previousSecretValidUntil: Date | null }
  | { ok: false; status: 401 | 403 | 429; message: string; retryAfterSeconds?: number };

export interface RotationDeps {
  prisma: PrismaClient;
  /** Empties this gateway's credential cache and tells every other gateway to empty theirs. */
  invalidate: () => Promise<void>;
  mailer?: Mailer;
  log: (message: string) => void;
}

/** A reported credential, reduced to what the one lookup needs. */
export interface Reported {
  digests: string[];
  jwts: ExchangeClaims[];
}

type ExposedRow = PreviousSecret & {
  id: string;
  digest: string;
  apiMethodSet: string | null;
  apiMethods: string[];
  grants: Grant[] | null;
};

/**
 * Everything that happens to a token's secrets outside token management: the first use of a
 * rotated secret, reuse of a retired one, self-rotation, self-revocation and leak reports.
 */
export class SecretLifecycle {
  constructor(private readonly deps: RotationDeps) {}

  /**
   * The new secret of a rotation was presented for the first time: the previous one stops now,
   * on every gateway (the invalidation reaches them within a second).
   */
  async firstUse(tokenId: string, now: Date): Promise<void> {
    const updated = await this.deps.prisma.$executeRaw`
      UPDATE "AccessToken" SET "secretFirstUsedAt" = ${now} WHERE id = ${tokenId}::uuid AND "secretFirstUsedAt" IS NULL`;
    if (updated > 0) await this.deps.invalidate();
  }

  /**
   * A secret that a rotation retired was presented: a ROTATED_SECRET_REUSED event, the owner told
   * (at most every 10 minutes), and under the policy, once the secret's announced end has passed,
   * the whole token revoked. `previous`: the token's previous-secret columns when it was that one.
   */
  async retiredSecretPresented(tokenId: string, ip: string | null, now: Date, previous?: PreviousSecret): Promise<void> {
    const { prisma } = this.deps;
    let revoked = false;
    const alert = await prisma.$transaction(async (tx) => {
      const policy = await tx.tokenPolicy.findUnique({ where: { id: 1 }, select: { revokeOnRotatedSecretReuse: true } });
      if (policy?.revokeOnRotatedSecretReuse && (!previous || reusePunishable(previous, now))) {
        revoked = (await tx.$executeRaw`
          UPDATE "AccessToken" SET "revokedAt" = ${now}, "revokeReason" = ${ROTATED_SECRET_REUSED}
          WHERE id = ${tokenId}::uuid AND "revokedAt" IS NULL`) > 0;
      }
      await recordEvent(tx, { tokenId, kind: 'ROTATED_SECRET_REUSED', actorId: null, ip, details: { tokenRevoked: revoked } });
      if (revoked) await recordEvent(tx, { tokenId, kind: 'REVOKED', actorId: null, ip, details: { reason: ROTATED_SECRET_REUSED } });
      return alertTokenOwners(
        tx,
        tokenId,
        'ROTATED_SECRET_REUSED',
        ({ name }) => ({
          subject: `scopegate: a retired secret of token "${name}" was used`,
          message: `A secret of your access token "${name}" that a rotation retired was presented${ip ? ` from ${ip}` : ''}. ${
            revoked ? 'The token has been revoked, as the token policy asks.' : 'It was refused. If you did not expect this, revoke the token.'
          }`,
        }),
        now,
        REUSE_ALERT_QUIET_MS,
      );
    });
    if (revoked) await this.deps.invalidate();
    void mailAlert(this.deps.mailer, alert, this.deps.log);
  }

  /**
   * POST /auth/token/rotate. The row is locked, so concurrent rotations of one token take turns.
   * `checkAddress` applies the token's IP allow-list (and records a refusal); `mayRotate` is the
   * per-token limit on rotations, asked only once the token is known and allowed to rotate;
   * `spend` takes the request from the token's budgets as every other door does (one use of a
   * token with maxUses), last, so that a refused rotation costs no use.
   */
  async rotateBySecret(
    secret: string,
    requestedOverlapSeconds: number,
    ip: string | null,
    checks: {
      checkAddress: (principal: Principal) => void;
      mayRotate: (tokenId: string) => Promise<number | undefined>;
      spend: (tokenId: string) => Promise<{ status: 401 | 429; message: string; retryAfterSeconds?: number } | undefined>;
    },
    now = new Date(),
  ): Promise<RotationOutcome> {
    const parsed = parseSecret(secret);
    if (!parsed.ok || parsed.kind !== 'access-token') return { ok: false, status: 401, message: parsed.ok ? 'only an access token can rotate itself' : parsed.reason };
    const digest = digestSecret(secret);
    let reused: { tokenId: string; previous?: PreviousSecret } | undefined;
    const outcome = await this.deps.prisma.$transaction(async (tx): Promise<RotationOutcome> => {
      // NO KEY UPDATE: concurrent rotations still take turns, while the budget lease that `spend`
      // writes from another connection (a row whose foreign key points here) is not blocked by it.
      const [match] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "AccessToken" WHERE digest = ${digest} OR "previousDigest" = ${digest} FOR NO KEY UPDATE`;
      if (!match) {
        const retired = await tx.retiredSecret.findUnique({ where: { digest }, select: { tokenId: true } });
        if (retired) reused = { tokenId: retired.tokenId };
        return { ok: false, status: 401, message: retired ? 'this secret was replaced by a rotation' : 'unknown access token' };
      }
      const row = await tx.accessToken.findUniqueOrThrow({ where: { id: match.id }, select: { ...tokenSelect, selfRotate: true, previousSecretRepeatUntil: true } });
      const refusal = refusalOf(row, now);
      if (refusal) return { ok: false, status: 401, message: refusal };
      const presented = row.digest === digest ? 'current' : 'previous';
      // Only the allow-list and notBefore of this principal are read, so the default limits do not matter here.
      const principal = tokenPrincipal(row, { requestsPerMinute: Number.MAX_SAFE_INTEGER, costPerHour: null }, presented);
      // Not started yet: refused like an expired token (AuthenticationError, a 401 at the door).
      started(principal, now);
      checks.checkAddress(principal);
      const state = previousSecretState(row, now);
      if (presented === 'previous') {
        if (state === 'retired') {
          reused = { tokenId: row.id, previous: row };
          return { ok: false, status: 401, message: 'this secret was replaced by a rotation' };
        }
        if (!(row.previousSecretRepeatUntil && row.previousSecretRepeatUntil > now)) {
          // The owner rotated (perhaps because this secret leaked): it must not take the token back.
          return { ok: false, status: 403, message: 'this secret was replaced by a rotation; rotate with the new secret' };
        }
      }
      if (!row.selfRotate) return { ok: false, status: 403, message: 'this access token may not rotate itself; its owner can allow it with selfRotate' };
      const policy = await tx.tokenPolicy.findUnique({ where: { id: 1 } });
      if (policy) {
        const problem = holderProblem(policy, row.kind, row.owner?.role === 'ADMIN') ?? expiryProblem(policy, row.expiresAt, now.getTime());
        if (problem) return { ok: false, status: 403, message: `this token no longer meets the token policy, so it cannot get a new secret: ${problem}` };
      }
      const retryAfterSeconds = await checks.mayRotate(row.id);
      if (retryAfterSeconds !== undefined) return { ok: false, status: 429, message: 'this token has rotated too often; try again later', retryAfterSeconds };
      const spent = await checks.spend(row.id);
      if (spent) return { ok: false, ...spent };
      const overlapSeconds = Math.min(requestedOverlapSeconds, policy?.maxRotationOverlapSeconds ?? DEFAULT_MAX_ROTATION_OVERLAP_SECONDS);
      let result: { secret: string; previousSecretValidUntil: Date | null };
      if (presented === 'current') {
        result = await replaceSecret(tx, row.id, { now, overlapSeconds, selfRotation: true });
      } else {
        // The answer to the last rotation was lost: the unused secret it issued is retired, and
        // the previous secret keeps exactly the life that rotation gave it, no more.
        const fresh = newSecret();
        await tx.retiredSecret.createMany({ data: [{ digest: row.digest, tokenId: row.id, retiredAt: now }], skipDuplicates: true });
        await tx.accessToken.update({ where: { id: row.id }, data: { digest: fresh.digest, displayPrefix: fresh.displayPrefix } });
        const validUntil = state === 'valid' ? row.previousSecretValidUntil : null;
        result = { secret: fresh.secret, previousSecretValidUntil: validUntil };
      }
      await recordEvent(tx, {
        tokenId: row.id,
        kind: 'ROTATED',
        actorId: null,
        ip,
        details: { by: 'token', overlapSeconds: presented === 'current' ? overlapSeconds : 0, ...(presented === 'previous' ? { repeated: true } : {}) },
      });
      return { ok: true, tokenId: row.id, ...result };
    });
    if (outcome.ok) await this.deps.invalidate();
    if (reused) await this.retiredSecretPresented(reused.tokenId, ip, now, reused.previous);
    return outcome;
  }

  /**
   * RFC 7009 revocation by the token itself. The current secret revokes the token; a previous
   * secret that still lives only ends itself, so an old secret cannot take down the token its
   * owner rotated to. Anything else changes nothing, and the answer is the same.
   */
  async revokeBySecret(secret: string, ip: string | null, now = new Date()): Promise<void> {
    const parsed = parseSecret(secret);
    if (!parsed.ok || parsed.kind !== 'access-token') return;
    const digest = digestSecret(secret);
    const changed = await this.deps.prisma.$transaction(async (tx) => {
      const revoked = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "AccessToken" SET "revokedAt" = ${now}, "revokeReason" = ${REVOKED_BY_ITSELF}
        WHERE digest = ${digest} AND "revokedAt" IS NULL
        RETURNING id`;
      for (const { id } of revoked) await recordEvent(tx, { tokenId: id, kind: 'REVOKED', actorId: null, ip, details: { reason: REVOKED_BY_ITSELF } });
      const ended = await this.endPreviousSecrets(tx, [digest], now);
      for (const id of ended) await recordEvent(tx, { tokenId: id, kind: 'UPDATED', actorId: null, ip, details: { previousSecretEnded: REVOKED_BY_ITSELF } });
      return revoked.length + ended.length > 0;
    });
    if (changed) await this.deps.invalidate();
  }

  /** Ends, at `now`, every previous secret among `digests` that still lives; answers their tokens. */
  private async endPreviousSecrets(tx: Tx, digests: string[], now: Date): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "AccessToken" SET "previousSecretValidUntil" = LEAST("previousSecretValidUntil", ${now}), "previousSecretRepeatUntil" = NULL
      WHERE "previousDigest" = ANY(${digests}::text[]) AND "revokedAt" IS NULL AND "secretFirstUsedAt" IS NULL
        AND ("previousSecretValidUntil" > ${now} OR "previousSecretRepeatUntil" > ${now})
      RETURNING id`;
    return rows.map((row) => row.id);
  }

  /**
   * Which reported credentials still work, in one query whatever the list holds, so the answer's
   * timing does not tell a reporter what was valid: tokens whose current secret was reported (or
   * whose JWT still verifies against them) are to be revoked; previous secrets that still live,
   * only ended.
   */
  async findExposed(reported: Reported, now = new Date()): Promise<{ revoke: string[]; endPrevious: string[] }> {
    const jwtTokenIds = reported.jwts.map((claims) => claims.tokenId);
    const rows = await this.deps.prisma.$queryRaw<ExposedRow[]>`
      SELECT t.id, t.digest, t."previousDigest", t."previousSecretValidUntil", t."previousSecretRepeatUntil", t."secretFirstUsedAt",
        t."apiMethodSet", t."apiMethods",
        CASE WHEN t.id = ANY(${jwtTokenIds}::uuid[]) THEN (
          SELECT json_agg(json_build_object('entity', g.entity, 'action', g.action, 'projectId', g."projectId", 'deviceId', g."deviceId") ORDER BY g.position)
          FROM "TokenGrant" g WHERE g."tokenId" = t.id) END AS grants
      FROM "AccessToken" t
      WHERE t."revokedAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" > ${now})
        AND (t.digest = ANY(${reported.digests}::text[]) OR t."previousDigest" = ANY(${reported.digests}::text[]) OR t.id = ANY(${jwtTokenIds}::uuid[]))`;
    const digests = new Set(reported.digests);
    const revoke = new Set<string>();
    const endPrevious = new Set<string>();
    for (const row of rows) {
      const previousLives = previousSecretState(row, now) !== 'retired';
      if (digests.has(row.digest)) revoke.add(row.id);
      else if (row.previousDigest && digests.has(row.previousDigest) && previousLives) endPrevious.add(row.id);
      for (const claims of reported.jwts) {
        // A JWT counts only while it works: the same secret and permissions as the token now.
        if (claims.tokenId !== row.id || claims.permissionsFingerprint !== permissionsFingerprint({ ...row, grants: row.grants ?? [] })) continue;
        if (claims.secretFingerprint === secretFingerprint(row.digest)) revoke.add(row.id);
        else if (row.previousDigest && previousLives && claims.secretFingerprint === secretFingerprint(row.previousDigest)) endPrevious.add(row.id);
      }
    }
    for (const id of revoke) endPrevious.delete(id);
    return { revoke: [...revoke], endPrevious: [...endPrevious] };
  }

  /**
   * Acts on a leak report: revokes the tokens whose working secret was exposed, ends the exposed
   * previous secrets of others, records EXPOSED, and tells the owners.
   */
  async actOnExposed(found: { revoke: string[]; endPrevious: string[] }, ip: string | null, now = new Date()): Promise<void> {
    let changed = false;
    for (const [tokenId, wholeToken] of [...found.revoke.map((id) => [id, true] as const), ...found.endPrevious.map((id) => [id, false] as const)]) {
      let alert: Alert | null = null;
      const acted = await this.deps.prisma.$transaction(async (tx) => {
        const hit = wholeToken
          ? await tx.$executeRaw`
              UPDATE "AccessToken" SET "revokedAt" = ${now}, "revokeReason" = ${REPORTED_AS_EXPOSED}
              WHERE id = ${tokenId}::uuid AND "revokedAt" IS NULL`
          : await tx.$executeRaw`
              UPDATE "AccessToken" SET "previousSecretValidUntil" = LEAST("previousSecretValidUntil", ${now}), "previousSecretRepeatUntil" = NULL
              WHERE id = ${tokenId}::uuid AND "revokedAt" IS NULL`;
        if (hit === 0) return false;
        await recordEvent(tx, { tokenId, kind: 'EXPOSED', actorId: null, ip, details: { reason: REPORTED_AS_EXPOSED, secret: wholeToken ? 'current' : 'previous', tokenRevoked: wholeToken } });
        if (wholeToken) await recordEvent(tx, { tokenId, kind: 'REVOKED', actorId: null, ip, details: { reason: REPORTED_AS_EXPOSED } });
        alert = await alertTokenOwners(
          tx,
          tokenId,
          'TOKEN_EXPOSED',
          ({ name, projectName }) => {
            const which = `Your access token "${name}"${projectName ? ` of project "${projectName}"` : ''}`;
            return wholeToken
              ? {
                  subject: `scopegate: token "${name}" was exposed and has been revoked`,
                  message: `${which} was reported as publicly exposed and has been revoked. Create a new token (or copy this one) and update wherever it was used.`,
                }
              : {
                  subject: `scopegate: an old secret of token "${name}" was exposed`,
                  message: `${which} had its previous secret, from before its last rotation, reported as publicly exposed. That secret no longer works; the current one is unaffected.`,
                };
          },
          now,
        );
        return true;
      });
      if (!acted) continue;
      changed = true;
      await mailAlert(this.deps.mailer, alert, this.deps.log);
    }
    if (changed) await this.deps.invalidate();
  }
}
