import { digestCode, formatUserCode, normalizeUserCode } from '../auth/device-codes.js';
import { ownerHolds, ownerSees } from '../auth/permissions.js';
import { rateLimited, type Limit } from '../security/rate-limits.js';
import { sessionOnly } from './access.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { badInput, forbidden } from './errors.js';

/**
 * The console's side of the device authorization grant (RFC 8628): a signed-in person looks up
 * the code a device shows, sees which project and device it is for, and approves or denies it.
 * Approving takes DEVICE WRITE in the project (EDITORs and OWNERs), as creating a device does.
 *
 * A user code has about 34.6 bits; wrong guesses are counted per person and per address, so a
 * session cannot walk the code space. A code in a project the person cannot see counts as wrong.
 */

const WRONG_CODES: Limit = { max: 10, windowMs: 15 * 60_000 };

export const DeviceCodeStatusEnum = builder.enumType('DeviceCodeStatus', { values: ['PENDING', 'APPROVED', 'DENIED', 'ISSUED'] as const });

interface DeviceCodeShape {
  id: string;
  userCode: string;
  projectId: string;
  projectName: string;
  deviceName: string | null;
  status: 'PENDING' | 'APPROVED' | 'DENIED' | 'ISSUED';
  ip: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export const DeviceCodeRequestType = builder.objectRef<DeviceCodeShape>('DeviceCodeRequest').implement({
  description: 'A device asking to be connected to a project, as its user code shows it.',
  fields: (t) => ({
    userCode: t.exposeString('userCode'),
    projectId: t.exposeID('projectId'),
    projectName: t.exposeString('projectName'),
    deviceName: t.exposeString('deviceName', { nullable: true }),
    status: t.expose('status', { type: DeviceCodeStatusEnum }),
    requestedFrom: t.exposeString('ip', { nullable: true, description: 'The address the device asked from, to check against where the device is.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
});

function limitKeys(ctx: Context): string[] {
  return [`user-code:user:${ctx.principal.user!.id}`, ...(ctx.clientIp ? [`user-code:ip:${ctx.clientIp}`] : [])];
}

/**
 * The live code a person typed, in a project they can see; undefined (counted as a wrong guess)
 * otherwise. Refuses from memory once the person or address has guessed wrong too often.
 */
async function findCode(ctx: Context, typed: string): Promise<DeviceCodeShape | undefined> {
  const keys = limitKeys(ctx);
  const blocked = keys.map((key) => ctx.limiter.isBlocked(key)).find((state) => state !== undefined);
  if (blocked) throw rateLimited('Too many wrong device codes; try again later.', blocked.retryAfterSeconds);
  const userCode = normalizeUserCode(typed);
  if (!userCode) throw badInput('A device code is 8 letters, like BCDF-GHJK.', 'userCode');
  const code = await ctx.prisma.deviceCode.findUnique({ where: { userCodeDigest: digestCode(userCode) }, include: { project: { select: { name: true } } } });
  if (!code || code.expiresAt <= new Date() || !ownerSees(ctx.principal.authority!.rights, code.projectId)) {
    const states = await Promise.all(keys.map((key) => ctx.limiter.hit(key, WRONG_CODES)));
    const limited = states.find((state) => state.limited);
    if (limited) throw rateLimited('Too many wrong device codes; try again later.', limited.retryAfterSeconds);
    return undefined;
  }
  return { ...code, userCode: formatUserCode(userCode), projectName: code.project.name };
}

async function decide(ctx: Context, typed: string, status: 'APPROVED' | 'DENIED'): Promise<DeviceCodeShape> {
  const code = await findCode(ctx, typed);
  if (!code) throw badInput('No pending device code matches; check the code on the device, and that it is less than 10 minutes old.', 'userCode');
  if (!ownerHolds(ctx.principal.authority!.rights, 'DEVICE', 'WRITE', code.projectId)) {
    throw forbidden('Connecting a device takes an EDITOR or OWNER of its project.', 'ROLE', { entity: 'DEVICE', action: 'WRITE', projectId: code.projectId });
  }
  const now = new Date();
  const { count } = await ctx.prisma.deviceCode.updateMany({
    where: { id: code.id, status: 'PENDING', expiresAt: { gt: now } },
    data: { status, decidedById: ctx.principal.user!.id, decidedAt: now },
  });
  if (count === 0) throw badInput(`This device code was already ${code.status.toLowerCase()}.`, 'userCode');
  return { ...code, status };
}

builder.queryFields((t) => ({
  deviceCode: t.field({
    type: DeviceCodeRequestType,
    nullable: true,
    description: 'The device request behind a user code (XXXX-XXXX), to show before approving it; null when no live code in a project you can see matches. Sessions only.',
    args: { userCode: t.arg.string() },
    authScopes: sessionOnly,
    resolve: (_root, args, ctx) => findCode(ctx, args.userCode).then((code) => code ?? null),
  }),
}));

builder.mutationFields((t) => ({
  approveDeviceCode: t.field({
    type: DeviceCodeRequestType,
    description: "Lets the device behind the code in: its next poll creates it in the code's project and gets its device token. Project EDITORs and OWNERs; sessions only.",
    args: { userCode: t.arg.string() },
    authScopes: sessionOnly,
    resolve: (_root, args, ctx) => decide(ctx, args.userCode, 'APPROVED'),
  }),
  denyDeviceCode: t.field({
    type: DeviceCodeRequestType,
    description: 'Refuses the device behind the code: its next poll answers access_denied. Project EDITORs and OWNERs; sessions only.',
    args: { userCode: t.arg.string() },
    authScopes: sessionOnly,
    resolve: (_root, args, ctx) => decide(ctx, args.userCode, 'DENIED'),
  }),
}));
