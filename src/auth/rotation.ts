import type { PrismaClient } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { recordEvent } from '../lifecycle/audit.js';
import { alertTokenOwners, mailAlert, type Alert } from '../lifecycle/token-alerts.js';
import type { Mailer } from '../lifecycle/mailer.js';
import { tokenSelect } from '../db/token-reads.js';
import { refusalOf, started } from './authenticator.js';
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
  const now = options.now.getTime();
  const validUntil = new Date(now + options.overlapSeconds * 1000);
  const repeatUntil = options.selfRotation ? new Date(Math.max(validUntil.getTime(), now + LOST_RESPONSE_WINDOW_MS)) : null;
  const secret = await swapSecret(tx, tokenId, locked.digest, validUntil, {
    ...options.data,
    previousDigest: locked.digest,
    previousSecretValidUntil: validUntil,
    previousSecretRepeatUntil: repeatUntil,
    secretFirstUsedAt: null,
  });
  return { secret, previousSecretValidUntil: options.overlapSeconds > 0 ? validUntil : null };
}

/**
 * Gives the token a new secret (with `data`), and keeps the `current` one's digest as retired from
 * `retiredAt`, so that presenting it later is recognised as reuse.
 */
async function swapSecret(tx: Tx, tokenId: string, current: string, retiredAt: Date, data: Prisma.AccessTokenUpdateInput = {}): Promise<string> {
  const fresh = newSecret();
  await tx.retiredSecret.createMany({ data: [{ digest: current, tokenId, retiredAt }], skipDuplicates: true });
  await tx.accessToken.update({ where: { id: tokenId }, data: { ...data, digest: fresh.digest, displayPrefix: fresh.displayPrefix } });
  return fresh.secret;
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
  /** Of access tokens and of enrollment tokens alike: their prefixes keep the digests apart. */
  digests: string[];
  jwts: ExchangeClaims[];
}

export interface Exposed {
  revoke: string[];
  endPrevious: string[];
  /** Enrollment tokens whose key was reported: revoked. */
  enrollments: string[];
  /**
   * Trust policies' tokens whose exchanged JWT was reported: they get a new (unseen) secret, which
   * ends every JWT exchanged so far, instead of being revoked, so the policy keeps issuing.
   */
  refingerprint: string[];
}

type ExposedRow = PreviousSecret & {
  source: 'token' | 'enrollment';
  backsPolicy: boolean | null;
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
        const secret = await swapSecret(tx, row.id, row.digest, now);
        result = { secret, previousSecretValidUntil: state === 'valid' ? row.previousSecretValidUntil : null };
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
    if (parsed.ok && parsed.kind === 'enrollment') {
      if (await this.revokeEnrollment({ digest: digestSecret(secret) }, REVOKED_BY_ITSELF, now)) await this.deps.invalidate();
      return;
    }
    if (!parsed.ok || parsed.kind !== 'access-token') return;
    const digest = digestSecret(secret);
    const changed = await this.deps.prisma.$transaction(async (tx) => {
      const revoked = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "AccessToken" SET "revokedAt" = ${now}, "revokeReason" = ${REVOKED_BY_ITSELF}
        WHERE digest = ${digest} AND "revokedAt" IS NULL
        RETURNING id`;
      for (const { id } of revoked) await recordEvent(tx, { tokenId: id, kind: 'REVOKED', actorId: null, ip, details: { reason: REVOKED_BY_ITSELF } });
      const ended = await this.endPreviousSecrets(tx, { digests: [digest] }, now);
      for (const id of ended) await recordEvent(tx, { tokenId: id, kind: 'UPDATED', actorId: null, ip, details: { previousSecretEnded: REVOKED_BY_ITSELF } });
      return revoked.length + ended.length > 0;
    });
    if (changed) await this.deps.invalidate();
  }

  /**
   * Revokes an enrollment token (by id, or by its key's digest) that still works, with the reason
   * on its row (enrollment tokens have no TokenEvents), and tells its creator, in the console and
   * by e-mail. Answers whether it did; the caller invalidates the caches.
   */
  private async revokeEnrollment(which: { id: string } | { digest: string }, reason: string, now: Date): Promise<boolean> {
    const byId = 'id' in which ? which.id : null;
    const byDigest = 'digest' in which ? which.digest : null;
    let alert: Alert | null = null;
    const revoked = await this.deps.prisma.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ id: string; name: string; createdById: string | null; projectName: string }[]>`
        UPDATE "EnrollmentToken" e SET "revokedAt" = ${now}, "revokeReason" = ${reason}
        FROM "Project" p
        WHERE p.id = e."projectId" AND e."revokedAt" IS NULL AND e."expiresAt" > ${now}
          AND (e.id = ${byId}::uuid OR e.digest = ${byDigest})
        RETURNING e.id, e.name, e."createdById", p.name AS "projectName"`;
      if (!row) return false;
      const creator = row.createdById ? await tx.user.findUnique({ where: { id: row.createdById }, select: { id: true, email: true, deletedAt: true } }) : null;
      if (creator && !creator.deletedAt) {
        const exposed = reason === REPORTED_AS_EXPOSED;
        const subject = exposed ? `scopegate: enrollment token "${row.name}" was exposed and has been revoked` : `scopegate: enrollment token "${row.name}" was revoked with its own key`;
        const message = exposed
          ? `Your enrollment token "${row.name}" of project "${row.projectName}" was reported as publicly exposed and has been revoked: it enrolls no more devices. Devices it enrolled keep their tokens; create a new enrollment token for new devices.`
          : `Your enrollment token "${row.name}" of project "${row.projectName}" was revoked by someone holding its key (POST /auth/revoke): it enrolls no more devices.`;
        await tx.notification.create({ data: { userId: creator.id, kind: exposed ? 'ENROLLMENT_TOKEN_EXPOSED' : 'ENROLLMENT_TOKEN_REVOKED', message, createdAt: now } });
        alert = { recipients: [creator], subject, message };
      }
      return true;
    });
    if (revoked) await mailAlert(this.deps.mailer, alert, this.deps.log);
    return revoked;
  }

  /**
   * Ends, at `now`, the previous secret that still lives of every token whose previous digest is
   * among `digests` or whose id is among `tokenIds`; answers their tokens.
   */
  private async endPreviousSecrets(tx: Tx, which: { digests?: string[]; tokenIds?: string[] }, now: Date): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "AccessToken" SET "previousSecretValidUntil" = LEAST("previousSecretValidUntil", ${now}), "previousSecretRepeatUntil" = NULL
      WHERE ("previousDigest" = ANY(${which.digests ?? []}::text[]) OR id = ANY(${which.tokenIds ?? []}::uuid[]))
        AND "revokedAt" IS NULL AND "secretFirstUsedAt" IS NULL
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
  async findExposed(reported: Reported, now = new Date()): Promise<Exposed> {
    const jwtTokenIds = reported.jwts.map((claims) => claims.tokenId);
    // Enrollment tokens are looked up in the same statement (UNION ALL), not in a second query
    // that would run only when the list holds one: the work before the answer stays the same.
    const rows = await this.deps.prisma.$queryRaw<ExposedRow[]>`
      SELECT 'token' AS source, EXISTS (SELECT 1 FROM "TrustPolicy" p WHERE p."tokenId" = t.id) AS "backsPolicy", t.id, t.digest, t."previousDigest", t."previousSecretValidUntil", t."previousSecretRepeatUntil", t."secretFirstUsedAt",
        t."apiMethodSet", t."apiMethods",
        CASE WHEN t.id = ANY(${jwtTokenIds}::uuid[]) THEN (
          SELECT json_agg(json_build_object('entity', g.entity, 'action', g.action, 'projectId', g."projectId", 'deviceId', g."deviceId") ORDER BY g.position)
          FROM "TokenGrant" g WHERE g."tokenId" = t.id) END AS grants
      FROM "AccessToken" t
      WHERE t."revokedAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" > ${now})
        AND (t.digest = ANY(${reported.digests}::text[]) OR t."previousDigest" = ANY(${reported.digests}::text[]) OR t.id = ANY(${jwtTokenIds}::uuid[]))
      UNION ALL
      SELECT 'enrollment', NULL, e.id, e.digest, NULL, NULL, NULL, NULL, NULL, NULL, NULL
      FROM "EnrollmentToken" e
      WHERE e."revokedAt" IS NULL AND e."expiresAt" > ${now} AND e.digest = ANY(${reported.digests}::text[])`;
    const digests = new Set(reported.digests);
    const revoke = new Set<string>();
    const endPrevious = new Set<string>();
    const enrollments: string[] = [];
    for (const row of rows) {
      if (row.source === 'enrollment') {
        enrollments.push(row.id);
        continue;
      }
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
    // A policy's token has no secret anyone holds: what leaks is a JWT, and revoking the token
    // would end the policy for good (no edit can bring a revoked token back).
    const backing = new Set(rows.filter((row) => row.backsPolicy).map((row) => row.id));
    const refingerprint = [...revoke].filter((id) => backing.has(id));
    return { revoke: [...revoke].filter((id) => !backing.has(id)), endPrevious: [...endPrevious], enrollments, refingerprint };
  }

  /**
   * Acts on a leak report: revokes the tokens whose working secret was exposed, ends the exposed
   * previous secrets of others, records EXPOSED, and tells the owners.
   */
  async actOnExposed(found: Exposed, ip: string | null, now = new Date()): Promise<void> {
    let changed = false;
    for (const id of found.enrollments) {
      if (await this.revokeEnrollment({ id }, REPORTED_AS_EXPOSED, now)) changed = true;
    }
    const work = [
      ...found.revoke.map((id) => [id, 'revoke'] as const),
      ...found.endPrevious.map((id) => [id, 'previous'] as const),
      ...found.refingerprint.map((id) => [id, 'jwts'] as const),
    ];
    for (const [tokenId, action] of work) {
      const wholeToken = action === 'revoke';
      let alert: Alert | null = null;
      const acted = await this.deps.prisma.$transaction(async (tx) => {
        const fresh = newSecret();
        const hit =
          action === 'revoke'
            ? await tx.$executeRaw`
              UPDATE "AccessToken" SET "revokedAt" = ${now}, "revokeReason" = ${REPORTED_AS_EXPOSED}
              WHERE id = ${tokenId}::uuid AND "revokedAt" IS NULL`
            : action === 'previous'
              ? (await this.endPreviousSecrets(tx, { tokenIds: [tokenId] }, now)).length
              : // A new, unseen secret changes the secret fingerprint every exchanged JWT carries.
                await tx.$executeRaw`
              UPDATE "AccessToken" SET digest = ${fresh.digest}, "displayPrefix" = ${fresh.displayPrefix}
              WHERE id = ${tokenId}::uuid AND "revokedAt" IS NULL`;
        if (hit === 0) return false;
        await recordEvent(tx, {
          tokenId,
          kind: 'EXPOSED',
          actorId: null,
          ip,
          details: { reason: REPORTED_AS_EXPOSED, secret: action === 'previous' ? 'previous' : 'current', tokenRevoked: wholeToken, ...(action === 'jwts' ? { exchangedJwtsEnded: true } : {}) },
        });
        if (wholeToken) await recordEvent(tx, { tokenId, kind: 'REVOKED', actorId: null, ip, details: { reason: REPORTED_AS_EXPOSED } });
        alert = await alertTokenOwners(
          tx,
          tokenId,
          'TOKEN_EXPOSED',
          ({ name, projectName }) => {
            const which = `Your access token "${name}"${projectName ? ` of project "${projectName}"` : ''}`;
            if (action === 'jwts') {
              return {
                subject: `scopegate: a JWT of "${name}" was exposed`,
                message: `A JWT exchanged under ${which.replace('Your access token ', 'your ')} was reported as publicly exposed. Every JWT exchanged under it so far has stopped working; the trust policy keeps issuing new ones. Check where CI logs or artifacts show tokens.`,
              };
            }
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
