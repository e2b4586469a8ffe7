import type { PrismaClient } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { recordEvent } from '../lifecycle/audit.js';
import { alertTokenOwners, mailAlert, type Alert } from '../lifecycle/token-alerts.js';
import type { Mailer } from '../lifecycle/mailer.js';
import { newSecret } from './issue-token.js';
import { tokenPrincipal, type Principal } from './principal.js';
import { digestSecret, parseSecret } from './token-format.js';
import { refusalOf, tokenSelect } from './authenticator.js';

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
export const REVOKED_BY_ITSELF = 'revoked by itself';
export const REPORTED_AS_EXPOSED = 'reported as exposed';
export const ROTATED_SECRET_REUSED = 'rotated secret reused';

/**
 * Gives a token a new secret. The one it replaces becomes the previous secret, accepted until
 * `now + overlapSeconds` or the new secret's first use, whichever comes first, and is recorded as
 * retired so that presenting it later is recognised as reuse. The secret the previous rotation
 * replaced is dropped: at most two secrets live per token.
 */
export async function replaceSecret(
  tx: Tx,
  token: { id: string; digest: string },
  options: { now: Date; overlapSeconds: number; bySelf: boolean; data?: Prisma.AccessTokenUpdateInput },
) {
  const fresh = newSecret();
  const validUntil = new Date(options.now.getTime() + options.overlapSeconds * 1000);
  await tx.retiredSecret.createMany({ data: [{ digest: token.digest, tokenId: token.id, retiredAt: validUntil }], skipDuplicates: true });
  await tx.accessToken.update({
    where: { id: token.id },
    data: {
      ...options.data,
      digest: fresh.digest,
      displayPrefix: fresh.displayPrefix,
      previousDigest: token.digest,
      previousSecretValidUntil: validUntil,
      secretFirstUsedAt: null,
      rotatedAt: options.now,
      rotatedBySelf: options.bySelf,
    },
  });
  return { secret: fresh.secret, previousSecretValidUntil: options.overlapSeconds > 0 ? validUntil : null };
}

/** What the previous secret of a rotation may still do at `now`. */
export function previousSecretState(
  token: { previousSecretValidUntil: Date | null; secretFirstUsedAt: Date | null; rotatedAt: Date | null; rotatedBySelf: boolean },
  now: Date,
): 'valid' | 'may-repeat-rotation' | 'retired' {
  if (token.previousSecretValidUntil && token.previousSecretValidUntil > now) return 'valid';
  const repeatUntil = Math.max(token.previousSecretValidUntil?.getTime() ?? 0, (token.rotatedAt?.getTime() ?? 0) + LOST_RESPONSE_WINDOW_MS);
  if (token.rotatedBySelf && !token.secretFirstUsedAt && now.getTime() < repeatUntil) return 'may-repeat-rotation';
  return 'retired';
}

export type RotationOutcome =
  | { ok: true; secret: string; tokenId: string; previousSecretValidUntil: Date | null }
  | { ok: false; status: 401 | 403; message: string };

/** What rotation reads besides the columns the authenticator judges. */
const rotationSelect = { selfRotate: true, rotatedAt: true, rotatedBySelf: true } as const;

export interface RotationDeps {
  prisma: PrismaClient;
  /** Empties this gateway's credential cache and tells every other gateway to empty theirs. */
  invalidate: () => Promise<void>;
  mailer?: Mailer;
  log: (message: string) => void;
}

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
      UPDATE "AccessToken" SET "secretFirstUsedAt" = ${now},
        "previousSecretValidUntil" = LEAST("previousSecretValidUntil", ${now})
      WHERE id = ${tokenId}::uuid AND "secretFirstUsedAt" IS NULL`;
    if (updated > 0) await this.deps.invalidate();
  }

  /**
   * A secret that a rotation retired was presented: a ROTATED_SECRET_REUSED event, the owner told
   * (at most every 10 minutes), and under the policy the whole token revoked.
   */
  async retiredSecretPresented(tokenId: string, ip: string | null, now: Date): Promise<void> {
    const { prisma } = this.deps;
    let revoked = false;
    const alert = await prisma.$transaction(async (tx) => {
      const policy = await tx.tokenPolicy.findUnique({ where: { id: 1 }, select: { revokeOnRotatedSecretReuse: true } });
      if (policy?.revokeOnRotatedSecretReuse) {
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
   * `judge` applies the authenticator's rules (revoked, expired, owner gone, address) to the row.
   */
  async rotateBySecret(
    secret: string,
    requestedOverlapSeconds: number,
    ip: string | null,
    checkAddress: (principal: Principal) => void,
    now = new Date(),
  ): Promise<RotationOutcome> {
    const parsed = parseSecret(secret);
    if (!parsed.ok || parsed.kind !== 'access-token') return { ok: false, status: 401, message: parsed.ok ? 'only an access token can rotate itself' : parsed.reason };
    const digest = digestSecret(secret);
    let reused: string | undefined;
    const outcome = await this.deps.prisma.$transaction(async (tx): Promise<RotationOutcome> => {
      const [match] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "AccessToken" WHERE digest = ${digest} OR "previousDigest" = ${digest} FOR UPDATE`;
      if (!match) {
        const retired = await tx.retiredSecret.findUnique({ where: { digest }, select: { tokenId: true } });
        if (retired) reused = retired.tokenId;
        return { ok: false, status: 401, message: retired ? 'this secret was replaced by a rotation' : 'unknown access token' };
      }
      const row = await tx.accessToken.findUniqueOrThrow({ where: { id: match.id }, select: { ...tokenSelect, ...rotationSelect } });
      const refusal = refusalOf(row, now);
      if (refusal) return { ok: false, status: 401, message: refusal };
      const presented = row.digest === digest ? 'current' : 'previous';
      checkAddress(tokenPrincipal(row, presented));
      if (presented === 'previous') {
        const state = previousSecretState(row, now);
        if (state === 'retired') {
          reused = row.id;
          return { ok: false, status: 401, message: 'this secret was replaced by a rotation' };
        }
        if (state === 'valid' && !(row.rotatedBySelf && !row.secretFirstUsedAt)) {
          return { ok: false, status: 403, message: 'this secret was replaced by a rotation; rotate with the new secret' };
        }
      }
      if (!row.selfRotate) return { ok: false, status: 403, message: 'this access token may not rotate itself; its owner can allow it with selfRotate' };
      const policy = await tx.tokenPolicy.findUnique({ where: { id: 1 }, select: { maxRotationOverlapSeconds: true } });
      const overlapSeconds = Math.min(requestedOverlapSeconds, policy?.maxRotationOverlapSeconds ?? DEFAULT_MAX_ROTATION_OVERLAP_SECONDS);
      let result: { secret: string; previousSecretValidUntil: Date | null };
      if (presented === 'current') {
        result = await replaceSecret(tx, row, { now, overlapSeconds, bySelf: true });
      } else {
        // The answer to the last rotation was lost: the unused secret it issued goes, the previous
        // one stays previous, and the lost-answer window still counts from the first rotation.
        const fresh = newSecret();
        const validUntil = new Date(now.getTime() + overlapSeconds * 1000);
        await tx.retiredSecret.createMany({ data: [{ digest: row.digest, tokenId: row.id, retiredAt: now }], skipDuplicates: true });
        await tx.accessToken.update({
          where: { id: row.id },
          data: { digest: fresh.digest, displayPrefix: fresh.displayPrefix, previousSecretValidUntil: validUntil },
        });
        result = { secret: fresh.secret, previousSecretValidUntil: overlapSeconds > 0 ? validUntil : null };
      }
      await recordEvent(tx, {
        tokenId: row.id,
        kind: 'ROTATED',
        actorId: null,
        ip,
        details: { by: 'token', overlapSeconds, ...(presented === 'previous' ? { repeated: true } : {}) },
      });
      return { ok: true, tokenId: row.id, ...result };
    });
    if (outcome.ok) await this.deps.invalidate();
    if (reused) await this.retiredSecretPresented(reused, ip, now);
    return outcome;
  }

  /**
   * RFC 7009 revocation by the token itself: the current secret, or the previous one inside its
   * overlap, revokes the token. Anything else changes nothing, and the answer is the same.
   */
  async revokeBySecret(secret: string, ip: string | null, now = new Date()): Promise<void> {
    const parsed = parseSecret(secret);
    if (!parsed.ok || parsed.kind !== 'access-token') return;
    const digest = digestSecret(secret);
    const revoked = await this.deps.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "AccessToken" SET "revokedAt" = ${now}, "revokeReason" = ${REVOKED_BY_ITSELF}
        WHERE (digest = ${digest} OR ("previousDigest" = ${digest} AND "previousSecretValidUntil" > ${now}))
          AND "revokedAt" IS NULL
        RETURNING id`;
      for (const { id } of rows) await recordEvent(tx, { tokenId: id, kind: 'REVOKED', actorId: null, ip, details: { reason: REVOKED_BY_ITSELF } });
      return rows.length > 0;
    });
    if (revoked) await this.deps.invalidate();
  }

  /**
   * Which of the reported access-token digests and JWT token ids name a token that works today: one
   * query whatever the list holds, so the answer's timing does not depend on what was valid.
   */
  async findExposed(digests: string[], jwtTokenIds: string[], now = new Date()): Promise<string[]> {
    const rows = await this.deps.prisma.$queryRaw<{ id: string }[]>`
      SELECT id FROM "AccessToken"
      WHERE "revokedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > ${now})
        AND (digest = ANY(${digests}::text[])
          OR ("previousDigest" = ANY(${digests}::text[]) AND "previousSecretValidUntil" > ${now})
          OR id = ANY(${jwtTokenIds}::uuid[]))`;
    return rows.map((row) => row.id);
  }

  /** Revokes tokens reported as exposed, records EXPOSED, and tells their owners. */
  async revokeExposed(tokenIds: string[], ip: string | null, now = new Date()): Promise<string[]> {
    const done: string[] = [];
    for (const tokenId of tokenIds) {
      let alert: Alert | null = null;
      const revoked = await this.deps.prisma.$transaction(async (tx) => {
        const changed = await tx.$executeRaw`
          UPDATE "AccessToken" SET "revokedAt" = ${now}, "revokeReason" = ${REPORTED_AS_EXPOSED}
          WHERE id = ${tokenId}::uuid AND "revokedAt" IS NULL`;
        if (changed === 0) return false;
        await recordEvent(tx, { tokenId, kind: 'EXPOSED', actorId: null, ip, details: { reason: REPORTED_AS_EXPOSED } });
        await recordEvent(tx, { tokenId, kind: 'REVOKED', actorId: null, ip, details: { reason: REPORTED_AS_EXPOSED } });
        alert = await alertTokenOwners(
          tx,
          tokenId,
          'TOKEN_EXPOSED',
          ({ name, projectName }) => ({
            subject: `scopegate: token "${name}" was exposed and has been revoked`,
            message: `Your access token "${name}"${projectName ? ` of project "${projectName}"` : ''} was reported as publicly exposed and has been revoked. Create a new token (or copy this one) and update wherever it was used.`,
          }),
          now,
        );
        return true;
      });
      if (!revoked) continue;
      done.push(tokenId);
      await mailAlert(this.deps.mailer, alert, this.deps.log);
    }
    if (done.length > 0) await this.deps.invalidate();
    return done;
  }
}
