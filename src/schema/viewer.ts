import { effectiveGrants } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { builder } from './builder.js';
import { tokenReachable } from './access.js';
import { ScopeGrantType } from './tokens.js';

const AuthMethodEnum = builder.enumType('AuthMethod', {
  values: ['ANONYMOUS', 'SESSION', 'ACCESS_TOKEN', 'EXCHANGED_JWT', 'ENROLLMENT_TOKEN'] as const,
});

export const ViewerType = builder.objectRef<Principal>('Viewer').implement({
  description: 'Who is calling, and what they may do right now.',
  fields: (t) => ({
    authMethod: t.expose('authMethod', { type: AuthMethodEnum }),
    user: t.prismaField({
      type: 'User',
      nullable: true,
      description: 'The person acting: the session user or the owner of a USER/CUSTOM token.',
      resolve: (query, principal, _args, ctx) =>
        principal.user ? ctx.prisma.user.findUnique({ ...query, where: { id: principal.user.id } }) : null,
    }),
    token: t.prismaField({
      type: 'AccessToken',
      nullable: true,
      description: 'The access token used for this request, if any.',
      resolve: (query, principal, _args, ctx) =>
        principal.token ? ctx.prisma.accessToken.findUnique({ ...query, where: { id: principal.token.id } }) : null,
    }),
    grants: t.field({
      type: [ScopeGrantType],
      description: "Effective grants: the token's grants that its owner still holds, or a session's rights as grants.",
      resolve: (principal) => (principal.authority ? effectiveGrants(principal.authority) : []),
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerType,
    description: 'Any caller, anonymous included.',
    // Anyone may ask, but a token limited to a method list must include Query.viewer.
    authScopes: (_root, _args, ctx) => (ctx.principal.token || ctx.principal.enrollment ? tokenReachable(ctx, 'Query.viewer') : true),
    resolve: (_root, _args, ctx) => ctx.principal,
  }),
);
