import { ownerHolds } from '../auth/permissions.js';
import { digestSecret, displayPrefix, generateEnrollmentToken } from '../auth/token-format.js';
import type { Prisma } from '../generated/prisma/client.js';
import { enablerStillHolds, enrollDevice } from '../lifecycle/device-enrollment.js';
import { requireProject, sessionOnly } from './access.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { badInput, forbidden, notFound, unauthenticated } from './errors.js';
import * as valid from './validation.js';
import { anchorSelect, keysetPage } from './pagination.js';

/**
 * Enrollment tokens: a key typed into (or baked into) devices, that can do one thing, enroll a
 * device, a limited number of times. Made and revoked by the project's OWNERs and EDITORs (who
 * may create devices themselves) and by admins, in sessions only.
 */

const MAX_USES = 10_000;
const MAX_LIFETIME_DAYS = 90;

export const EnrollmentTokenStatusEnum = builder.enumType('EnrollmentTokenStatus', { values: ['ACTIVE', 'USED_UP', 'EXPIRED', 'REVOKED'] as const });

type EnrollmentRow = { revokedAt: Date | null; expiresAt: Date; uses: number; maxUses: number };

function status(token: EnrollmentRow, now = new Date()) {
  if (token.revokedAt) return 'REVOKED' as const;
  if (token.expiresAt <= now) return 'EXPIRED' as const;
  if (token.uses >= token.maxUses) return 'USED_UP' as const;
  return 'ACTIVE' as const;
}

export const EnrollmentTokenType = builder.prismaObject('EnrollmentToken', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    projectId: t.exposeID('projectId'),
    displayPrefix: t.exposeString('displayPrefix'),
    maxUses: t.exposeInt('maxUses'),
    uses: t.exposeInt('uses'),
    remainingUses: t.int({ resolve: (token) => (token.revokedAt || token.expiresAt <= new Date() ? 0 : Math.max(0, token.maxUses - token.uses)) }),
    status: t.field({ type: EnrollmentTokenStatusEnum, resolve: (token) => status(token) }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    deviceMetadata: t.expose('deviceMetadata', { type: 'JSON', nullable: true }),
    createdBy: t.relation('createdBy', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    revokeReason: t.exposeString('revokeReason', {
      nullable: true,
      description: 'Why it was revoked when not in the console: "revoked by itself" (POST /auth/revoke) or "reported as exposed" (POST /credentials/revoke).',
    }),
  }),
});

const EnrollmentTokenSecretType = builder.objectRef<{ secret: string; id: string }>('EnrollmentTokenSecret').implement({
  description: 'The only place an enrollment token secret ever appears.',
  fields: (t) => ({
    secret: t.exposeString('secret'),
    enrollmentToken: t.prismaField({
      type: 'EnrollmentToken',
      resolve: (query, parent, _args, ctx) => ctx.prisma.enrollmentToken.findUniqueOrThrow({ ...query, where: { id: parent.id } }),
    }),
  }),
});

interface EnrolledShape {
  deviceId: string;
  projectId: string;
  name: string;
  token: string;
  tokenId: string;
}

// Not the Device type: an enrollment token reads nothing, not even the device it made. The device
// token in the answer is what reads it from now on.
export const EnrolledDeviceType = builder.objectRef<EnrolledShape>('EnrolledDevice').implement({
  description: 'A device just enrolled, and its token: shown once, store it on the device.',
  fields: (t) => ({
    deviceId: t.exposeID('deviceId'),
    projectId: t.exposeID('projectId'),
    name: t.exposeString('name'),
    token: t.exposeString('token', { description: 'A PROJECT token with DEVICE WRITE on this device only; methods Query.device, Mutation.updateDevice, Query.viewer.' }),
    tokenId: t.exposeID('tokenId'),
  }),
});

const CreateEnrollmentTokenInput = builder.inputType('CreateEnrollmentTokenInput', {
  fields: (t) => ({
    projectId: t.id({ required: true }),
    name: t.string({ required: true }),
    maxUses: t.int({ required: true, description: `How many devices it may enroll, 1 to ${MAX_USES}.` }),
    expiresAt: t.field({ type: 'DateTime', required: true, description: `At most ${MAX_LIFETIME_DAYS} days ahead.` }),
    deviceMetadata: t.field({ type: 'JSON', required: false, description: 'Merged into each enrolled device metadata, over what the device sends.' }),
  }),
});

/** Device WRITE on the project's devices as a whole: what it takes to create devices. */
function mayEnroll(ctx: Context, projectId: string): void {
  const rights = ctx.principal.authority!.rights;
  if (!ownerHolds(rights, 'PROJECT', 'READ', projectId)) throw notFound('project', projectId);
  if (!ownerHolds(rights, 'DEVICE', 'WRITE', projectId)) {
    throw forbidden('Only OWNERs and EDITORs of a project, and admins, manage its enrollment tokens.', 'ROLE', { entity: 'DEVICE', action: 'WRITE', projectId });
  }
}

/** The project whose enrollment tokens are listed, once the caller may enroll devices in it. */
function enrollmentProject(ctx: Context, raw: string | number): string {
  const projectId = valid.uuid(String(raw), 'projectId');
  mayEnroll(ctx, projectId);
  return projectId;
}

builder.queryFields((t) => ({
  enrollmentTokens: t.prismaConnection(
    {
      type: 'EnrollmentToken',
      cursor: 'id',
      description: "A project's enrollment tokens, newest first, with their remaining uses. OWNERs, EDITORs and admins; sessions only.",
      args: { projectId: t.arg.id() },
      authScopes: sessionOnly,
      totalCount: (_root, args, ctx) => ctx.prisma.enrollmentToken.count({ where: { projectId: enrollmentProject(ctx, args.projectId) } }),
      resolve: async (query, _root, args, ctx) => {
        const projectId = enrollmentProject(ctx, args.projectId);
        const page = await keysetPage(query, { projectId }, {
          direction: 'desc',
          locate: (id) => ctx.prisma.enrollmentToken.findFirst({ where: { id, projectId }, select: anchorSelect }),
        });
        return ctx.prisma.enrollmentToken.findMany({ ...page.query, where: page.where, orderBy: page.orderBy });
      },
    },
    { name: 'EnrollmentTokenConnection' },
    { name: 'EnrollmentTokenEdge' },
  ),
}));

builder.mutationFields((t) => ({
  createEnrollmentToken: t.field({
    type: EnrollmentTokenSecretType,
    description: 'A key that enrolls up to maxUses devices in the project with enrollDevice, and can do nothing else. The secret is shown once.',
    args: { input: t.arg({ type: CreateEnrollmentTokenInput }) },
    authScopes: sessionOnly,
    resolve: async (_root, { input }, ctx) => {
      const projectId = valid.uuid(String(input.projectId), 'projectId');
      mayEnroll(ctx, projectId);
      await requireProject(ctx, projectId);
      const name = valid.name(input.name);
      if (!Number.isInteger(input.maxUses) || input.maxUses < 1 || input.maxUses > MAX_USES) throw badInput(`maxUses must be 1 to ${MAX_USES}.`, 'maxUses');
      const now = Date.now();
      const expires = input.expiresAt.getTime();
      if (Number.isNaN(expires) || expires <= now || expires > now + MAX_LIFETIME_DAYS * 86_400_000) {
        throw badInput(`expiresAt must be in the future and at most ${MAX_LIFETIME_DAYS} days ahead.`, 'expiresAt');
      }
      const deviceMetadata = input.deviceMetadata == null ? undefined : valid.metadata(input.deviceMetadata);
      const secret = generateEnrollmentToken();
      const token = await ctx.prisma.enrollmentToken.create({
        data: {
          projectId,
          name,
          digest: digestSecret(secret),
          displayPrefix: displayPrefix(secret),
          maxUses: input.maxUses,
          expiresAt: input.expiresAt,
          ...(deviceMetadata ? { deviceMetadata: deviceMetadata as Prisma.InputJsonObject } : {}),
          createdById: ctx.principal.user!.id,
        },
      });
      return { secret, id: token.id };
    },
  }),
  revokeEnrollmentToken: t.prismaField({
    type: 'EnrollmentToken',
    description: 'Stops an enrollment token at once. Devices it enrolled keep their own tokens.',
    args: { id: t.arg.id() },
    authScopes: sessionOnly,
    resolve: async (query, _root, args, ctx) => {
      const id = valid.uuid(String(args.id), 'id');
      const token = await ctx.prisma.enrollmentToken.findUnique({ where: { id }, select: { projectId: true } });
      if (!token || !ownerHolds(ctx.principal.authority!.rights, 'PROJECT', 'READ', token.projectId)) throw notFound('enrollment token', id);
      mayEnroll(ctx, token.projectId);
      const { count } = await ctx.prisma.enrollmentToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
      if (count > 0) await ctx.invalidate();
      return ctx.prisma.enrollmentToken.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  enrollDevice: t.field({
    type: EnrolledDeviceType,
    description: 'With an enrollment token only: creates a device in its project and returns the device and its token, once.',
    args: { name: t.arg.string(), metadata: t.arg({ type: 'JSON', required: false }) },
    authScopes: { enrollment: true },
    resolve: async (_root, args, ctx) => {
      const { id } = ctx.principal.enrollment!;
      const name = valid.name(args.name);
      const metadata = valid.metadata(args.metadata ?? undefined);
      // One statement both checks and counts the use: concurrent enrollments on any number of
      // gateways queue on the row, and each sees the count the one before it left.
      const taken = await ctx.prisma.$queryRaw<{ projectId: string; deviceMetadata: Prisma.JsonValue; createdById: string | null; uses: number; maxUses: number }[]>`
        UPDATE "EnrollmentToken" SET "uses" = "uses" + 1
        WHERE "id" = ${id}::uuid AND "uses" < "maxUses" AND "revokedAt" IS NULL AND "expiresAt" > now()
        RETURNING "projectId", "deviceMetadata", "createdById", "uses", "maxUses"`;
      const token = taken[0];
      if (!token) throw unauthenticated('This enrollment token is used up, revoked or expired.');
      // The key enrolls on its creator's authority, as it stands now; the refusal rolls back the
      // use counted above (the whole mutation is one transaction).
      if (!(await enablerStillHolds(ctx.prisma, token.createdById, token.projectId))) {
        throw unauthenticated('The person who made this enrollment token can no longer add devices to its project.');
      }
      // What the token's creator set wins over what the device says about itself.
      const merged = metadata || token.deviceMetadata ? valid.metadata({ ...(metadata ?? {}), ...((token.deviceMetadata as object | null) ?? {}) }) : undefined;
      const enrolled = await enrollDevice(ctx.prisma, { projectId: token.projectId, name, metadata: merged, pinned: (token.deviceMetadata as object | null) ?? undefined, createdById: token.createdById, via: { enrollmentToken: id }, ip: ctx.clientIp });
      // Once used up, it is refused at the door everywhere, not only here at the count.
      if (token.uses >= token.maxUses) await ctx.invalidate();
      return { deviceId: enrolled.device.id, projectId: token.projectId, name, token: enrolled.secret, tokenId: enrolled.tokenId };
    },
  }),
}));
