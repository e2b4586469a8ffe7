import { issueToken } from '../auth/issue-token.js';
import { ownerHolds, type ProjectRole } from '../auth/permissions.js';
import { userRights, type UserRole } from '../auth/principal.js';
import type { PrismaClient } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { recordEvent } from './audit.js';

type Db = PrismaClient | Prisma.TransactionClient;

/** What a device token may call: read itself, report its state, ask who it is. Nothing else. */
export const DEVICE_TOKEN_METHODS = ['Query.device', 'Mutation.updateDevice', 'Query.viewer'];

const DAY_MS = 86_400_000;
/** When the admin's policy requires an expiry but names no lifetime, a device token gets this one. */
const REQUIRED_EXPIRY_DAYS = 365;

/**
 * A device token's expiry under the admin's token policy: its default lifetime, else its maximum,
 * else none (or a year where an expiry is required). A device cannot be asked for a date.
 */
async function deviceTokenExpiry(db: Db, now: Date): Promise<Date | null> {
  const policy = await db.tokenPolicy.findUnique({ where: { id: 1 } });
  const days = policy?.defaultLifetimeDays ?? policy?.maxLifetimeDays ?? (policy?.requireExpiry ? REQUIRED_EXPIRY_DAYS : null);
  return days ? new Date(now.getTime() + days * DAY_MS) : null;
}

/**
 * Whether the person who let devices in (an enrollment token's creator, a device code's approver)
 * still holds DEVICE WRITE in the project, judged now and not when they acted: a removed EDITOR's
 * key or approval must not keep adding devices, whose PROJECT tokens no membership check ends.
 * Their user and membership rows are locked FOR SHARE until the caller's transaction ends, so a
 * removal either lands before this read (and refuses) or waits for the enrollment to commit.
 */
export async function enablerStillHolds(tx: Db, userId: string | null, projectId: string): Promise<boolean> {
  if (!userId) return false;
  const [user] = await tx.$queryRaw<{ role: UserRole }[]>`SELECT role FROM "User" WHERE id = ${userId}::uuid AND "deletedAt" IS NULL FOR SHARE`;
  if (!user) return false;
  const memberships = await tx.$queryRaw<{ projectId: string; role: ProjectRole }[]>`
    SELECT "projectId", role FROM "ProjectMember" WHERE "userId" = ${userId}::uuid AND "projectId" = ${projectId}::uuid FOR SHARE`;
  return ownerHolds(userRights({ id: userId, role: user.role, memberships }), 'DEVICE', 'WRITE', projectId);
}

export interface Enrollment {
  projectId: string;
  name: string;
  metadata: object | undefined;
  /** Keys the device may not change later (an enrollment token's deviceMetadata). */
  pinned?: object | undefined;
  /** Who let the device in: the enrollment token's creator, or the person who approved its code. */
  createdById: string | null;
  /** How it came in, for the device token's CREATED event. */
  via: Prisma.InputJsonObject;
  ip: string | null;
}

/**
 * Creates a device and its token, in the caller's transaction: a PROJECT token whose only grant
 * is DEVICE WRITE on that device and whose methods are DEVICE_TOKEN_METHODS, issued through the
 * one path every token takes (issue-token.ts). Returns the token's secret, which is stored nowhere.
 */
export async function enrollDevice(db: Db, enrollment: Enrollment, now = new Date()) {
  const device = await db.device.create({
    data: {
      projectId: enrollment.projectId,
      name: enrollment.name,
      ...(enrollment.metadata ? { metadata: enrollment.metadata as Prisma.InputJsonObject } : {}),
      ...(enrollment.pinned ? { pinnedMetadata: enrollment.pinned as Prisma.InputJsonObject } : {}),
    },
  });
  const { secret, token } = await issueToken(db, {
    kind: 'PROJECT',
    name: `Device: ${enrollment.name}`.slice(0, 200),
    description: `The token of device ${device.id}, issued when it enrolled.`,
    ownerId: null,
    projectId: enrollment.projectId,
    createdById: enrollment.createdById,
    expiresAt: await deviceTokenExpiry(db, now),
    grants: [{ entity: 'DEVICE', action: 'WRITE', projectId: enrollment.projectId, deviceId: device.id }],
    apiMethodSet: null,
    apiMethods: DEVICE_TOKEN_METHODS,
  });
  await recordEvent(db, { tokenId: token.id, kind: 'CREATED', actorId: enrollment.createdById, ip: enrollment.ip, details: { kind: 'PROJECT', device: device.id, ...enrollment.via } });
  return { device, secret, tokenId: token.id };
}
