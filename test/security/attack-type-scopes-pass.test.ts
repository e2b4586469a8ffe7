/**
 * Review of 0ba08d9: Device's TYPE_SCOPES_PASS test (readsAllDevicesOf, the first clause of its
 * authScopes) lets the compiled executor pass a device before scope-auth's isTypeOf. Each attack
 * asks for devices the caller must not see, beside devices the test passes (true) and devices only
 * scope-auth lets through (a grant on that device), and compares graphql-js (the gateway on it, and
 * an operation's first run) with the compiled run. The paths are chosen where the type check is
 * the only guard (a JWT, narrowed or a CI job's, reading the wider grants of its token), as well
 * as the lists that SQL filters first.
 */
import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { jitExecution, schemaForJit } from '../../src/http/jit-execution.js';
import { TYPE_SCOPES_PASS } from '../../src/schema/type-scopes-pass.js';
import { readsAllDevicesOf } from '../../src/schema/builder.js';
import type { Context } from '../../src/schema/context.js';
import { ANONYMOUS, sessionPrincipal, tokenPrincipal } from '../../src/auth/principal.js';
import { schema as gatewaySchema } from '../../src/schema/index.js';
import type { GraphQLObjectType } from 'graphql';
import { execute, type Credential } from '../helpers/execute.js';
import { addMember, createDevice, createProject, createToken, createUser, grant } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';
import { startIssuer } from '../helpers/oidc-issuer.js';
import { narrowedJwt } from '../helpers/token-endpoint.js';

// An operation's first run is graphql-js's, its second compiled: both are compared below. The
// fake CI issuer serves its keys over plain HTTP on loopback.
const env = { SCOPEGATE_FEDERATION_ALLOW_INSECURE: '1' };
const jit = await setupGateway({ compileOnFirstRun: false, env });
const js = await setupGateway({ executor: 'graphql-js', env });
const issuer = await startIssuer();
const { prisma } = jit;

const executions = () => jit.gateway.jit.compiled + jit.gateway.jit.reused;

/**
 * The answer of graphql-js, of the jit gateway's first run and of its compiled run: the same data
 * and the same errors (in any order: graphql-jit may report a list's refusals in another order).
 */
async function everyExecutor(query: string, variables: Record<string, unknown>, credential: Credential) {
  const viaJs = await execute<any, any>(js.gateway, query, variables, credential);
  const firstRun = await execute<any, any>(jit.gateway, query, variables, credential);
  const before = executions();
  const compiled = await execute<any, any>(jit.gateway, query, variables, credential);
  expect(executions() - before, 'the second run is compiled').toBe(1);
  const text = (response: typeof viaJs) => ({
    status: response.status,
    data: JSON.stringify(response.body.data),
    errors: (response.body.errors ?? []).map((error) => JSON.stringify(error)).sort(),
  });
  expect(text(firstRun)).toEqual(text(viaJs));
  expect(text(compiled)).toEqual(text(viaJs));
  return compiled;
}

/** Every device id anywhere in an answer (keys `id` of objects holding `name`: devices here). */
function deviceIdsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) deviceIdsIn(item, out);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.id === 'string' && 'name' in record) out.add(record.id);
    for (const child of Object.values(record)) deviceIdsIn(child, out);
  }
  return out;
}

/** Project A read whole; in project B one device granted (b1) and one not (b2). */
async function world() {
  const owner = await createUser(prisma);
  const a = await createProject(prisma, owner.id, 'A');
  const b = await createProject(prisma, owner.id, 'B');
  const a1 = await createDevice(prisma, a.id, 'a1');
  const a2 = await createDevice(prisma, a.id, 'a2');
  const b1 = await createDevice(prisma, b.id, 'b1');
  const b2 = await createDevice(prisma, b.id, 'b2');
  return { owner, a, b, a1, a2, b1, b2 };
}

const narrowed = (secret: string, scope: string | undefined, extra: Record<string, string> = {}) => narrowedJwt(jit.gateway, secret, scope, extra);

const TOKEN_GRANT_DEVICES = `{ viewer { authMethod token { grants { projectId deviceId device { id name project { name } } } } } }`;

describe('a narrowed JWT reading the wider grants of its token: the type check is the only guard', () => {
  it('passes the whole project it kept, the device it kept, and refuses the devices it narrowed away', async () => {
    const w = await world();
    // The token reaches every device named here; the JWT keeps A whole and b1 alone.
    const token = await createToken(prisma, {
      createdById: w.owner.id,
      grants: [
        grant('PROJECT', 'READ'),
        grant('DEVICE', 'READ', { projectId: w.a.id, deviceId: w.a1.id }),
        grant('DEVICE', 'READ', { projectId: w.b.id, deviceId: w.b1.id }),
        grant('DEVICE', 'READ', { projectId: w.b.id, deviceId: w.b2.id }),
        grant('DEVICE', 'READ', { projectId: w.a.id }),
      ],
    });
    const jwt = await narrowed(token.secret, `project:read device:read:${w.a.id} device:read:${w.b.id}:${w.b1.id}`);
    const response = await everyExecutor(TOKEN_GRANT_DEVICES, {}, { token: jwt });
    expect(response.body.data.viewer.authMethod).toBe('EXCHANGED_JWT');
    // a1 by the whole-project test, b1 by scope-auth (its device grant), b2 by neither.
    expect(response.body.data.viewer.token.grants.map((g: { device: unknown }) => g.device)).toEqual([
      null,
      { id: w.a1.id, name: 'a1', project: { name: 'A' } },
      { id: w.b1.id, name: 'b1', project: { name: 'B' } },
      null,
      null,
    ]);
    expect(response.body.errors).toHaveLength(1);
    expect(response.expectError('FORBIDDEN')).toMatchObject({ path: ['viewer', 'token', 'grants', 3, 'device'], extensions: { reason: 'MISSING_GRANT' } });
  });

  it('a JWT narrowed to one project reads no device of another, though its token reads them all', async () => {
    const w = await world();
    const token = await createToken(prisma, {
      createdById: w.owner.id,
      grants: [grant('DEVICE', 'READ'), grant('DEVICE', 'READ', { deviceId: w.b1.id }), grant('DEVICE', 'READ', { deviceId: w.a2.id }), grant('PROJECT', 'READ')],
    });
    const jwt = await narrowed(token.secret, `device:read:${w.a.id}`);
    const response = await everyExecutor(`{ viewer { token { grants { device { id name } } } } }`, {}, { token: jwt });
    expect([...deviceIdsIn(response.body.data)]).toEqual([w.a2.id]);
    expect(response.expectError('FORBIDDEN').path).toEqual(['viewer', 'token', 'grants', 1, 'device']);
  });

  it('with nothing of B kept, every path to a device of B is refused, aliases and fragments alike', async () => {
    const w = await world();
    const token = await createToken(prisma, {
      createdById: w.owner.id,
      grants: [grant('PROJECT', 'READ'), grant('DEVICE', 'READ'), grant('DEVICE', 'READ', { deviceId: w.b2.id })],
    });
    const jwt = await narrowed(token.secret, `project:read device:read:${w.a.id}`);
    // One root field that is not null per request: graphql-js stops at the first such refusal.
    const query = `query($a: ID!, $b: ID!, $b2: ID!) {
      viewer { token { grants { ...G } more: grants { device { ... on Device { id name } } } } }
      inA: devices(projectId: $a) { nodes { ...D } edges { node { id name } } }
      one: device(id: $b2) { ...D }
      projectB: project(id: $b) { name devices { nodes { ...D } } }
    }
    fragment G on ScopeGrant { deviceId device { ...D } }
    fragment D on Device { __typename id name }`;
    const response = await everyExecutor(query, { a: w.a.id, b: w.b.id, b2: w.b2.id }, { token: jwt });
    expect([...deviceIdsIn(response.body.data)].sort()).toEqual([w.a1.id, w.a2.id].sort());
    expect(response.body.data.one).toBeNull();
    expect(response.body.data.projectB).toBeNull();
    expect(response.body.errors!.map((e) => e.path!.join('.')).sort()).toEqual(['one', 'projectB.devices', 'viewer.token.grants.2.device', 'viewer.token.more.2.device']);
    const inB = await everyExecutor(`query($b: ID!) { devices(projectId: $b) { nodes { ...D } } } fragment D on Device { id name }`, { b: w.b.id }, { token: jwt });
    expect(inB.body.data).toBeNull();
    expect(inB.expectError('FORBIDDEN').path).toEqual(['devices']);
  });
});

describe("a CI job's JWT (federation) reading its policy token's grants", () => {
  it('unnarrowed it reads its project whole; narrowed to one device, the other device is refused', async () => {
    const w = await world();
    const audience = 'https://scopegate.example.com';
    const created = await execute<any, any>(
      jit.gateway,
      `mutation($input: CreateTrustPolicyInput!) { createTrustPolicy(input: $input) { id } }`,
      {
        input: {
          name: 'firmware CI',
          issuer: issuer.issuer,
          jwksUri: issuer.jwksUri,
          audience,
          claims: { repository: 'acme/firmware' },
          projectId: w.b.id,
          grants: [{ entity: 'DEVICE', action: 'READ' }, { entity: 'DEVICE', action: 'READ', deviceId: w.b1.id }, { entity: 'DEVICE', action: 'READ', deviceId: w.b2.id }],
          apiMethods: ['Query.devices', 'Query.viewer'],
          maxLifetimeSeconds: 900,
        },
      },
      { session: w.owner.session },
    );
    created.expectData();
    const external = () => issuer.sign({ repository: 'acme/firmware', aud: audience });
    const ci = { subject_token_type: 'urn:ietf:params:oauth:token-type:jwt', resource: w.b.id };
    const whole = await narrowed(await external(), undefined, ci);
    const one = await narrowed(await external(), `device:read:${w.b.id}:${w.b1.id}`, ci);
    const query = `{ viewer { authMethod token { grants { deviceId device { id name } } } } }`;
    const wholeAnswer = await everyExecutor(query, {}, { token: whole });
    expect([...deviceIdsIn(wholeAnswer.expectData())].sort()).toEqual([w.b1.id, w.b2.id].sort());
    const oneAnswer = await everyExecutor(query, {}, { token: one });
    expect(oneAnswer.body.data.viewer.authMethod).toBe('EXCHANGED_JWT');
    expect([...deviceIdsIn(oneAnswer.body.data)]).toEqual([w.b1.id]);
    expect(oneAnswer.expectError('FORBIDDEN').path).toEqual(['viewer', 'token', 'grants', 2, 'device']);
  });
});

describe('lists mixing a project read whole with one read device by device', () => {
  it('a custom token: A whole and b1 alone, by every list, the device field and a write', async () => {
    const w = await world();
    const token = await createToken(prisma, {
      createdById: w.owner.id,
      grants: [grant('PROJECT', 'READ'), grant('DEVICE', 'READ', { projectId: w.a.id }), grant('DEVICE', 'WRITE', { projectId: w.b.id, deviceId: w.b1.id })],
    });
    const query = `query($a: ID!, $b: ID!, $b1: ID!, $b2: ID!) {
      inA: devices(projectId: $a) { totalCount nodes { id name } }
      inB: devices(projectId: $b) { totalCount nodes { id name } }
      projects { nodes { name devices { nodes { id name } } } }
      granted: device(id: $b1) { id name }
      notGranted: device(id: $b2) { id name }
      viewer { grants { deviceId device { id name } } }
    }`;
    const response = await everyExecutor(query, { a: w.a.id, b: w.b.id, b1: w.b1.id, b2: w.b2.id }, { token: token.secret });
    expect(response.body.errors).toHaveLength(1);
    expect(response.expectError('FORBIDDEN').path).toEqual(['notGranted']);
    const data = response.body.data;
    expect(data.inA.totalCount).toBe(2);
    expect([...deviceIdsIn(data.inA)].sort()).toEqual([w.a1.id, w.a2.id].sort());
    expect(data.inB).toEqual({ totalCount: 1, nodes: [{ id: w.b1.id, name: 'b1' }] });
    expect(data.notGranted).toBeNull();
    expect([...deviceIdsIn(data)].sort()).toEqual([w.a1.id, w.a2.id, w.b1.id].sort());
    const write = await everyExecutor(`mutation($b1: ID!) { updateDevice(id: $b1, name: "b1") { id name project { devices { nodes { id name } } } } }`, { b1: w.b1.id }, { token: token.secret });
    expect([...deviceIdsIn(write.body.data)]).toEqual([w.b1.id]);
  });

  it('a device token (a PROJECT token on its device) and a viewer: what each role reads', async () => {
    const w = await world();
    const deviceToken = await createToken(prisma, { kind: 'PROJECT', projectId: w.b.id, createdById: w.owner.id, grants: [grant('DEVICE', 'WRITE', { projectId: w.b.id, deviceId: w.b1.id })] });
    const viewer = await createUser(prisma);
    await addMember(prisma, w.b.id, viewer.id, 'VIEWER');
    const query = `query($a: ID!, $b: ID!, $b2: ID!) { inB: devices(projectId: $b) { nodes { id name } } other: device(id: $b2) { id name } viewer { token { grants { device { id name } } } } inA: device(id: $a) { id name } }`;
    const asDevice = await everyExecutor(query, { a: w.a1.id, b: w.b.id, b2: w.b2.id }, { token: deviceToken.secret });
    expect([...deviceIdsIn(asDevice.body.data)]).toEqual([w.b1.id]);
    const asViewer = await everyExecutor(query, { a: w.a1.id, b: w.b.id, b2: w.b2.id }, { session: viewer.session });
    expect([...deviceIdsIn(asViewer.body.data)].sort()).toEqual([w.b1.id, w.b2.id].sort());
    expect(asViewer.body.data.inA).toBeNull();
  });

  it('anonymous callers and tokens without a device grant read no device at all', async () => {
    const w = await world();
    const projectOnly = await createToken(prisma, { createdById: w.owner.id, grants: [grant('PROJECT', 'READ')] });
    const queries = [
      `query($a: ID!) { devices(projectId: $a) { nodes { id name } } }`,
      `query($a1: ID!) { device(id: $a1) { id name } }`,
      `query($a: ID!) { project(id: $a) { name devices { nodes { id name } } } }`,
      `{ viewer { grants { device { id name } } token { grants { device { id name } } } } }`,
    ];
    for (const credential of [undefined, { token: projectOnly.secret }]) {
      for (const query of queries) {
        const response = await everyExecutor(query, { a: w.a.id, a1: w.a1.id }, credential);
        expect(deviceIdsIn(response.body.data).size).toBe(0);
      }
    }
  });

  it('a member removed from B: the token it made reads no device of B any more', async () => {
    const w = await world();
    const member = await createUser(prisma);
    await addMember(prisma, w.b.id, member.id, 'EDITOR');
    await addMember(prisma, w.a.id, member.id, 'VIEWER');
    const token = await createToken(prisma, { createdById: member.id, grants: [grant('PROJECT', 'READ'), grant('DEVICE', 'READ'), grant('DEVICE', 'READ', { deviceId: w.b1.id })] });
    const query = `{ viewer { token { grants { device { id name } } } } projects { nodes { devices { nodes { id name } } } } }`;
    // Read (and cached) while a member; the removal goes through the gateway, which invalidates.
    const before = await execute<any, any>(jit.gateway, query, {}, { token: token.secret });
    expect(deviceIdsIn(before.body.data).has(w.b2.id)).toBe(true);
    const removed = await execute<any, any>(jit.gateway, `mutation($p: ID!, $u: ID!) { removeProjectMember(projectId: $p, userId: $u) }`, { p: w.b.id, u: member.id }, { session: w.owner.session });
    removed.expectData();
    const after = await everyExecutor(query, {}, { token: token.secret });
    expect([...deviceIdsIn(after.expectData())].sort()).toEqual([w.a1.id, w.a2.id].sort());
    const inB = await everyExecutor(`query($b: ID!) { devices(projectId: $b) { nodes { id name } } }`, { b: w.b.id }, { token: token.secret });
    expect(inB.body.data).toBeNull();
  });
});

describe("the test's answer belongs to one request", () => {
  it('concurrent requests on one compiled operation, one reading B whole, one b1 alone, never share it', async () => {
    const w = await world();
    const whole = await createToken(prisma, { createdById: w.owner.id, grants: [grant('PROJECT', 'READ'), grant('DEVICE', 'READ', { projectId: w.b.id })] });
    const one = await createToken(prisma, {
      createdById: w.owner.id,
      grants: [grant('PROJECT', 'READ'), grant('DEVICE', 'READ', { projectId: w.a.id }), grant('DEVICE', 'READ', { deviceId: w.b1.id }), grant('DEVICE', 'READ', { deviceId: w.b2.id })],
    });
    // The JWT keeps b1 of B; the token it comes from also names b2, which only the type check refuses.
    const jwt = await narrowed(one.secret, `project:read device:read:${w.a.id} device:read:${w.b.id}:${w.b1.id}`);
    // The whole-project reader decides B (true) in its request, beside the JWT deciding it (false).
    const query = `query($b: ID!) { devices(projectId: $b) { nodes { id name } } viewer { token { grants { device { id name } } } } }`;
    // Compiled first for the whole-project reader, whose answer for B is true.
    await execute(jit.gateway, query, { b: w.b.id }, { token: whole.secret });
    const before = executions();
    const rounds = await Promise.all(
      Array.from({ length: 8 }, (_, i) => execute<any, any>(jit.gateway, query, { b: w.b.id }, { token: i % 2 ? jwt : whole.secret })),
    );
    expect(executions() - before).toBe(8);
    rounds.forEach((response, i) => {
      if (i % 2) {
        expect([...deviceIdsIn(response.body.data)]).toEqual([w.b1.id]);
        expect(response.expectError('FORBIDDEN').path).toEqual(['viewer', 'token', 'grants', 3, 'device']);
      } else {
        expect([...deviceIdsIn(response.expectData())].sort()).toEqual([w.b1.id, w.b2.id].sort());
      }
    });
  });
});

describe('readsAllDevicesOf, the test itself', () => {
  const usage = { noteExercised: () => {} };
  const context = (principal: Context['principal']) => ({ principal, usage }) as unknown as Context;
  const admin = sessionPrincipal({ id: 's', expiresAt: new Date(8.64e15) }, { id: 'u', role: 'ADMIN', memberships: [] });
  const member = sessionPrincipal({ id: 's', expiresAt: new Date(8.64e15) }, { id: 'u', role: 'MEMBER', memberships: [{ projectId: 'p', role: 'VIEWER' }] });
  const row = (grants: ReturnType<typeof grant>[], kind: 'USER' | 'CUSTOM' | 'PROJECT' = 'CUSTOM') =>
    tokenPrincipal(
      {
        id: 't',
        digest: 'd',
        kind,
        projectId: kind === 'PROJECT' ? 'p' : null,
        expiresAt: null,
        apiMethodSet: null,
        apiMethods: [],
        allowedCidrs: [],
        grants,
        owner: kind === 'PROJECT' ? null : { id: 'u', role: 'ADMIN', memberships: [{ projectId: 'p', role: 'OWNER' }], deletedAt: null },
        limitRequestsPerMinute: null,
        limitCostPerHour: null,
        maxUses: null,
        notBefore: null,
      },
      { requestsPerMinute: 1, costPerHour: null },
    );

  it('answers false for a device without a project, whoever asks (an admin, a USER token, every grant)', () => {
    for (const principal of [admin, member, row([], 'USER'), row([grant('DEVICE', 'WRITE')]), row([grant('DEVICE', 'WRITE')], 'PROJECT')]) {
      const ctx = context(principal);
      expect(readsAllDevicesOf(ctx, undefined as unknown as string)).toBe(false);
    }
  });

  it("is Device's authScopes' first clause: true exactly where authScopes answers true itself", () => {
    const device = gatewaySchema.getType('Device') as GraphQLObjectType;
    const passes = device.extensions[TYPE_SCOPES_PASS] as (value: unknown, ctx: Context) => boolean;
    const authScopes = (device.extensions.pothosOptions as { authScopes: (value: unknown, ctx: Context) => unknown }).authScopes;
    const principals = [
      ANONYMOUS,
      admin,
      member,
      row([], 'USER'),
      row([grant('DEVICE', 'READ', { projectId: 'p' })]),
      row([grant('DEVICE', 'READ', { projectId: 'p', deviceId: 'd' })]),
      row([grant('PROJECT', 'WRITE')]),
      row([grant('DEVICE', 'WRITE')], 'PROJECT'),
    ];
    let passed = 0;
    for (const principal of principals) {
      for (const value of [{ id: 'd', projectId: 'p' }, { id: 'e', projectId: 'q' }, { id: 'f' }]) {
        // A context per question: the answers are kept per request.
        const verdict = passes(value, context(principal));
        expect(verdict, JSON.stringify({ principal: principal.authMethod, value })).toBe(authScopes(value, context(principal)) === true);
        if (verdict) passed += 1;
      }
    }
    expect(passed).toBeGreaterThan(0);
    // Nothing scope-auth's isTypeOf checks beyond the type's own authScopes.
    expect(device.getInterfaces()).toEqual([]);
    expect(() => schemaForJit(gatewaySchema)).not.toThrow();
  });

  it('answers true for a whole-project reader only, never for a grant on one device', () => {
    expect(readsAllDevicesOf(context(member), 'p')).toBe(true);
    expect(readsAllDevicesOf(context(member), 'q')).toBe(false);
    expect(readsAllDevicesOf(context(admin), 'q')).toBe(true);
    expect(readsAllDevicesOf(context(row([grant('DEVICE', 'READ', { projectId: 'p', deviceId: 'd' })])), 'p')).toBe(false);
    expect(readsAllDevicesOf(context(row([grant('DEVICE', 'READ', { deviceId: 'd' })])), 'p')).toBe(false);
    expect(readsAllDevicesOf(context(row([grant('PROJECT', 'WRITE')])), 'p')).toBe(false);
    expect(readsAllDevicesOf(context(row([grant('DEVICE', 'READ', { projectId: 'p' })], 'PROJECT')), 'q')).toBe(false);
    expect(readsAllDevicesOf(context(row([grant('DEVICE', 'READ')], 'PROJECT')), 'p')).toBe(true);
  });
});

describe('the start-up guard, on types built by Pothos with scope-auth', () => {
  interface Item {
    id: string;
    open: boolean;
  }
  interface ItemContext {
    allowed: boolean;
  }
  const items: Item[] = [{ id: 'open', open: true }, { id: 'closed', open: false }];
  // The test answers true for an open item: the first clause of Item's own authScopes.
  const openItem = (item: unknown) => (item as Item).open;

  function builderOf() {
    const options = {
      plugins: [ScopeAuthPlugin, RelayPlugin],
      scopeAuth: { runScopesOnType: true, authScopes: (ctx: ItemContext) => ({ allowed: ctx.allowed }) },
      relay: {},
    };
    // The prisma plugin's options are required of every builder once its types are loaded (the
    // gateway's builder is imported above); this one has no prisma plugin.
    return new SchemaBuilder<{ Context: ItemContext; AuthScopes: { allowed: boolean } }>(options as never);
  }

  /** Item implements an interface whose authScopes refuse a caller who is not allowed. */
  function withScopedInterface() {
    const builder = builderOf();
    const Owned = builder.interfaceRef<Item>('Owned').implement({ authScopes: { allowed: true }, fields: (t) => ({ id: t.exposeString('id') }) });
    const ItemRef = builder.objectRef<Item>('Item').implement({
      interfaces: [Owned],
      authScopes: (item) => item.open || { allowed: true },
      extensions: { [TYPE_SCOPES_PASS]: openItem },
      isTypeOf: undefined,
      fields: (t) => ({ id: t.exposeString('id') }),
    });
    builder.queryType({ fields: (t) => ({ items: t.field({ type: [ItemRef], nullable: { list: false, items: true }, resolve: () => items }) }) });
    return builder.toSchema();
  }

  it('refuses a type one of whose interfaces has authScopes: scope-auth checks them in the same isTypeOf', async () => {
    const schema = withScopedInterface();
    const answer = async (plugins: ReturnType<typeof jitExecution>['plugin'][]) => {
      const yoga = createYoga<object, ItemContext>({ schema, plugins, context: () => ({ allowed: false }), logging: false, maskedErrors: false });
      const response = await yoga.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ items { id } }' }) });
      return (await response.json()) as { data: { items: unknown[] } };
    };
    // graphql-js: the interface's scope refuses both items, open or not.
    expect((await answer([])).data.items).toEqual([null, null]);
    expect(() => schemaForJit(schema)).toThrow(/authScopes alone/);
  });

  it('refuses a relay node, whose isTypeOf (not among its options) tells its objects from others', () => {
    class ItemNode {
      constructor(
        readonly id: string,
        readonly open: boolean,
      ) {}
    }
    const builder = builderOf();
    const NodeRef = builder.node(ItemNode, {
      name: 'ItemNode',
      id: { resolve: (item) => item.id },
      authScopes: (item) => item.open || { allowed: true },
      extensions: { [TYPE_SCOPES_PASS]: openItem },
      fields: (t) => ({ open: t.exposeBoolean('open') }),
    });
    builder.queryType({ fields: (t) => ({ item: t.field({ type: NodeRef, nullable: true, resolve: () => new ItemNode('n', true) }) }) });
    expect(() => schemaForJit(builder.toSchema())).toThrow(/authScopes alone/);
  });

  it('accepts a type whose check is its authScopes alone, and runs scope-auth for what the test does not pass', async () => {
    const builder = builderOf();
    const ItemRef = builder.objectRef<Item>('Item').implement({
      authScopes: (item) => item.open || { allowed: true },
      extensions: { [TYPE_SCOPES_PASS]: openItem },
      fields: (t) => ({ id: t.exposeString('id') }),
    });
    builder.queryType({ fields: (t) => ({ items: t.field({ type: [ItemRef], nullable: { list: false, items: true }, resolve: () => items }) }) });
    const schema = builder.toSchema();
    const { plugin } = jitExecution(schema, { compileOnFirstRun: true });
    const yoga = createYoga<object, ItemContext>({ schema, plugins: [plugin], context: () => ({ allowed: false }), logging: false, maskedErrors: false });
    const response = await yoga.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ items { id } }' }) });
    const body = (await response.json()) as { data: { items: unknown[] }; errors: { path: unknown[] }[] };
    expect(body.data.items).toEqual([{ id: 'open' }, null]);
    expect(body.errors.map((e) => e.path)).toEqual([['items', 1]]);
  });
});
