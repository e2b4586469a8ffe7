/**
 * Runs one case: writes a random world's rows (directly, as factories do), then sends each
 * operation through the gateway over HTTP (in process) and compares the answer, and the world's
 * rows in PostgreSQL afterwards, with the model.
 */
import { randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import { execute, type Credential } from '../helpers/execute.js';
import { createSession, createToken } from '../helpers/factories.js';
import type { TestGateway } from '../helpers/gateway.js';
import { type EntrySpec, type ExchangeOp, type GrantSpec, type Op, type Target, type WorldSpec } from './arbitraries.js';
import { grantHeld, narrow, PRESETS, type Caller, type Grant, type Role, type Token, type World } from './model.js';
import { difference, fromResponse, render, simulate, type Request, type RootCall, type Sel } from './operations.js';
import { exchangeForm } from '../helpers/token-endpoint.js';

export const MODEL_PASSWORD = 'model test password';
// Every world user has this password, hashed cheaply: verification reads the cost from the hash.
let cheapHash: Promise<string> | undefined;

interface Party {
  caller: Caller;
  credential: Credential;
}
interface Run {
  t: TestGateway;
  world: World;
  parties: Party[];
  secrets: Record<string, string>;
  /** Every id the world ever had, in order (deleted ones included: they are the best missing ids). */
  ids: { users: string[]; projects: string[]; devices: string[]; tokens: string[] };
  deviceProject: Record<string, string>;
  labels: Map<string, string>;
  log: string[];
  /** What each operation came to, e.g. 'updateDevice by jwt: FORBIDDEN/MISSING_GRANT' (survey statistics). */
  outcome: string;
}

export class Mismatch extends Error {
  /** What kind of disagreement this is, for grouping many of them (survey mode). */
  signature = '';
}

function label(run: Run, id: string, prefix: string) {
  if (!run.labels.has(id)) run.labels.set(id, `${prefix}${[...run.labels.values()].filter((l) => l[0] === prefix).length}`);
}

function grantOf(spec: GrantSpec, home: string, projects: string[], devices: string[], deviceProject: Record<string, string>): Grant {
  const project = spec.project === null ? null : spec.project === 'home' ? home : projects[spec.project % projects.length]!;
  if (spec.entity === 'PROJECT' || spec.device === null || devices.length === 0) {
    return { entity: spec.entity, action: spec.action, projectId: project, deviceId: null };
  }
  const deviceId = devices[spec.device % devices.length]!;
  const projectId = spec.pairing === 'own' ? deviceProject[deviceId]! : spec.pairing === 'star' ? null : project;
  return { entity: 'DEVICE', action: spec.action, projectId, deviceId };
}

/**
 * A project of no world, with a device and no members. Admins see every project in the database,
 * other worlds' and other tests' too; the model stands them all for this one. Their rows are left
 * out of the comparison, but a refused nested field on one of them refuses the whole list.
 */
let foreign: Promise<string> | undefined;
export const FOREIGN = 'foreign project';

async function materialize(t: TestGateway, spec: WorldSpec): Promise<Run> {
  cheapHash ??= argon2.hash(MODEL_PASSWORD, { type: argon2.argon2id, timeCost: 2, memoryCost: 1024, parallelism: 1 });
  foreign ??= t.prisma.project.create({ data: { name: 'foreign', devices: { create: { name: 'foreign' } } } }).then((p) => p.id);
  const passwordHash = await cheapHash;
  const run: Run = {
    t, world: { users: {}, projects: {}, devices: {}, tokens: {} }, parties: [], secrets: {},
    ids: { users: [], projects: [], devices: [], tokens: [] }, deviceProject: {}, labels: new Map(), log: [], outcome: '',
  };
  const { world, ids } = run;
  const foreignId = await foreign;
  world.projects[foreignId] = { id: foreignId, name: 'foreign', members: {} };
  run.labels.set(foreignId, FOREIGN);
  for (const u of spec.users) {
    const id = randomUUID();
    world.users[id] = { id, email: `model-${id}@example.test`, admin: u.admin };
    ids.users.push(id);
    label(run, id, 'U');
  }
  spec.projects.forEach((p, i) => {
    const id = randomUUID();
    const members: Record<string, Role> = {};
    p.roles.forEach((role, u) => role && u < ids.users.length && (members[ids.users[u]!] = role));
    world.projects[id] = { id, name: `project-${i}`, members };
    ids.projects.push(id);
    label(run, id, 'P');
    for (let j = 0; j < p.devices; j++) {
      const deviceId = randomUUID();
      world.devices[deviceId] = { id: deviceId, projectId: id, name: `device-${i}-${j}`, status: 'UNKNOWN' };
      ids.devices.push(deviceId);
      run.deviceProject[deviceId] = id;
      label(run, deviceId, 'D');
    }
  });
  const { prisma } = t;
  await prisma.user.createMany({ data: Object.values(world.users).map((u) => ({ id: u.id, email: u.email, name: 'Model', role: u.admin ? 'ADMIN' : 'MEMBER', passwordHash })) });
  const own = ids.projects.map((id) => world.projects[id]!);
  await prisma.project.createMany({ data: own.map((p) => ({ id: p.id, name: p.name })) });
  await prisma.projectMember.createMany({ data: own.flatMap((p) => Object.entries(p.members).map(([userId, role]) => ({ projectId: p.id, userId, role }))) });
  await prisma.device.createMany({ data: Object.values(world.devices).map((d) => ({ id: d.id, projectId: d.projectId, name: d.name })) });

  run.parties.push({ caller: { kind: 'anonymous' }, credential: undefined });
  const sessions = await Promise.all(ids.users.map((id) => createSession(prisma, id)));
  ids.users.forEach((userId, i) => run.parties.push({ caller: { kind: 'session', userId }, credential: { session: sessions[i]! } }));

  for (const ts of spec.tokens) {
    const userId = ids.users[ts.owner % ids.users.length]!;
    const projectId = ids.projects[ts.owner % ids.projects.length]!;
    const home = ts.kind === 'PROJECT' ? projectId : ids.projects[0]!;
    const grants = ts.kind === 'USER' ? [] : ts.grants.map((g) => grantOf(g, home, ids.projects, ids.devices, run.deviceProject));
    const methods = ts.methods === null ? 'ALL' : 'preset' in ts.methods ? PRESETS[ts.methods.preset]! : ts.methods.custom;
    const { id, secret } = await createToken(prisma, {
      kind: ts.kind,
      createdById: userId,
      ownerId: ts.kind === 'PROJECT' ? null : userId,
      projectId: ts.kind === 'PROJECT' ? projectId : null,
      grants,
      apiMethodSet: ts.methods && 'preset' in ts.methods ? ts.methods.preset : null,
      apiMethods: ts.methods && 'custom' in ts.methods ? ts.methods.custom : [],
    });
    const token: Token = { id, kind: ts.kind, userId: ts.kind === 'PROJECT' ? null : userId, projectId: ts.kind === 'PROJECT' ? projectId : null, grants, methods, revoked: false, version: 0 };
    world.tokens[id] = token;
    ids.tokens.push(id);
    run.secrets[id] = secret;
    label(run, id, 'T');
    run.parties.push({ caller: { kind: 'token', tokenId: id }, credential: { token: secret } });
  }
  return run;
}

const pick = (list: string[], target: Target) =>
  target === 'malformed' ? 'not-a-uuid' : target === 'missing' || list.length === 0 ? randomUUID() : list[target.pick % list.length]!;

function entryOf(run: Run, token: Token, e: EntrySpec): Grant {
  const { projects, devices } = run.ids;
  if ('any' in e) return grantOf(e.any, token.projectId ?? projects[0]!, projects, devices, run.deviceProject);
  const base: Grant = token.grants[e.from % Math.max(1, token.grants.length)] ?? { entity: e.from % 2 ? 'PROJECT' : 'DEVICE', action: 'WRITE', projectId: null, deviceId: null };
  const g = { ...base, action: e.read ? 'READ' : base.action } as Grant;
  if (e.pinProject !== null && g.projectId === null) g.projectId = projects[e.pinProject % projects.length]!;
  if (e.pinDevice !== null && g.entity === 'DEVICE' && g.deviceId === null && devices.length) g.deviceId = devices[e.pinDevice % devices.length]!;
  return g;
}

const scopeEntry = (g: Grant) =>
  [g.entity.toLowerCase(), g.action.toLowerCase(), ...(g.projectId || g.deviceId ? [g.projectId ?? '*'] : []), ...(g.deviceId ? [g.deviceId] : [])].join(':');

async function exchange(run: Run, op: ExchangeOp): Promise<void> {
  const tokenId = run.ids.tokens[op.token % run.ids.tokens.length]!;
  const token = run.world.tokens[tokenId]!;
  const secret = run.secrets[tokenId]!;
  const entries = op.scope?.map((e) => entryOf(run, token, e)) ?? null;
  const url = 'http://scopegate.test/auth/token';
  let actual: { jwt: string } | { error: string };
  let expected: { grants: Grant[] | null } | { error: string };
  let what: string;
  if (entries === null) {
    what = `GET /auth/token with ${tokenId}`;
    const response = await run.t.gateway.fetch(url, { headers: { authorization: `Bearer ${secret}` } });
    const body = (await response.json()) as any;
    actual = response.status === 200 ? { jwt: body.token } : { error: String(body.errors?.[0]?.extensions?.code ?? response.status) };
    expected = token.revoked ? { error: 'UNAUTHENTICATED' } : { grants: null };
  } else {
    const scope = entries.map(scopeEntry).join(' ');
    what = `POST /auth/token narrowing ${tokenId} to scope="${scope}"`;
    const response = await exchangeForm(run.t.gateway, secret, scope);
    actual = response.status === 200 ? { jwt: response.body.access_token } : { error: String(response.body.error ?? response.status) };
    expected = narrow(run.world, tokenId, entries);
  }
  const agree = 'jwt' in actual ? 'grants' in expected : 'error' in expected && expected.error.split('|').includes(actual.error);
  if (!agree) {
    const got = 'jwt' in actual ? 'a JWT' : actual.error;
    throw mismatch(run, what, expected, got, 'outcome differs', `${entries ? 'POST' : 'GET'} /auth/token: ${'error' in expected ? expected.error : 'a JWT'} vs ${got}`);
  }
  run.log.push(`${what}: ${'jwt' in actual ? 'JWT' : actual.error}`);
  run.outcome = `${entries ? 'POST' : 'GET'} /auth/token: ${'jwt' in actual ? 'JWT' : actual.error}`;
  if ('jwt' in actual && 'grants' in expected) {
    run.parties.push({ caller: { kind: 'jwt', tokenId, narrowed: expected.grants, version: token.version }, credential: { token: actual.jwt } });
  }
}

function manageCall(run: Run, field: string, target: number): { kind: 'Query' | 'Mutation'; call: RootCall } {
  const tokenId = run.ids.tokens.length ? run.ids.tokens[target % run.ids.tokens.length]! : randomUUID();
  const userId = run.ids.users[target % run.ids.users.length]!;
  const pw = JSON.stringify(MODEL_PASSWORD);
  const table: Record<string, [string, Sel | null]> = {
    myTokens: ['(first: 1)', { nodes: { id: true } }],
    token: [`(id: "${tokenId}")`, { id: true }],
    adminTokens: ['(first: 1)', { totalCount: true }],
    users: ['(first: 1)', { nodes: { id: true } }],
    auditEvents: ['(first: 1)', { totalCount: true }],
    explainToken: [`(id: "${tokenId}", query: "{ viewer { authMethod } }")`, { path: true }],
    login: [`(email: "${run.world.users[userId]!.email}", password: ${pw})`, { sessionToken: true }],
    logout: ['', null],
    createUser: [`(email: "model-new-${randomUUID()}@example.test", password: "a long enough password")`, { id: true }],
    deleteUser: [`(id: "${userId}")`, null],
    createToken: [`(input: { kind: USER, name: "model" }, password: ${pw})`, { secret: true }],
    updateToken: [`(id: "${tokenId}", input: { name: "model" }, password: ${pw})`, { id: true }],
    regenerateToken: [`(id: "${tokenId}", password: ${pw})`, { secret: true }],
    copyToken: [`(id: "${tokenId}", name: "model copy", password: ${pw})`, { secret: true }],
    revokeToken: [`(id: "${tokenId}")`, { id: true }],
    applySuggestedGrants: [`(id: "${tokenId}", password: ${pw})`, { id: true }],
    setTokenPolicy: ['(input: { customTokensAdminOnly: false })', { requireExpiry: true }],
    markNotificationsRead: ['', null],
    changePassword: [`(currentPassword: ${pw}, newPassword: "another model test password")`, null],
    resetPassword: [`(userId: "${userId}")`, { temporaryPassword: true }],
  };
  const [rawArgs, sel] = table[field]!;
  const isQuery = ['myTokens', 'token', 'adminTokens', 'users', 'auditEvents', 'explainToken'].includes(field);
  return { kind: isQuery ? 'Query' : 'Mutation', call: { alias: field, field, args: {}, rawArgs, sel } };
}

/** The abstract operation as a request, and who sends it. */
function request(run: Run, op: Exclude<Op, ExchangeOp>): { party: Party; req: Request } | null {
  const { ids } = run;
  if (op.op === 'manage') {
    // Sessions may manage tokens; the rules under test are for everyone else.
    const candidates = run.parties.filter((p) => p.caller.kind !== 'session' && !(op.field === 'login' && p.caller.kind === 'anonymous'));
    if (candidates.length === 0) return null;
    const { kind, call } = manageCall(run, op.field, op.target);
    return { party: candidates[op.caller % candidates.length]!, req: { kind, calls: [call] } };
  }
  const party = run.parties[op.caller % run.parties.length]!;
  if (op.op === 'query') {
    let sel = op.sel;
    // What viewer.notifications answers anonymous callers is not part of the rules.
    if (op.field === 'viewer' && party.caller.kind === 'anonymous' && sel?.notifications) {
      const { notifications: _, ...rest } = sel;
      sel = rest;
    }
    const args =
      op.field === 'project' ? { id: pick(ids.projects, op.target) }
      : op.field === 'devices' ? { projectId: pick(ids.projects, op.target) }
      : op.field === 'device' ? { id: pick(ids.devices, op.target) }
      : {};
    return { party, req: { kind: 'Query', calls: [{ alias: op.field, field: op.field, args, sel }] } };
  }
  const calls = op.calls.map((m, i): RootCall => {
    const project = pick(ids.projects, m.target);
    const device = pick(ids.devices, m.target);
    const user = pick(ids.users, m.user);
    const args = {
      createProject: { name: m.name, newId: '' },
      updateProject: { id: project, name: m.name },
      deleteProject: { id: project },
      addProjectMember: { projectId: project, userId: user, role: m.role },
      removeProjectMember: { projectId: project, userId: user },
      createDevice: { projectId: project, name: m.name, newId: '' },
      updateDevice: m.status === null ? { id: device, name: m.name } : { id: device, status: m.status, ...(m.name === 'lab' ? { name: m.name } : {}) },
      deleteDevice: { id: device },
    }[m.field];
    return { alias: op.calls.length === 1 ? m.field : 'ab'[i]!, field: m.field, args, sel: m.sel };
  });
  return { party, req: { kind: 'Mutation', calls } };
}

async function step(run: Run, op: Op): Promise<void> {
  if (op.op === 'exchange') return run.ids.tokens.length ? exchange(run, op) : undefined;
  const made = request(run, op);
  if (!made) return;
  const { party, req } = made;
  const document = render(req);
  const response = await execute(run.t.gateway, document, undefined, party.credential);
  const body = response.body as any;
  for (const call of req.calls) if ('newId' in call.args) call.args.newId = body.data?.[call.alias]?.id ?? randomUUID();
  const caller = party.caller;
  // viewer.grants: the model checks that every grant listed is held, then follows the gateway's list.
  let listed: Grant[] | undefined;
  const rawGrants = body.data?.viewer?.grants;
  if (Array.isArray(rawGrants)) {
    listed = rawGrants.map((g: any) => ({ entity: g.entity, action: g.action, projectId: g.projectId ?? null, deviceId: g.deviceId ?? null }));
    const unheld = listed.find((g) => !grantHeld(run.world, caller, g));
    if (unheld) {
      throw mismatch(run, `${document} by ${describeCaller(caller)}`, 'only grants the caller holds', { listed: unheld, body }, 'viewer.grants', `viewer.grants lists an unheld grant (${caller.kind})`);
    }
  }
  const { answer: expected, world } = simulate(run.world, caller, req, listed);
  // Admins' project lists hold every project in the database: compare this world's.
  const ownProject = (id: string) => !ownerAdmin(run.world, caller) || run.ids.projects.includes(id);
  const actual = fromResponse(req, body, ownProject);
  const projects = (expected.data as { projects?: { id: string }[] } | null)?.projects;
  if (projects) (expected.data as { projects: unknown[] }).projects = projects.filter((p) => ownProject(p.id));
  const why = difference(expected, actual);
  if (why) {
    const fields = req.calls.map((c) => c.field).join('+');
    const place = why.path.replace(/^[ab](?=\.|$)/, '…');
    throw mismatch(run, `${document} by ${describeCaller(caller)}`, expected, actual, why.why, `${fields} by ${caller.kind} at '${place}': model ${why.expected}, gateway ${why.actual}`);
  }
  run.log.push(`${document} by ${describeCaller(caller)}: ${actual.errors.length ? actual.errors.map((e) => e.key).join(', ') : 'ok'}`);
  run.outcome = `${req.calls.map((c) => c.field).join('+')} by ${caller.kind}: ${actual.errors[0]?.key ?? 'ok'}`;
  run.world = world;
  for (const id of Object.keys(world.projects)) if (!run.labels.has(id)) (run.ids.projects.push(id), label(run, id, 'P'));
  for (const d of Object.values(world.devices)) {
    if (!run.ids.devices.includes(d.id)) (run.ids.devices.push(d.id), (run.deviceProject[d.id] = d.projectId), label(run, d.id, 'D'));
  }
}

function ownerAdmin(w: World, c: Caller): boolean {
  if (c.kind === 'session') return w.users[c.userId]!.admin;
  if (c.kind === 'anonymous') return false;
  const userId = w.tokens[c.tokenId]!.userId;
  return userId !== null && w.users[userId]!.admin;
}

/** The world's rows in PostgreSQL, in the model's terms. */
async function compareDatabase(run: Run, what: string): Promise<void> {
  const { prisma } = run.t;
  const [projects, tokens, users] = await Promise.all([
    prisma.project.findMany({
      where: { OR: [{ id: { in: run.ids.projects } }, { members: { some: { userId: { in: run.ids.users } } } }] },
      select: { id: true, name: true, members: { select: { userId: true, role: true } }, devices: { select: { id: true, name: true, status: true } } },
    }),
    prisma.accessToken.findMany({
      where: { id: { in: run.ids.tokens } },
      select: { id: true, revokedAt: true, grants: { select: { entity: true, action: true, projectId: true, deviceId: true } } },
    }),
    prisma.user.count({ where: { id: { in: run.ids.users }, deletedAt: null } }),
  ]);
  const grantKey = (g: Grant) => `${g.entity}:${g.action}:${g.projectId ?? '*'}:${g.deviceId ?? '*'}`;
  const actual = {
    projects: projects
      .map((p) => ({
        id: p.id,
        name: p.name,
        members: p.members.map((m) => `${m.userId}:${m.role}`).sort(),
        devices: p.devices.map((d) => `${d.id}:${d.name}:${d.status}`).sort(),
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    tokens: tokens.map((t) => ({ id: t.id, revoked: t.revokedAt !== null, grants: t.grants.map(grantKey).sort() })).sort((a, b) => a.id.localeCompare(b.id)),
    users,
  };
  const w = run.world;
  const expected = {
    projects: Object.values(w.projects)
      .filter((p) => run.labels.get(p.id) !== FOREIGN)
      .map((p) => ({
        id: p.id,
        name: p.name,
        members: Object.entries(p.members).map(([u, r]) => `${u}:${r}`).sort(),
        devices: Object.values(w.devices).filter((d) => d.projectId === p.id).map((d) => `${d.id}:${d.name}:${d.status}`).sort(),
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    tokens: Object.values(w.tokens).map((t) => ({ id: t.id, revoked: t.revoked, grants: t.grants.map(grantKey).sort() })).sort((a, b) => a.id.localeCompare(b.id)),
    users: run.ids.users.length,
  };
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw mismatch(run, `database after ${what}`, expected, actual, 'database state differs', `database differs after ${what.replace(/"[^"]*"/g, '"…"')}`);
  }
}

export interface Tally {
  /** Operations that agreed with the model, by what they came to. */
  outcomes: Map<string, number>;
}

/** Runs one world, counting into `tally` what each operation that agreed with the model came to. */
export async function runCase(t: TestGateway, spec: WorldSpec, ops: readonly (Op | null)[], tally?: Tally): Promise<void> {
  const run = await materialize(t, spec);
  for (const op of [...spec.exchanges, ...ops]) {
    if (!op) continue;
    run.outcome = '';
    await step(run, op);
    await compareDatabase(run, run.log.at(-1) ?? '');
    if (tally && run.outcome) tally.outcomes.set(run.outcome, (tally.outcomes.get(run.outcome) ?? 0) + 1);
  }
}

function describeCaller(c: Caller): string {
  if (c.kind === 'anonymous') return 'anonymous';
  if (c.kind === 'session') return `session of ${c.userId}`;
  if (c.kind === 'token') return `token ${c.tokenId}`;
  return `JWT of ${c.tokenId}${c.narrowed ? ` narrowed to [${c.narrowed.map(scopeEntry).join(' ')}]` : ''}`;
}

function describeWorld(w: World): string {
  const grant = (g: Grant) => `${g.entity} ${g.action} ${g.projectId ?? '*'}${g.deviceId ? `/${g.deviceId}` : ''}`;
  return [
    `users: ${Object.values(w.users).map((u) => `${u.id} ${u.admin ? 'ADMIN' : 'MEMBER'}`).join(', ')}`,
    ...Object.values(w.projects).filter((p) => p.name !== 'foreign').map(
      (p) =>
        `${p.id} "${p.name}": members {${Object.entries(p.members).map(([u, r]) => `${u} ${r}`).join(', ')}}; devices {${Object.values(w.devices)
          .filter((d) => d.projectId === p.id)
          .map((d) => `${d.id} "${d.name}" ${d.status}`)
          .join(', ')}}`,
    ),
    ...Object.values(w.tokens).map(
      (t) =>
        `${t.id} ${t.kind} of ${t.userId ?? t.projectId}${t.revoked ? ' REVOKED' : ''}: grants [${t.kind === 'USER' ? 'all' : t.grants.map(grant).join(', ')}], methods ${t.methods === 'ALL' ? 'all' : t.methods.join(' ')}`,
    ),
  ].join('\n  ');
}

function mismatch(run: Run, what: string, expected: unknown, actual: unknown, why: string, signature: string): Mismatch {
  const text = [
    `MODEL MISMATCH (${why}) at: ${what}`,
    `expected (model): ${JSON.stringify(expected)}`,
    `actual (gateway): ${JSON.stringify(actual)}`,
    `world before it:\n  ${describeWorld(run.world)}`,
    `callers: ${run.parties.map((p, i) => `#${i} ${describeCaller(p.caller)}`).join('; ')}`,
    `operations before it:\n  ${run.log.join('\n  ') || '(none)'}`,
  ].join('\n');
  // Ids read as U0, P1, D2, T3: the same names as in describeWorld.
  const named = (s: string) => s.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => run.labels.get(id) ?? 'X(unknown id)');
  const error = new Mismatch(named(text));
  error.signature = named(signature).replace(/\b[UPDT]\d+\b/g, '#');
  return error;
}
