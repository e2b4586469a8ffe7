import { suggest } from '../lifecycle/least-privilege.js';
import { recordEvent } from '../lifecycle/audit.js';
import { allowedMethods } from '../auth/api-methods.js';
import { grantWithin, narrowToHeld, type Grant } from '../auth/permissions.js';
import { builder } from './builder.js';
import { sessionOnly } from './access.js';
import type { Context } from './context.js';
import { badInput } from './errors.js';
import { confirmPassword, DAY_MS, resolveGrants, tokenFor } from './token-input.js';
import { AccessTokenType, ScopeGrantType } from './tokens.js';

interface UsageEntry {
  key: string;
  count: number;
  lastDay: Date;
}

const UsageEntryType = builder.objectRef<UsageEntry>('TokenUsageEntry').implement({
  description: 'A method (`Query.devices`) or permission (`PERM:DEVICE:READ:<project>:<device>`) the token exercised.',
  fields: (t) => ({
    key: t.exposeString('key'),
    count: t.exposeInt('count'),
    lastDay: t.expose('lastDay', { type: 'DateTime' }),
  }),
});

interface SuggestionShape {
  grants: Grant[];
  apiMethods: string[];
  requests: number;
}

const SuggestionType = builder.objectRef<SuggestionShape>('SuggestedGrants').implement({
  description: 'The smallest grants and API methods that would have allowed everything the token did.',
  fields: (t) => ({
    grants: t.field({ type: [ScopeGrantType], resolve: (s) => s.grants }),
    apiMethods: t.exposeStringList('apiMethods'),
    basedOnUses: t.exposeInt('requests', { description: 'How many recorded checks the suggestion rests on.' }),
  }),
});

const days = (value: number | null | undefined) => {
  const n = value ?? 30;
  if (!Number.isInteger(n) || n < 1 || n > 366) throw badInput('days must be between 1 and 366.', 'days');
  return n;
};

/**
 * What was written plus what this process counted since its last write. Read, never flushed
 * here: a flush from inside a mutation would write outside its transaction, on a second
 * connection of the pool the transaction holds.
 */
async function usageOf(ctx: Context, tokenId: string, window: number): Promise<UsageEntry[]> {
  const rows = await ctx.prisma.tokenUsage.groupBy({
    by: ['key'],
    where: { tokenId, day: { gte: new Date(Date.now() - window * DAY_MS) } },
    _sum: { count: true },
    _max: { day: true },
  });
  const entries = new Map(rows.map((r) => [r.key, { key: r.key, count: r._sum.count ?? 0, lastDay: r._max.day! }]));
  const today = new Date(new Date().toISOString().slice(0, 10));
  for (const [key, count] of ctx.usage.pendingExercised(tokenId)) {
    const entry = entries.get(key);
    entries.set(key, { key, count: (entry?.count ?? 0) + count, lastDay: today });
  }
  return [...entries.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * The suggestion, cut down to what the token holds today: a suggestion narrows, never widens,
 * whatever the recorded use says (a key recorded under grants since removed, a use of a device
 * through a grant on its whole project). USER tokens hold everything their owner does.
 */
async function suggestionFor(
  ctx: Context,
  token: { id: string; kind: string; apiMethodSet: string | null; apiMethods: string[] },
  window: number,
): Promise<SuggestionShape> {
  const usage = await usageOf(ctx, token.id, window);
  const suggestion = suggest(usage.map((u) => u.key));
  const held: Grant[] | 'ALL' =
    token.kind === 'USER'
      ? 'ALL'
      : await ctx.prisma.tokenGrant.findMany({ where: { tokenId: token.id }, orderBy: { position: 'asc' }, select: { entity: true, action: true, projectId: true, deviceId: true } });
  const grants: Grant[] = [];
  for (const wanted of suggestion.grants) {
    for (const grant of narrowToHeld(wanted, held)) if (!grants.some((g) => grantWithin(grant, [g]))) grants.push(grant);
  }
  const methods = allowedMethods(token.apiMethodSet, token.apiMethods);
  const apiMethods = suggestion.apiMethods.filter((m) => methods === 'ALL' || methods.has(m));
  return { grants, apiMethods, requests: usage.reduce((n, u) => n + u.count, 0) };
}

builder.objectFields(AccessTokenType, (t) => ({
  usage: t.field({
    type: [UsageEntryType],
    description: 'What the token exercised in the last `days` days. Sessions only.',
    args: { days: t.arg.int({ required: false, defaultValue: 30 }) },
    authScopes: sessionOnly,
    resolve: (token, args, ctx) => usageOf(ctx, token.id, days(args.days)),
  }),
  suggestedGrants: t.field({
    type: SuggestionType,
    description: 'The least privilege that would have covered the last `days` days of use. Sessions only.',
    args: { days: t.arg.int({ required: false, defaultValue: 30 }) },
    authScopes: sessionOnly,
    resolve: (token, args, ctx) => suggestionFor(ctx, token, days(args.days)),
  }),
}));

builder.mutationField('applySuggestedGrants', (t) =>
  t.prismaField({
    type: 'AccessToken',
    description: 'Narrows a CUSTOM or PROJECT token to its suggested grants and methods. Sessions only; needs your password.',
    args: { id: t.arg.id(), days: t.arg.int({ required: false, defaultValue: 30 }), password: t.arg.string() },
    authScopes: sessionOnly,
    resolve: async (query, _root, args, ctx) => {
      const token = await tokenFor(ctx, args.id, 'manage');
      const id = token.id;
      if (token.revokedAt) throw badInput('This token is revoked.', 'id');
      if (token.kind === 'USER') throw badInput('USER tokens take no grants: copy the suggestion into a CUSTOM token instead.', 'id');
      const suggestion = await suggestionFor(ctx, token, days(args.days));
      if (suggestion.grants.length === 0 || suggestion.apiMethods.length === 0) {
        throw badInput('No recorded use in that period: there is nothing to narrow the token to.', 'days');
      }
      // Re-checked like any edit: never more than the editor holds, PROJECT grants stay inside.
      const grants = await resolveGrants(ctx, suggestion.grants, token.kind === 'PROJECT' ? token.projectId : null);
      await confirmPassword(ctx, args.password);
      const updated = await ctx.prisma.$transaction(async (tx) => {
        await tx.tokenGrant.deleteMany({ where: { tokenId: id } });
        await tx.tokenGrant.createMany({ data: grants.map((g, position) => ({ ...g, tokenId: id, position })) });
        await recordEvent(tx, { tokenId: id, kind: 'UPDATED', actorId: ctx.principal.user!.id, ip: ctx.clientIp, details: { fields: ['grants', 'apiMethods'], source: 'suggestedGrants' } });
        return tx.accessToken.update({ ...query, where: { id }, data: { apiMethodSet: null, apiMethods: suggestion.apiMethods } });
      });
      await ctx.invalidate();
      return updated;
    },
  }),
);
