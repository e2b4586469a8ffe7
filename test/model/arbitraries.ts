/**
 * Random worlds and operations, described abstractly (indices, not ids) so that fast-check can
 * shrink them and a failing case can be kept in regressions.ts. world.ts turns them into rows
 * and requests.
 */
import fc from 'fast-check';
import { PRESETS, TOKEN_METHODS, type Action, type Entity, type Role, type Status } from './model.js';
import type { Sel } from './operations.js';

export interface GrantSpec {
  entity: Entity;
  action: Action;
  /** A project index; 'home' is a PROJECT token's own project (project 0 for other tokens). */
  project: number | null | 'home';
  /** A device index over every device of the world; only for DEVICE grants. */
  device: number | null;
  /** For a grant on a device: projectId its own project, none, or `project` (which may disagree). */
  pairing: 'own' | 'star' | 'given';
}
export interface TokenSpec {
  kind: 'USER' | 'CUSTOM' | 'PROJECT';
  /** A user index (USER, CUSTOM) or a project index (PROJECT). */
  owner: number;
  grants: GrantSpec[];
  methods: { preset: string } | { custom: string[] } | null;
}
export interface WorldSpec {
  users: { admin: boolean }[];
  /** roles[u]: user u's role in the project, if any. */
  projects: { roles: (Role | null)[]; devices: number }[];
  tokens: TokenSpec[];
  /** Exchanges made before the operations, so that JWTs take part from the start. */
  exchanges: ExchangeOp[];
}

/** A requested scope entry: one of the token's grants, maybe narrowed further, or anything at all. */
export type EntrySpec = { from: number; read: boolean; pinProject: number | null; pinDevice: number | null } | { any: GrantSpec };
/** An id: one of the world's (the deleted ones included), a missing one, or a malformed one. */
export type Target = { pick: number } | 'missing' | 'malformed';

export interface ExchangeOp { op: 'exchange'; token: number; scope: EntrySpec[] | null }
export interface MutationSpec {
  field: 'createProject' | 'updateProject' | 'deleteProject' | 'addProjectMember' | 'removeProjectMember' | 'createDevice' | 'updateDevice' | 'deleteDevice';
  target: Target;
  user: Target;
  name: string;
  status: Status | null;
  role: Role;
  sel: Sel | null;
}
export type QueryField = 'viewer' | 'projects' | 'project' | 'devices' | 'device' | 'tokenPolicy' | 'apiMethodSets' | 'apiMethods';
export type Op =
  | ExchangeOp
  | { op: 'query'; caller: number; field: QueryField; target: Target; sel: Sel | null }
  | { op: 'mutation'; caller: number; calls: MutationSpec[] }
  /** A token-management root field, called by an access token, a JWT or anonymous. */
  | { op: 'manage'; caller: number; field: string; target: number };

export const MANAGEMENT_FIELDS = [
  'myTokens', 'token', 'adminTokens', 'users', 'auditEvents', 'explainToken', 'login', 'logout', 'createUser', 'deleteUser',
  'createToken', 'updateToken', 'regenerateToken', 'copyToken', 'revokeToken', 'applySuggestedGrants', 'setTokenPolicy',
  'markNotificationsRead', 'changePassword', 'resetPassword',
] as const;

const roles = fc.constantFrom<Role>('VIEWER', 'EDITOR', 'OWNER');
const small = fc.nat(11);

const grantSpec: fc.Arbitrary<GrantSpec> = fc.record({
  entity: fc.constantFrom<Entity>('PROJECT', 'DEVICE'),
  action: fc.constantFrom<Action>('READ', 'WRITE'),
  project: fc.oneof(fc.constant(null), fc.constant<'home'>('home'), small),
  device: fc.option(small, { nil: null, freq: 2 }),
  pairing: fc.constantFrom<GrantSpec['pairing']>('own', 'own', 'star', 'given'),
});

const methods = fc.oneof(
  { arbitrary: fc.constant(null), weight: 4 },
  { arbitrary: fc.constantFrom(...Object.keys(PRESETS)).map((preset) => ({ preset })), weight: 2 },
  { arbitrary: fc.subarray(TOKEN_METHODS, { minLength: 1 }).map((custom) => ({ custom })), weight: 1 },
  // Nearly everything: the refusals left are the interesting ones.
  {
    arbitrary: fc.subarray(TOKEN_METHODS, { minLength: 1, maxLength: 3 }).map((left) => ({ custom: TOKEN_METHODS.filter((m) => !left.includes(m)) })),
    weight: 1,
  },
);

const tokenSpec: fc.Arbitrary<TokenSpec> = fc.record({
  kind: fc.constantFrom<TokenSpec['kind']>('USER', 'CUSTOM', 'CUSTOM', 'PROJECT'),
  owner: small,
  grants: fc.array(grantSpec, { minLength: 1, maxLength: 4 }),
  methods,
});

const entrySpec: fc.Arbitrary<EntrySpec> = fc.oneof(
  { arbitrary: fc.record({ from: small, read: fc.boolean(), pinProject: fc.option(small, { nil: null }), pinDevice: fc.option(small, { nil: null }) }), weight: 3 },
  { arbitrary: grantSpec.map((any) => ({ any })), weight: 1 },
);

const exchangeOp: fc.Arbitrary<ExchangeOp> = fc.record({
  op: fc.constant('exchange' as const),
  token: small,
  scope: fc.option(fc.array(entrySpec, { minLength: 1, maxLength: 3 }), { nil: null, freq: 3 }),
});

export const worldSpec: fc.Arbitrary<WorldSpec> = fc.record({
  // Mostly members: an admin holds everything, which tests less.
  users: fc.array(fc.record({ admin: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }) }), { minLength: 1, maxLength: 3 }),
  projects: fc.array(fc.record({ roles: fc.array(fc.option(roles, { nil: null }), { minLength: 3, maxLength: 3 }), devices: fc.nat(3) }), { minLength: 1, maxLength: 3 }),
  tokens: fc.array(tokenSpec, { minLength: 1, maxLength: 5 }),
  exchanges: fc.array(exchangeOp, { maxLength: 3 }),
});

const target: fc.Arbitrary<Target> = fc.oneof(
  { arbitrary: small.map((pick) => ({ pick })), weight: 17 },
  { arbitrary: fc.constant<Target>('missing'), weight: 2 },
  { arbitrary: fc.constant<Target>('malformed'), weight: 1 },
);

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: arb, weight: 1 });
const leaf = fc.constant(true as const);
/** Drops the fields left out. */
const sel = (fields: Record<string, fc.Arbitrary<Sel | true | undefined>>): fc.Arbitrary<Sel> =>
  fc.record(fields).map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as Sel);
const flag = fc.boolean().map((b) => (b ? (true as const) : undefined));

const memberSel = sel({ role: leaf, user: opt(sel({ id: flag, email: leaf })) });
const projectSel = (depth: number): fc.Arbitrary<Sel> =>
  sel({ id: leaf, name: flag, devices: depth > 0 ? opt(deviceSel(depth - 1)) : fc.constant(undefined), members: opt(memberSel) });
const deviceSel = (depth: number): fc.Arbitrary<Sel> =>
  sel({ id: leaf, name: flag, status: flag, project: depth > 0 ? opt(projectSel(depth - 1)) : fc.constant(undefined) });
const managedTokenField = fc.constantFrom<Sel>({ events: { nodes: { id: true } } }, { usage: { key: true } }, { suggestedGrants: { basedOnUses: true } }, { createdBy: { id: true } }, { revokedBy: { id: true } });
const tokenSel = fc.tuple(opt(projectSel(1)), rarely(managedTokenField)).map(([project, managed]) => ({ id: true as const, ...(project ? { project } : {}), ...managed }));
const grantSel = sel({ entity: leaf, action: leaf, projectId: leaf, deviceId: leaf, project: opt(projectSel(1)), device: opt(deviceSel(1)) });
// viewer.notifications (token management) nulls the whole answer: asked alone, so that grants stay observable.
const viewerSel = fc.oneof(
  { arbitrary: sel({ authMethod: leaf, grants: opt(grantSel), token: opt(tokenSel) }), weight: 9 },
  { arbitrary: fc.constant<Sel>({ authMethod: true, notifications: { nodes: { id: true } } }), weight: 1 },
);

const queryOp = fc.oneof(
  ...(
    [
      ['viewer', viewerSel, 4],
      ['projects', projectSel(1), 3],
      ['project', projectSel(2), 3],
      ['devices', deviceSel(1), 4],
      ['device', deviceSel(2), 4],
      ['tokenPolicy', fc.constant({ requireExpiry: true }), 1],
      ['apiMethodSets', fc.constant({ key: true }), 1],
      ['apiMethods', fc.constant(null), 1],
    ] as const
  ).map(([field, s, weight]) => ({
    weight,
    arbitrary: fc.record({ op: fc.constant('query' as const), caller: small, field: fc.constant<QueryField>(field), target, sel: s as fc.Arbitrary<Sel | null> }),
  })),
);

const mutationSpec: fc.Arbitrary<MutationSpec> = fc
  .record({
    field: fc.constantFrom<MutationSpec['field']>(
      'createProject', 'updateProject', 'updateProject', 'deleteProject', 'addProjectMember', 'addProjectMember', 'addProjectMember',
      'removeProjectMember', 'createDevice', 'createDevice', 'updateDevice', 'updateDevice', 'updateDevice', 'deleteDevice',
    ),
    target,
    user: target,
    name: fc.constantFrom('north', 'south', 'east', 'west', 'lab', 'edge'),
    status: fc.option(fc.constantFrom<Status>('ONLINE', 'OFFLINE', 'UNKNOWN'), { nil: null }),
    role: roles,
    projectSel: fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: projectSel(1), weight: 1 }),
    deviceSel: fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: deviceSel(1), weight: 1 }),
    memberSel,
  })
  .map(({ projectSel: p, deviceSel: d, memberSel: m, ...spec }) => {
    const base: Record<MutationSpec['field'], Sel | null> = {
      createProject: p ?? { id: true, name: true }, updateProject: p ?? { id: true, name: true }, deleteProject: null,
      addProjectMember: m, removeProjectMember: null, createDevice: d ?? { id: true, name: true, status: true },
      updateDevice: d ?? { id: true, name: true, status: true }, deleteDevice: null,
    };
    return { ...spec, sel: base[spec.field] };
  });

/** Up to two fields, the second only among writes that change no rights, so that one operation's rights stay fixed. */
const mutationOp = fc.record({
  op: fc.constant('mutation' as const),
  caller: small,
  calls: fc.oneof(
    { arbitrary: fc.tuple(mutationSpec).map((t) => [...t]), weight: 5 },
    {
      arbitrary: fc.array(mutationSpec.filter((m) => ['createDevice', 'updateDevice', 'deleteDevice', 'updateProject'].includes(m.field)), { minLength: 2, maxLength: 2 }),
      weight: 1,
    },
  ),
});

const manageOp = fc.record({ op: fc.constant('manage' as const), caller: small, field: fc.constantFrom(...MANAGEMENT_FIELDS), target: small });

export const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: queryOp, weight: 9 },
  { arbitrary: mutationOp, weight: 7 },
  { arbitrary: manageOp, weight: 2 },
  { arbitrary: exchangeOp, weight: 2 },
);

/** Generated as an op, shrunk first to nothing: a failing case keeps only the operations it needs at their places. */
class Removable<T> extends fc.Arbitrary<T | null> {
  constructor(private readonly arb: fc.Arbitrary<T>) {
    super();
  }
  generate(mrng: fc.Random, bias: number | undefined): fc.Value<T | null> {
    return this.arb.generate(mrng, bias);
  }
  canShrinkWithoutContext(value: unknown): value is T | null {
    return value === null || this.arb.canShrinkWithoutContext(value);
  }
  shrink(value: T | null, context: unknown): fc.Stream<fc.Value<T | null>> {
    if (value === null) return fc.Stream.nil();
    return fc.Stream.of<fc.Value<T | null>>(new fc.Value(null, undefined)).join(this.arb.shrink(value, context));
  }
}

export const ops = (count: number): fc.Arbitrary<(Op | null)[]> => fc.array(new Removable(op), { minLength: count, maxLength: count });
