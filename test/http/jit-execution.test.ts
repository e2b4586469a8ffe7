import { execute as graphqlExecute, GraphQLEnumType, GraphQLError, GraphQLInterfaceType, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLScalarType, GraphQLSchema, GraphQLString, parse, type ExecutionArgs } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { jitExecution, schemaForJit, type JitStats } from '../../src/http/jit-execution.js';
import { TYPE_SCOPES_PASS } from '../../src/schema/type-scopes-pass.js';
import { execute, type Credential } from '../helpers/execute.js';
import { createDevice, createProject, createToken, createUser, grant } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

// Compiled from the second run, as in production.
const jit = await setupGateway({ compileOnFirstRun: false });
const js = await setupGateway({ executor: 'graphql-js' });
const { prisma } = jit;

const executions = (stats: JitStats) => stats.compiled + stats.reused;

/**
 * The same request to the gateway on graphql-jit and to one on graphql-js: the answers must match.
 * Sent twice to the first: an operation's first run is left to graphql-js, its second compiled.
 */
async function both(query: string, variables: Record<string, unknown> | undefined, credential: Credential) {
  const viaJs = await execute<any, any>(js.gateway, query, variables, credential);
  const firstRun = await execute<any, any>(jit.gateway, query, variables, credential);
  const before = { ...jit.gateway.jit };
  const viaJit = await execute<any, any>(jit.gateway, query, variables, credential);
  const after = { ...jit.gateway.jit };
  // As text: the order of the keys is part of the answer (clients print it).
  const answer = (response: typeof viaJs) => ({ status: response.status, body: JSON.stringify(response.body) });
  expect(answer(viaJit)).toEqual(answer(viaJs));
  expect(answer(firstRun)).toEqual(answer(viaJs));
  return { response: viaJit, executedByJit: executions(after) - executions(before) };
}

async function world() {
  const owner = await createUser(prisma);
  const p1 = await createProject(prisma, owner.id, 'P1');
  const p2 = await createProject(prisma, owner.id, 'P2');
  const d1 = await createDevice(prisma, p1.id, 'd1');
  const d2 = await createDevice(prisma, p1.id, 'd2');
  const d3 = await createDevice(prisma, p2.id, 'd3');
  return { owner, p1, p2, d1, d2, d3 };
}

describe('operations run through graphql-jit', () => {
  it('the same query text is run once by graphql-js, then compiled once and reused', async () => {
    const w = await world();
    // Text no other test sends, so that its first run is the first.
    const query = `query JitOnce($p: ID!) { devices(projectId: $p) { nodes { id name status metadata lastSeenAt createdAt } } }`;
    const stats = jit.gateway.jit;
    const answers = [];
    const steps = [];
    for (let i = 0; i < 3; i += 1) {
      const before = { ...stats };
      answers.push(await execute<any, any>(jit.gateway, query, { p: w.p1.id }, { session: w.owner.session }));
      steps.push({ compiled: stats.compiled - before.compiled, reused: stats.reused - before.reused, interpreted: stats.interpreted - before.interpreted });
    }
    expect(steps).toEqual([
      { compiled: 0, reused: 0, interpreted: 1 },
      { compiled: 1, reused: 0, interpreted: 0 },
      { compiled: 0, reused: 1, interpreted: 0 },
    ]);
    expect(answers[0]!.expectData().devices.nodes.map((d: { name: string }) => d.name)).toEqual(['d1', 'd2']);
    expect(answers[1]!.body).toEqual(answers[0]!.body);
    expect(answers[2]!.body).toEqual(answers[0]!.body);
  });

  it('the gateway on graphql-js compiles nothing', async () => {
    const w = await world();
    await execute<any, any>(js.gateway, `{ viewer { authMethod } }`, {}, { session: w.owner.session });
    expect(js.gateway.jit).toEqual({ compiled: 0, reused: 0, interpreted: 0 });
  });
});

describe('authorization answers exactly as under graphql-js', () => {
  it("a device token reading its device's project: FORBIDDEN at device.project, the device null", async () => {
    const w = await world();
    const token = await createToken(prisma, { createdById: w.owner.id, grants: [grant('DEVICE', 'READ', { projectId: w.p1.id })] });
    const { response, executedByJit } = await both(`query($id: ID!) { device(id: $id) { name project { name } } }`, { id: w.d1.id }, { token: token.secret });
    expect(executedByJit).toBe(1);
    expect(response.body.data).toEqual({ device: null });
    expect(response.body.errors).toHaveLength(1);
    expect(response.expectError('FORBIDDEN')).toMatchObject({ path: ['device', 'project'], extensions: { reason: 'MISSING_GRANT' } });
  });

  it('a project reached through a list of grants is refused at its index', async () => {
    const w = await world();
    const token = await createToken(prisma, { createdById: w.owner.id, grants: [grant('DEVICE', 'READ', { projectId: w.p1.id })] });
    const { response, executedByJit } = await both(`{ viewer { grants { projectId project { name } } } }`, {}, { token: token.secret });
    expect(executedByJit).toBe(1);
    expect(response.expectError('FORBIDDEN').path).toEqual(['viewer', 'grants', 0, 'project']);
  });

  it("a project's devices the token has no grant on: refused below the project, the project null", async () => {
    const w = await world();
    const token = await createToken(prisma, { createdById: w.owner.id, grants: [grant('PROJECT', 'READ', { projectId: w.p1.id })] });
    const { response, executedByJit } = await both(`query($id: ID!) { project(id: $id) { name devices { nodes { id } } } }`, { id: w.p1.id }, { token: token.secret });
    expect(executedByJit).toBe(1);
    expect(response.body.data).toEqual({ project: null });
    expect(response.expectError('FORBIDDEN').path).toEqual(['project', 'devices']);
  });

  it('a grant on one device: that device alone in its project, another device null', async () => {
    const w = await world();
    const token = await createToken(prisma, {
      createdById: w.owner.id,
      grants: [grant('PROJECT', 'READ', { projectId: w.p1.id }), grant('DEVICE', 'READ', { projectId: w.p1.id, deviceId: w.d1.id })],
    });
    const { response } = await both(
      `query($p: ID!, $mine: ID!, $other: ID!) { project(id: $p) { devices { nodes { id name project { name } } } } mine: device(id: $mine) { name } other: device(id: $other) { name } }`,
      { p: w.p1.id, mine: w.d1.id, other: w.d2.id },
      { token: token.secret },
    );
    expect(response.body.data?.project).toEqual({ devices: { nodes: [{ id: w.d1.id, name: 'd1', project: { name: 'P1' } }] } });
    expect(response.body.data?.mine).toEqual({ name: 'd1' });
    expect(response.body.data?.other).toBeNull();
  });

  it('a write allowed at the root and refused below it: rolled back, data null', async () => {
    const w = await world();
    const token = await createToken(prisma, { createdById: w.owner.id, grants: [grant('DEVICE', 'WRITE', { projectId: w.p1.id })] });
    const { response, executedByJit } = await both(`mutation($id: ID!) { updateDevice(id: $id, name: "renamed") { name project { name } } }`, { id: w.d1.id }, { token: token.secret });
    expect(executedByJit).toBe(1);
    expect(response.body.data).toBeNull();
    expect(response.expectError('FORBIDDEN').path).toEqual(['updateDevice', 'project']);
    expect((await prisma.device.findUniqueOrThrow({ where: { id: w.d1.id } })).name).toBe('d1');
  });

  it('a USER token limited to Query.viewer: refused at every project it reaches', async () => {
    const w = await world();
    const token = await createToken(prisma, { kind: 'USER', createdById: w.owner.id, apiMethods: ['Query.viewer'] });
    const { response } = await both(`{ viewer { grants { project { name devices { nodes { id } } } } } }`, {}, { token: token.secret });
    expect((response.body.errors ?? []).length).toBeGreaterThan(0);
  });

  it('explainToken dry-runs through the same executor', async () => {
    const w = await world();
    const token = await createToken(prisma, { createdById: w.owner.id, grants: [grant('DEVICE', 'READ', { projectId: w.p1.id })] });
    const { response } = await both(
      `query($id: ID!, $q: String!, $v: JSON) { explainToken(id: $id, query: $q, variables: $v) { path allowed code reason } }`,
      { id: token.id, q: 'query($d: ID!) { device(id: $d) { name project { name } } }', v: { d: w.d1.id } },
      { session: w.owner.session },
    );
    expect(response.expectData().explainToken).toContainEqual(expect.objectContaining({ path: 'device.project', allowed: false, code: 'FORBIDDEN' }));
  });
});

describe('errors, variables and limits answer exactly as under graphql-js', () => {
  it.each([
    ['an ID given an object', `query($p: ID!) { devices(projectId: $p) { nodes { id } } }`, { p: { a: 1 } }],
    ['a required variable missing', `query($p: ID!) { devices(projectId: $p) { nodes { id } } }`, {}],
    ['an ID that is no UUID', `query($p: ID!) { devices(projectId: $p) { nodes { id } } }`, { p: 123 }],
    ['a DateTime that is not one', `query($s: DateTime) { auditEvents(filter: { since: $s }) { totalCount } }`, { s: 'yesterday' }],
    ['an enum value that does not exist', `query($s: TokenStatus) { myTokens(status: $s) { id } }`, { s: 'NOPE' }],
    ['introspection outside an admin session', `{ __schema { queryType { name } } }`, {}],
    ['a list inside itself', `query($p: ID!) { project(id: $p) { devices { nodes { project { devices { nodes { id } } } } } } }`, {}],
    ['an unknown field', `{ viewer { nope } }`, {}],
    ['two operations and no operation name', `query A { viewer { authMethod } } query B { viewer { authMethod } }`, {}],
    ['a JSON literal holding a variable', `query($id: ID!, $p: ID!) { explainToken(id: $id, query: "query($d: ID!) { devices(projectId: $d) { nodes { id } } }", variables: { d: $p }) { path allowed } }`, { id: '00000000-0000-4000-8000-000000000000' }],
    ['fragments, aliases, __typename and @skip', `query($p: ID!, $s: Boolean!) { a: devices(projectId: $p) { nodes { ...D } } } fragment D on Device { __typename n: name id @skip(if: $s) }`, { s: true }],
  ])('%s', async (_name, query, variables) => {
    const w = await world();
    await both(query, { p: w.p1.id, ...variables }, { session: w.owner.session });
  });

  it('a bad token is refused before execution', async () => {
    const { response } = await both(`{ viewer { authMethod } }`, {}, { token: 'sg_not_a_token' });
    expect(response.status).toBe(401);
  });
});

/** A schema whose checks need the context, with the faults graphql-js turns into errors. */
interface ThingValue {
  id: string;
  at?: unknown;
  kind?: unknown;
  required?: unknown;
}

function faultySchema() {
  const Named = new GraphQLInterfaceType({ name: 'Named', fields: { id: { type: new GraphQLNonNull(GraphQLString) } }, resolveType: () => 'Thing' });
  const Thing: GraphQLObjectType = new GraphQLObjectType<ThingValue, { denied: string[] }>({
    name: 'Thing',
    interfaces: [Named],
    // As scope-auth's type scopes: needs the context; asynchronous for some objects.
    isTypeOf: (value, context) => {
      if (context.denied.includes(value.id)) throw new GraphQLError(`no ${value.id}`, { extensions: { code: 'FORBIDDEN' } });
      return value.id.startsWith('async') ? Promise.resolve(true) : true;
    },
    fields: () => ({
      id: { type: new GraphQLNonNull(GraphQLString) },
      at: { type: Instant, resolve: (thing) => thing.at },
      kind: { type: Kind, resolve: (thing) => thing.kind },
      required: { type: new GraphQLNonNull(GraphQLString), resolve: (thing) => thing.required },
    }),
  });
  const Instant = new GraphQLScalarType({
    name: 'Instant',
    serialize: (value) => {
      if (value instanceof Date) return value.toISOString();
      throw new Error('Instant cannot represent a non-date value');
    },
  });
  const Kind = new GraphQLEnumType({ name: 'Kind', values: { A: {}, B: {} } });
  const things: ThingValue[] = [{ id: 'one', required: 'x' }, { id: 'async-two', required: 'x' }, { id: 'three', required: 'x', at: 'not a date' }, { id: 'four', kind: 'C' }];
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        things: { type: new GraphQLList(Thing), resolve: () => things },
        strictThings: { type: new GraphQLList(new GraphQLNonNull(Thing)), resolve: () => things.slice(0, 2) },
        nested: { type: new GraphQLList(new GraphQLList(Thing)), resolve: () => [things.slice(0, 2), [Promise.resolve(things[0])]] },
        thing: { type: Thing, resolve: async () => things[1] },
        late: { type: new GraphQLList(Thing), resolve: async () => things.slice(0, 2) },
        named: { type: new GraphQLList(Named), resolve: () => things.slice(0, 2) },
      },
    }),
  });
}

describe('graphql-jit executes as graphql-js where it differs by itself', () => {
  const schema = faultySchema();
  const compiler = jitExecution(schema);
  const context = ({ request }: { request: Request }) => ({ denied: (request.headers.get('x-denied') ?? '').split(',') });
  const viaJit = createYoga({ schema, plugins: [compiler.plugin], context, logging: false, maskedErrors: false });
  const viaJs = createYoga({ schema, context, logging: false, maskedErrors: false });
  const answer = async (yoga: typeof viaJs, query: string, denied: string) => {
    const response = await yoga.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'x-denied': denied }, body: JSON.stringify({ query }) });
    return { status: response.status, body: await response.text() };
  };

  it('an operation graphql-jit cannot compile runs through graphql-js, which answers it', async () => {
    const { plugin, stats } = jitExecution(schema);
    // An operation name the document lacks (in the gateway, Yoga refuses it before execution).
    const args = { schema, document: parse('query A { things { id } }'), operationName: 'B', contextValue: { denied: [] } };
    let run: ((args: ExecutionArgs) => unknown) | undefined;
    // The first run, the one that tries to compile, and one after the refusal.
    for (let i = 0; i < 3; i += 1) {
      plugin.onExecute!({ args, executeFn: graphqlExecute, setExecuteFn: (fn: (args: ExecutionArgs) => unknown) => (run = fn) } as never);
      expect(await run!(args)).toEqual(await graphqlExecute(args));
    }
    expect(stats).toEqual({ compiled: 0, reused: 0, interpreted: 3 });
  });

  it.each([
    ['type checks run with the context, per list item', `{ things { id } }`, 'three'],
    ['a refused item of a list of non-null items nulls the list', `{ strictThings { id } }`, 'async-two'],
    ['nested lists, a promise among the items', `{ nested { id } }`, 'one'],
    ['an asynchronous check on a single object, refused', `{ thing { id } }`, 'async-two'],
    ['a list that resolves later', `{ late { id } }`, 'one'],
    ['an interface: the type its resolveType names is checked', `{ named { id ... on Thing { required } } }`, 'async-two'],
    ['a scalar that cannot serialize, an enum value that does not exist, a null in a non-null field', `{ things { id at kind required } }`, ''],
  ])('%s', async (_name, query, denied) => {
    const expected = await answer(viaJs, query, denied);
    // The first run is graphql-js's, the second graphql-jit's.
    expect(await answer(viaJit, query, denied)).toEqual(expected);
    const before = executions(compiler.stats);
    expect(await answer(viaJit, query, denied)).toEqual(expected);
    expect(executions(compiler.stats) - before).toBe(1);
    expect(JSON.parse(expected.body).errors?.length).toBeGreaterThan(0);
  });
});

describe("a type's TYPE_SCOPES_PASS test, before its isTypeOf", () => {
  interface Item {
    id: string;
    group: string;
  }
  interface ItemContext {
    wholeGroups: string[];
    denied: string[];
    checked: string[];
  }
  const items: Item[] = [{ id: 'a1', group: 'a' }, { id: 'b1', group: 'b' }, { id: 'a2', group: 'a' }, { id: 'b2', group: 'b' }];
  const itemSchema = (extensions: Record<string, unknown>, isTypeOfOfItsOwn = false) => {
    const Item = new GraphQLObjectType<Item, ItemContext>({
      name: 'Item',
      extensions: { pothosOptions: { authScopes: () => true, ...(isTypeOfOfItsOwn ? { isTypeOf: () => true } : {}) }, ...extensions },
      // Stands for scope-auth's: records what it was asked about, refuses the denied.
      isTypeOf: (value, context) => {
        context.checked.push(value.id);
        if (context.denied.includes(value.id)) throw new GraphQLError(`no ${value.id}`, { extensions: { code: 'FORBIDDEN' } });
        return true;
      },
      fields: { id: { type: new GraphQLNonNull(GraphQLString) } },
    });
    return new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { items: { type: new GraphQLList(Item), resolve: () => items } } }) });
  };
  // `true` alone passes an object: a truthy answer that is not `true` goes to isTypeOf as well.
  const passes = (value: unknown, context: unknown) => ((context as ItemContext).wholeGroups.includes((value as Item).group) ? true : (1 as unknown as boolean));

  it('passes the objects it answers true for, and leaves every other one to isTypeOf', async () => {
    const schema = itemSchema({ [TYPE_SCOPES_PASS]: passes });
    const { plugin } = jitExecution(schema, { compileOnFirstRun: true });
    const context: ItemContext = { wholeGroups: ['a'], denied: ['b2'], checked: [] };
    const yoga = createYoga({ schema, plugins: [plugin], context: () => context, logging: false, maskedErrors: false });
    const response = await yoga.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ items { id } }' }) });
    const body = await response.json();
    expect(body.data).toEqual({ items: [{ id: 'a1' }, { id: 'b1' }, { id: 'a2' }, null] });
    expect(body.errors.map((e: GraphQLError) => [e.message, e.path])).toEqual([['no b2', ['items', 3]]]);
    expect(context.checked).toEqual(['b1', 'b2']);
  });

  it('is refused at start-up where it could stand for more than authScopes', () => {
    expect(() => schemaForJit(itemSchema({ [TYPE_SCOPES_PASS]: passes, pothosOptions: { grantScopes: () => [], authScopes: () => true } }))).toThrow(/authScopes alone/);
    expect(() => schemaForJit(itemSchema({ [TYPE_SCOPES_PASS]: passes, pothosOptions: {} }))).toThrow(/authScopes alone/);
    expect(() => schemaForJit(itemSchema({ [TYPE_SCOPES_PASS]: passes }, true))).toThrow(/authScopes alone/);
    expect(() => schemaForJit(itemSchema({ [TYPE_SCOPES_PASS]: 'yes' }))).toThrow(/must be a function/);
    expect(() => schemaForJit(itemSchema({ [TYPE_SCOPES_PASS]: passes }))).not.toThrow();
  });
});
