/**
 * The reference model of scopegate's permission rules (issue 16), written from the rules and not
 * from src/: pure functions over a plain World. The differential test runs random operations
 * against the real gateway and against this model, and compares answers and database state.
 *
 *   ALLOWED(caller, entity, action, p, d) = some grant covers the target
 *                                         AND the owner holds (entity, action) in p now.
 *
 * A refusal is written 'CODE' or 'FORBIDDEN/REASON'; 'A|B' means either answer is right.
 */
export type Entity = 'PROJECT' | 'DEVICE';
export type Action = 'READ' | 'WRITE';
export type Role = 'VIEWER' | 'EDITOR' | 'OWNER';
export type Status = 'ONLINE' | 'OFFLINE' | 'UNKNOWN';
export type Refusal = string;

export interface Grant { entity: Entity; action: Action; projectId: string | null; deviceId: string | null }
export interface User { id: string; email: string; admin: boolean }
export interface Project { id: string; name: string; members: Record<string, Role> }
export interface Device { id: string; projectId: string; name: string; status: Status }
export interface Token {
  id: string;
  kind: 'USER' | 'CUSTOM' | 'PROJECT';
  userId: string | null; // the owner of a USER or CUSTOM token
  projectId: string | null; // the owner of a PROJECT token
  grants: Grant[]; // unused for USER tokens, which hold every grant
  methods: string[] | 'ALL';
  revoked: boolean;
  /** Bumped when its grants change (a grant's project or device is deleted): its JWTs die. */
  version: number;
}
export type Caller = { kind: 'anonymous' } | { kind: 'session'; userId: string } | { kind: 'token'; tokenId: string }
  | { kind: 'jwt'; tokenId: string; narrowed: Grant[] | null; version: number }; // narrowed: null for GET /auth/token
export interface World { users: Record<string, User>; projects: Record<string, Project>; devices: Record<string, Device>; tokens: Record<string, Token> }

const QUERIES = ['viewer', 'projects', 'project', 'devices', 'device', 'tokenPolicy', 'apiMethodSets', 'apiMethods'].map((f) => `Query.${f}`);
const MUTATIONS = ['createProject', 'updateProject', 'deleteProject', 'addProjectMember', 'removeProjectMember', 'createDevice', 'updateDevice', 'deleteDevice'].map((f) => `Mutation.${f}`);
export const TOKEN_METHODS = [...QUERIES, ...MUTATIONS];
export const PRESETS: Record<string, string[]> = {
  READ_ONLY: QUERIES,
  DEVICE_OPERATOR: ['Query.viewer', 'Query.devices', 'Query.device', 'Mutation.updateDevice'],
  // "Every project and device method"; like every preset it includes Query.viewer.
  PROJECT_ADMIN: ['Query.viewer', 'Query.projects', 'Query.project', 'Query.devices', 'Query.device', ...MUTATIONS],
};
/** Root fields no access token or JWT may reach. */
export const TOKEN_MANAGEMENT = [
  ...['myTokens', 'token', 'adminTokens', 'users', 'auditEvents', 'explainToken'].map((f) => `Query.${f}`),
  ...['login', 'logout', 'createUser', 'deleteUser', 'createToken', 'updateToken', 'regenerateToken', 'copyToken', 'revokeToken',
    'applySuggestedGrants', 'setTokenPolicy', 'markNotificationsRead', 'changePassword', 'resetPassword'].map((f) => `Mutation.${f}`),
];
/** Token-management fields below the root. */
const NESTED_MANAGEMENT = ['Viewer.notifications', 'AccessToken.events', 'AccessToken.usage', 'AccessToken.suggestedGrants', 'AccessToken.createdBy', 'AccessToken.revokedBy'];
/** Methods one of which a nested field returning these objects needs. */
const READ_METHODS = { Project: ['Query.project', 'Query.projects'], Device: ['Query.device', 'Query.devices'] };

const VIEWER = ['PROJECT:READ', 'DEVICE:READ'];
const OWNER = [...VIEWER, 'DEVICE:WRITE', 'PROJECT:WRITE'];
const RIGHTS: Record<Role | 'ADMIN', string[]> = { VIEWER, EDITOR: [...VIEWER, 'DEVICE:WRITE'], OWNER, ADMIN: OWNER };

export const isToken = (c: Caller) => c.kind === 'token' || c.kind === 'jwt';
const tokenOf = (w: World, c: Caller) => (c.kind === 'token' || c.kind === 'jwt' ? w.tokens[c.tokenId]! : undefined);
const MISSING: Refusal = 'FORBIDDEN/MISSING_GRANT';
const lacks = (c: Caller): Refusal => (isToken(c) ? 'FORBIDDEN/OWNER_LACKS_RIGHT' : 'FORBIDDEN/ROLE');

/** A revoked token and every JWT of it stop working; so does a JWT whose token's grants changed. */
export function alive(w: World, c: Caller): boolean {
  const t = tokenOf(w, c);
  return !t || (!t.revoked && (c.kind !== 'jwt' || c.version === t.version));
}

export function grantsOf(w: World, c: Caller): Grant[] | 'ALL' {
  if (c.kind === 'session') return 'ALL';
  const t = tokenOf(w, c)!;
  if (c.kind === 'jwt' && c.narrowed) return c.narrowed;
  return t.kind === 'USER' ? 'ALL' : t.grants;
}

const mayCall = (w: World, c: Caller, method: string) => {
  const methods = tokenOf(w, c)?.methods ?? 'ALL';
  return methods === 'ALL' || methods.includes(method);
};

/** p null: "any project" (a narrowing entry without one), which only a grant without one covers. */
export function covers(g: Grant, entity: Entity, action: Action, p: string | null, d: string | null): boolean {
  return g.entity === entity && (g.action === 'WRITE' || action === 'READ') && (g.projectId === null || g.projectId === p) && (g.deviceId === null || g.deviceId === d);
}

/** The owner's role in p: a PROJECT token's project is OWNER of itself only; admins hold everything. */
function roleOf(w: World, c: Caller, p: string): Role | 'ADMIN' | undefined {
  const t = tokenOf(w, c);
  if (t?.kind === 'PROJECT') return t.projectId === p ? 'OWNER' : undefined;
  const userId = c.kind === 'session' ? c.userId : t!.userId!;
  return w.users[userId]!.admin ? 'ADMIN' : w.projects[p]?.members[userId];
}

/** Whether the owner can see p at all: what it cannot see answers exactly like what does not exist. */
export function sees(w: World, c: Caller, p: string): boolean {
  return roleOf(w, c, p) !== undefined;
}

export function ownerHolds(w: World, c: Caller, entity: Entity, action: Action, p: string): boolean {
  const role = roleOf(w, c, p);
  return role !== undefined && RIGHTS[role].includes(`${entity}:${action}`);
}

export function allowed(w: World, c: Caller, entity: Entity, action: Action, p: string, d: string | null): Refusal | null {
  const grants = grantsOf(w, c);
  if (grants !== 'ALL' && !grants.some((g) => covers(g, entity, action, p, d))) return MISSING;
  return ownerHolds(w, c, entity, action, p) ? null : lacks(c);
}

/** devices(projectId) and Project.devices: some DEVICE grant that could reach p, and the owner reads devices in p. */
function deviceListRefusal(w: World, c: Caller, p: string): Refusal | null {
  const grants = grantsOf(w, c);
  if (grants !== 'ALL' && !grants.some((g) => g.entity === 'DEVICE' && (g.projectId === null || g.projectId === p))) return MISSING;
  return ownerHolds(w, c, 'DEVICE', 'READ', p) ? null : lacks(c);
}
const visibleDevices = (w: World, c: Caller, p: string) =>
  Object.values(w.devices).filter((d) => d.projectId === p && !allowed(w, c, 'DEVICE', 'READ', p, d.id)).map((d) => d.id);

/** A nested field returning `type` objects needs a read method of that type in the set. */
const methodAtDepth = (w: World, c: Caller, type: 'Project' | 'Device'): Refusal | null =>
  READ_METHODS[type].some((m) => mayCall(w, c, m)) ? null : 'FORBIDDEN/METHOD_NOT_ALLOWED';

export type Out = { error: Refusal } | { value: unknown };
const fail = (error: Refusal | null): Out | undefined => (error ? { error } : undefined);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The refusals every root field applies before it loads anything, in order. */
function gate(w: World, c: Caller, method: string, ids: string[]): Refusal | null {
  if (ids.some((id) => !UUID.test(id))) return 'BAD_USER_INPUT';
  if (c.kind === 'anonymous') return method === 'Query.viewer' ? null : 'UNAUTHENTICATED';
  if (TOKEN_MANAGEMENT.includes(method)) return isToken(c) ? 'FORBIDDEN/TOKEN_MANAGEMENT' : null;
  return mayCall(w, c, method) ? null : 'FORBIDDEN/METHOD_NOT_ALLOWED';
}

export interface RootArgs { id?: string; projectId?: string; userId?: string; name?: string; status?: Status; role?: Role; newId?: string }

/** One root field: its answer, with its writes applied to `w` (the caller undoes them if the operation fails). */
export function rootField(w: World, c: Caller, kind: 'Query' | 'Mutation', field: string, a: RootArgs): Out {
  const ids = [a.id, a.projectId, a.userId].filter((x): x is string => x !== undefined);
  const gated = gate(w, c, `${kind}.${field}`, ids);
  if (gated) return { error: gated };
  const named = w.projects[(a.projectId ?? a.id ?? '').toLowerCase()];
  const project = named && sees(w, c, named.id) ? named : undefined;
  const found = w.devices[(a.id ?? '').toLowerCase()];
  const device = found && sees(w, c, found.projectId) ? found : undefined;
  const notVisible = { error: 'BAD_USER_INPUT' };
  switch (field) {
    case 'viewer':
      return { value: c };
    case 'projects': {
      const grants = grantsOf(w, c);
      if (grants !== 'ALL' && !grants.some((g) => g.entity === 'PROJECT')) return { error: MISSING };
      return { value: Object.keys(w.projects).filter((p) => !allowed(w, c, 'PROJECT', 'READ', p, null)) };
    }
    case 'project':
      return !project ? { value: null } : fail(allowed(w, c, 'PROJECT', 'READ', project.id, null)) ?? { value: project.id };
    case 'devices': {
      const p = a.projectId!.toLowerCase();
      // An admin sees every project, one that does not exist included (an empty list).
      if (!sees(w, c, p)) return notVisible;
      return fail(deviceListRefusal(w, c, p)) ?? { value: visibleDevices(w, c, p) };
    }
    case 'device':
      return !device ? { value: null } : fail(allowed(w, c, 'DEVICE', 'READ', device.projectId, device.id)) ?? { value: device.id };
    case 'tokenPolicy': case 'apiMethodSets': case 'apiMethods':
      return { value: 'present' };
    case 'createProject': {
      const grants = grantsOf(w, c);
      if (grants !== 'ALL' && !grants.some((g) => g.entity === 'PROJECT' && g.action === 'WRITE' && g.projectId === null)) return { error: MISSING };
      const t = tokenOf(w, c);
      if (t?.kind === 'PROJECT') return { error: 'FORBIDDEN/OWNER_LACKS_RIGHT' };
      const userId = c.kind === 'session' ? c.userId : t!.userId!;
      w.projects[a.newId!] = { id: a.newId!, name: a.name!, members: { [userId]: 'OWNER' } };
      return { value: a.newId };
    }
    case 'updateProject': case 'deleteProject': {
      if (!project) return notVisible;
      const refused = fail(allowed(w, c, 'PROJECT', 'WRITE', project.id, null));
      if (refused) return refused;
      if (field === 'deleteProject') return deleteProject(w, project.id), { value: true };
      project.name = a.name!;
      return { value: project.id };
    }
    case 'addProjectMember': case 'removeProjectMember': {
      if (!project) return notVisible;
      const userId = a.userId!.toLowerCase();
      const current = project.members[userId];
      // A token may never change who holds OWNER; which refusal wins over a missing grant is open.
      const ownerChange = isToken(c) && (a.role === 'OWNER' || current === 'OWNER');
      const refused = allowed(w, c, 'PROJECT', 'WRITE', project.id, null);
      if (refused) return { error: ownerChange ? `${refused}|FORBIDDEN/TOKEN_MANAGEMENT` : refused };
      if (ownerChange) return { error: w.users[userId] ? 'FORBIDDEN/TOKEN_MANAGEMENT' : 'FORBIDDEN/TOKEN_MANAGEMENT|BAD_USER_INPUT' };
      if (field === 'addProjectMember' ? !w.users[userId] : !current) return notVisible;
      const owners = Object.values(project.members).filter((r) => r === 'OWNER').length;
      if (current === 'OWNER' && a.role !== 'OWNER' && owners === 1) return { error: 'BAD_USER_INPUT' }; // the last OWNER stays
      if (field === 'removeProjectMember') return delete project.members[userId], { value: true };
      project.members[userId] = a.role!;
      return { value: { projectId: project.id, userId } };
    }
    case 'createDevice': {
      if (!project) return notVisible;
      const refused = fail(allowed(w, c, 'DEVICE', 'WRITE', project.id, null)); // no particular device
      if (refused) return refused;
      w.devices[a.newId!] = { id: a.newId!, projectId: project.id, name: a.name!, status: 'UNKNOWN' };
      return { value: a.newId };
    }
    case 'updateDevice': case 'deleteDevice': {
      if (!device) return notVisible;
      const refused = fail(allowed(w, c, 'DEVICE', 'WRITE', device.projectId, device.id));
      if (refused) return refused;
      if (field === 'deleteDevice') {
        // A token whose every grant is on this device (a device token) is revoked with it.
        for (const t of Object.values(w.tokens)) {
          if (t.kind !== 'USER' && t.grants.length > 0 && t.grants.every((g) => g.deviceId === device.id)) t.revoked = true;
        }
        return deleteDevices(w, [device.id]), { value: true };
      }
      if (a.name !== undefined) device.name = a.name;
      if (a.status !== undefined) device.status = a.status;
      return { value: device.id };
    }
  }
  throw new Error(`the model has no rule for ${kind}.${field} called by ${c.kind}`);
}

/**
 * An object field below the root, on a parent the model already resolved (an id, a grant, a
 * member, or the caller for Viewer). Scalars are read in operations.ts.
 */
export function nestedField(w: World, c: Caller, type: string, parent: any, field: string): Out {
  if (NESTED_MANAGEMENT.includes(`${type}.${field}`)) {
    if (isToken(c)) return { error: 'FORBIDDEN/TOKEN_MANAGEMENT' };
    if (c.kind === 'anonymous') return { error: 'UNAUTHENTICATED' };
    // A connection (notifications, events) or a list (usage): present either way, never looked into.
    return { value: field === 'notifications' || field === 'events' ? 'present' : [] };
  }
  // The method rule is on the field: it holds even where the field would answer null.
  const project = (p: string | null): Out => {
    const refused = fail(methodAtDepth(w, c, 'Project'));
    if (refused || p === null || !w.projects[p]) return refused ?? { value: null };
    return fail(allowed(w, c, 'PROJECT', 'READ', p, null)) ?? { value: p };
  };
  switch (`${type}.${field}`) {
    case 'Project.devices':
      return fail(methodAtDepth(w, c, 'Device') ?? deviceListRefusal(w, c, parent)) ?? { value: visibleDevices(w, c, parent) };
    case 'Project.members': {
      const members = Object.keys(w.projects[parent]!.members).map((userId) => ({ projectId: parent, userId }));
      return fail(methodAtDepth(w, c, 'Project')) ?? { value: members };
    }
    case 'Device.project': return project(w.devices[parent]!.projectId);
    case 'ProjectMember.user': return { value: parent.userId };
    // A grant's project or device beyond what the owner sees answers null, as a lookup does.
    case 'ScopeGrant.project': return project(parent.projectId !== null && sees(w, c, parent.projectId) ? parent.projectId : null);
    case 'ScopeGrant.device': {
      const found = parent.deviceId === null ? undefined : w.devices[parent.deviceId];
      const d = found && sees(w, c, found.projectId) ? found : undefined;
      const refused = fail(methodAtDepth(w, c, 'Device'));
      if (refused || !d) return refused ?? { value: null };
      return fail(allowed(w, c, 'DEVICE', 'READ', d.projectId, d.id)) ?? { value: d.id };
    }
    case 'AccessToken.project': return project(w.tokens[parent]!.projectId);
    case 'Viewer.token': return { value: isToken(c) ? (c as { tokenId: string }).tokenId : null };
    // Loosely specified ("the token's grants its owner still holds, or a session's rights as
    // grants"): the test checks the gateway's list with grantHeld and follows it. With no list
    // (the gateway answered no data) the answers differ whatever this is.
    case 'Viewer.grants': return { value: [] };
  }
  throw new Error(`the model has no rule for ${type}.${field}`);
}

/** The project a grant or requested entry is judged at: its device's actual project, when it names one. */
const judgedAt = (w: World, e: Grant) => (e.deviceId !== null ? w.devices[e.deviceId]?.projectId : undefined) ?? e.projectId;

/**
 * A grant viewer.grants may list: one that covers nothing, or one within the caller's own
 * (narrowed) grants that the owner holds in its project (somewhere, for a grant without one).
 */
export function grantHeld(w: World, c: Caller, g: Grant): boolean {
  const d = g.deviceId === null ? undefined : w.devices[g.deviceId];
  if (g.deviceId !== null && (!d || (g.projectId !== null && g.projectId !== d.projectId))) return true;
  const grants = grantsOf(w, c);
  if (grants !== 'ALL' && !grants.some((h) => covers(h, g.entity, g.action, judgedAt(w, g), g.deviceId))) return false;
  const p = g.projectId;
  return p !== null ? ownerHolds(w, c, g.entity, g.action, p) : Object.keys(w.projects).some((q) => ownerHolds(w, c, g.entity, g.action, q));
}

/** POST /auth/token: every requested entry must be covered by a grant the token holds, a device entry at its device's actual project. */
export function narrow(w: World, tokenId: string, entries: Grant[]): { grants: Grant[] } | { error: string } {
  const t = w.tokens[tokenId]!;
  if (t.revoked) return { error: 'invalid_request|invalid_grant' };
  for (const e of entries) {
    const d = e.deviceId === null ? undefined : w.devices[e.deviceId];
    // A device the owner cannot see is refused exactly like one that does not exist.
    const seen = d && sees(w, { kind: 'token', tokenId }, d.projectId);
    if (e.deviceId !== null && (!seen || (e.projectId !== null && e.projectId !== d!.projectId))) return { error: 'invalid_scope' };
    if (t.kind !== 'USER' && !t.grants.some((g) => covers(g, e.entity, e.action, judgedAt(w, e), e.deviceId))) return { error: 'invalid_scope' };
  }
  // A device entry is kept pinned to the project its device lies in.
  return { grants: entries.map((e) => ({ ...e, projectId: judgedAt(w, e) })) };
}

/** Deleting a project deletes its devices and members, revokes its PROJECT tokens, and drops grants naming it. */
export function deleteProject(w: World, p: string): void {
  deleteDevices(w, Object.values(w.devices).filter((d) => d.projectId === p).map((d) => d.id));
  delete w.projects[p];
  for (const t of Object.values(w.tokens)) {
    if (t.kind === 'PROJECT' && t.projectId === p) t.revoked = true;
    dropGrants(t, (g) => g.projectId === p);
  }
}

export function deleteDevices(w: World, ids: string[]): void {
  for (const id of ids) delete w.devices[id];
  for (const t of Object.values(w.tokens)) dropGrants(t, (g) => g.deviceId !== null && ids.includes(g.deviceId));
}

function dropGrants(t: Token, gone: (g: Grant) => boolean): void {
  const kept = t.grants.filter((g) => !gone(g));
  if (kept.length !== t.grants.length) (t.grants = kept), t.version++;
}
