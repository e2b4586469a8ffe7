/**
 * GraphQL around the model: concrete requests, the model's answer to one with GraphQL's null
 * propagation (model.ts holds the permission rules, this file how an answer is shaped), and the
 * normalisation that makes the gateway's answer comparable with it.
 */
import { alive, nestedField, rootField, type Caller, type Grant, type Out, type Refusal, type RootArgs, type World } from './model.js';

/** A selection set: field name to sub-selection (`true` for a leaf). Scalars never have one. */
export type Sel = { [field: string]: Sel | true };

export interface RootCall {
  alias: string;
  field: string;
  args: RootArgs;
  /** Literal GraphQL arguments instead of `args` (token-management fields). */
  rawArgs?: string;
  sel: Sel | null;
}
export interface Request {
  kind: 'Query' | 'Mutation';
  calls: RootCall[];
}

/** Field types, as in schema.graphql; `Present` stands for any value the model does not look into. */
const FIELDS: Record<string, Record<string, string>> = {
  Query: {
    viewer: 'Viewer!', projects: '[Project!]!', project: 'Project', devices: '[Device!]!', device: 'Device',
    tokenPolicy: 'Present!', apiMethodSets: 'Present!', apiMethods: 'Present!', myTokens: 'Present!', token: 'Present',
    adminTokens: 'Present!', users: 'Present!', auditEvents: 'Present!', explainToken: 'Present!',
  },
  Mutation: {
    createProject: 'Project!', updateProject: 'Project!', deleteProject: 'Boolean!', addProjectMember: 'ProjectMember!',
    removeProjectMember: 'Boolean!', createDevice: 'Device!', updateDevice: 'Device!', deleteDevice: 'Boolean!',
    login: 'Present!', logout: 'Present!', createUser: 'Present!', deleteUser: 'Present!', createToken: 'Present!',
    updateToken: 'Present!', regenerateToken: 'Present!', copyToken: 'Present!', revokeToken: 'Present!',
    applySuggestedGrants: 'Present!', setTokenPolicy: 'Present!', markNotificationsRead: 'Present!', changePassword: 'Present!',
    resetPassword: 'Present!',
  },
  Project: { id: 'ID!', name: 'String!', devices: '[Device!]!', members: '[ProjectMember!]!' },
  Device: { id: 'ID!', name: 'String!', status: 'String!', project: 'Project!' },
  ProjectMember: { role: 'String!', user: 'User!' },
  User: { id: 'ID!', email: 'String!' },
  ScopeGrant: { entity: 'String!', action: 'String!', projectId: 'ID', deviceId: 'ID', project: 'Project', device: 'Device' },
  AccessToken: {
    id: 'ID!', project: 'Project', events: 'Present!', usage: '[Present!]!', suggestedGrants: 'Present!', createdBy: 'Present',
    revokedBy: 'Present',
  },
  Viewer: { authMethod: 'String!', token: 'AccessToken', grants: '[ScopeGrant!]!', notifications: 'Present!' },
};

/**
 * Lists that are connections in the schema. The model treats each as its list of nodes: a request
 * asks for `nodes`, an answer is read from it. Root `projects` asks for the newest 100: an admin's
 * list holds every project of the (model's own) database, and this world's are the newest. The 100
 * is a variable's default, which the cost limit counts once, as it does a default page size.
 */
const CONNECTIONS: Record<string, string> = { 'Query.projects': '(last: $newest)', 'Query.devices': '', 'Project.devices': '', 'Project.members': '' };

export function render(req: Request): string {
  const fields = (type: string, s: Sel): string =>
    Object.entries(s)
      .map(([f, sub]) => {
        const inner = (FIELDS[type]?.[f] ?? '').replace(/[[\]!]/g, '');
        const page = CONNECTIONS[`${type}.${f}`];
        return page === undefined ? f + sel(inner, sub) : `${f}${page} { nodes${sel(inner, sub)} }`;
      })
      .join(' ');
  const sel = (type: string, s: Sel | true | null): string => (s === true || s === null ? '' : ` { ${fields(type, s)} }`);
  const args = (c: RootCall) => {
    if (c.rawArgs !== undefined) return c.rawArgs;
    const parts = Object.entries(c.args)
      .filter(([k, v]) => v !== undefined && k !== 'newId')
      .map(([k, v]) => `${k}: ${k === 'status' || k === 'role' ? v : JSON.stringify(v)}`);
    return parts.length ? `(${parts.join(', ')})` : '';
  };
  const body = req.calls
    .map((c) => {
      const inner = FIELDS[req.kind]![c.field]!.replace(/[[\]!]/g, '');
      const page = CONNECTIONS[`${req.kind}.${c.field}`];
      const open = `${c.alias === c.field ? '' : `${c.alias}: `}${c.field}`;
      if (page === undefined) return `${open}${args(c)}${sel(inner, c.sel)}`;
      const withPage = page && args(c) ? `${args(c).slice(0, -1)}, ${page.slice(1)}` : args(c) || page;
      return `${open}${withPage} { nodes${sel(inner, c.sel)} }`;
    })
    .join(' ');
  const newest = req.calls.some((c) => req.kind === 'Query' && c.field === 'projects') ? 'query($newest: Int = 100) ' : '';
  return `${req.kind === 'Mutation' ? 'mutation ' : newest}{ ${body} }`;
}

export interface AnswerError {
  /** Response-key path without list indices; '' when the error has none (a refused request). */
  path: string;
  /** 'CODE' or 'FORBIDDEN/REASON'; in an expected error, alternatives joined by '|'. */
  key: Refusal;
}
export interface Answer {
  data: unknown;
  errors: AnswerError[];
}

const BUBBLE = Symbol('null propagates to the parent');
const SCALARS = ['ID!', 'ID', 'String!'];

/** Scalar fields, which no rule guards: read from the world. */
function scalar(w: World, caller: Caller, type: string, parent: any, field: string): unknown {
  switch (`${type}.${field}`) {
    case 'Project.name': return w.projects[parent]!.name;
    case 'Device.name': return w.devices[parent]!.name;
    case 'Device.status': return w.devices[parent]!.status;
    case 'ProjectMember.role': return w.projects[parent.projectId]!.members[parent.userId];
    case 'User.email': return w.users[parent]!.email;
    case 'Viewer.authMethod': return { anonymous: 'ANONYMOUS', session: 'SESSION', token: 'ACCESS_TOKEN', jwt: 'EXCHANGED_JWT' }[caller.kind];
  }
  return type === 'ScopeGrant' ? parent[field] : parent; // a grant's own fields; every other scalar is an id
}

/** What the model says the gateway answers, and the world after it. `grants`: viewer.grants as the gateway listed them. */
export function simulate(world: World, caller: Caller, req: Request, grants?: Grant[]): { answer: Answer; world: World } {
  if (!alive(world, caller)) return { answer: { data: null, errors: [{ path: '', key: 'UNAUTHENTICATED' }] }, world };
  const w = structuredClone(world);
  const errors: AnswerError[] = [];

  function complete(type: string, out: Out, sel: Sel | true | null, path: string[]): unknown {
    const nonNull = type.endsWith('!');
    const inner = nonNull ? type.slice(0, -1) : type;
    if ('error' in out) {
      errors.push({ path: path.join('.'), key: out.error });
      return nonNull ? BUBBLE : null;
    }
    if (out.value === null || out.value === undefined) return nonNull ? BUBBLE : null;
    if (inner.startsWith('[')) {
      const items = (out.value as unknown[]).map((value) => complete(inner.slice(1, -1), { value }, sel, path));
      return items.includes(BUBBLE) ? (nonNull ? BUBBLE : null) : items;
    }
    if (!FIELDS[inner] || sel === true || sel === null) return out.value;
    const object: Record<string, unknown> = {};
    let bubbled = false;
    for (const [field, sub] of Object.entries(sel)) {
      const fieldType = FIELDS[inner]![field]!;
      const fieldOut = inner === 'Viewer' && field === 'grants' && grants ? { value: grants }
        : SCALARS.includes(fieldType) ? { value: scalar(w, caller, inner, out.value, field) }
        : nestedField(w, caller, inner, out.value, field);
      const value = complete(fieldType, fieldOut, sub, [...path, field]);
      if (value === BUBBLE) bubbled = true;
      else object[field] = value;
    }
    return bubbled ? (nonNull ? BUBBLE : null) : object;
  }

  let data: Record<string, unknown> | null = {};
  for (const call of req.calls) {
    const value = complete(FIELDS[req.kind]![call.field]!, rootField(w, caller, req.kind, call.field, call.args), call.sel, [call.alias]);
    if (value === BUBBLE) data = null;
    else if (data) data[call.alias] = value;
    // Mutation fields run one after another; one that fails ends the operation.
    if (req.kind === 'Mutation' && errors.length > 0) break;
  }
  // A mutation operation is all-or-nothing.
  if (req.kind === 'Mutation' && errors.length > 0) return { answer: { data: null, errors }, world };
  return { answer: { data: normalize(data), errors }, world: w };
}

/** Lists sorted (their order is not part of the rules), Present values collapsed. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
  return value;
}

/**
 * The gateway's answer in the model's terms. `keepProject` filters root `projects` lists for
 * callers that see every project (admins), whose answer includes other tests' projects.
 */
export function fromResponse(req: Request, body: any, keepProject: (id: string) => boolean): Answer {
  const shape = (type: string, value: unknown, sel: Sel | true | null): unknown => {
    if (value === null || value === undefined) return null;
    const inner = type.replace(/!$/, '');
    if (inner.startsWith('[') && !Array.isArray(value)) return shape(type, (value as { nodes?: unknown }).nodes, sel);
    if (inner.startsWith('[')) return (value as unknown[]).map((v) => shape(inner.slice(1, -1), v, sel));
    if (inner === 'Present') return 'present';
    if (!FIELDS[inner] || sel === true || sel === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(sel).map(([f, sub]) => [f, shape(FIELDS[inner]![f]!, (value as any)[f], sub)]));
  };
  let data: Record<string, unknown> | null = null;
  if (body.data) {
    data = {};
    for (const call of req.calls) {
      let value = shape(FIELDS[req.kind]![call.field]!, body.data[call.alias], call.sel);
      if (call.field === 'projects' && Array.isArray(value)) value = value.filter((p: any) => keepProject(p.id));
      data[call.alias] = value;
    }
  }
  const errors = ((body.errors ?? []) as any[]).map((e) => {
    const code = String(e.extensions?.code ?? 'NO_CODE');
    return {
      // A connection's `nodes` is the model's list itself.
      path: ((e.path ?? []) as unknown[]).filter((p) => typeof p === 'string' && p !== 'nodes').join('.'),
      key: code === 'FORBIDDEN' ? `FORBIDDEN/${e.extensions?.reason ?? 'NO_REASON'}` : code,
    };
  });
  return { data: normalize(data), errors };
}

export interface Difference {
  why: string;
  /** Where, and what each side says there, to group mismatches of one kind. */
  path: string;
  expected: string;
  actual: string;
}

/** Why an actual answer differs from the expected one, or null when it does not. */
export function difference(expected: Answer, actual: Answer): Difference | null {
  const at = (a: Answer, path: string) => a.errors.filter((e) => e.path === path || e.path === '').map((e) => e.key).join(',') || 'no error';
  if (JSON.stringify(expected.data) !== JSON.stringify(actual.data)) {
    const path = [...expected.errors, ...actual.errors][0]?.path ?? '';
    return { why: 'data differs', path, expected: at(expected, path), actual: at(actual, path) };
  }
  if (expected.errors.length > 0 && actual.errors.length === 0) {
    const { path, key } = expected.errors[0]!;
    return { why: 'expected errors, got none', path, expected: key, actual: 'no error' };
  }
  // graphql-js may stop before siblings of a failed non-null field, so any subset of the expected errors is right.
  for (const a of actual.errors) {
    const matched = expected.errors.some(
      (e) => e.key.split('|').includes(a.key) && (a.path === '' || e.path === a.path || a.key === 'UNAUTHENTICATED'),
    );
    if (!matched) return { why: `unexpected error ${a.key} at '${a.path}'`, path: a.path, expected: at(expected, a.path), actual: a.key };
  }
  return null;
}
