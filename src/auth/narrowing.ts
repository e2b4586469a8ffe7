import type { PrismaClient } from '../db/client.js';
import { grantWithin, ownerSees, type Grant, type OwnerRights } from './permissions.js';

export type Narrowed = { ok: true; grants: Grant[] } | { ok: false; reason: string };

/**
 * The grants a narrowing exchange asks for, checked against what the token holds now. A device
 * entry is judged in the project the device really lies in: one that names another project, or a
 * device that does not exist or that the owner cannot see, is refused (else `device:write:<P2>:<a P1 device>` would read as a
 * grant inside P2). Every entry must then lie inside a held grant, by the rule `decide` uses.
 */
export async function narrowGrants(prisma: PrismaClient, requested: readonly Grant[], held: readonly Grant[] | 'ALL', owner: OwnerRights): Promise<Narrowed> {
  const deviceIds = [...new Set(requested.flatMap((g) => (g.deviceId ? [g.deviceId] : [])))];
  const devices = deviceIds.length
    ? await prisma.device.findMany({ where: { id: { in: deviceIds } }, select: { id: true, projectId: true } })
    : [];
  const projectOf = new Map(devices.map((d) => [d.id, d.projectId]));
  const grants: Grant[] = [];
  for (const grant of requested) {
    let projectId = grant.projectId;
    if (grant.deviceId) {
      const actual = projectOf.get(grant.deviceId);
      // A device the token's owner cannot see is answered exactly like one that does not exist.
      if (!actual || !ownerSees(owner, actual)) return { ok: false, reason: `no device ${grant.deviceId} is visible to this token` };
      if (projectId !== null && projectId !== actual) return { ok: false, reason: `device ${grant.deviceId} is not in project ${projectId}` };
      projectId = actual;
    }
    const narrowed = { ...grant, projectId };
    if (!grantWithin(narrowed, held)) return { ok: false, reason: 'the requested scope is wider than the access token: an exchange can only narrow' };
    grants.push(narrowed);
  }
  return { ok: true, grants };
}
