/**
 * The one decision point for grants and owner rights, free of GraphQL and of the database:
 *
 *   allowed = some grant covers (entity, action, project, device)
 *             AND the owner holds (entity, action) in that project right now.
 *
 * Decisions are made on the object actually touched: a device is judged with the project it
 * really lies in, which the caller loads first. List filters come from the same grants, one
 * clause per grant, so a filter never reaches a row that `decide` would refuse. Anything derived
 * from a credential (a narrowed JWT, a suggestion) is checked with `grantWithin`, which uses the
 * very predicate `decide` uses. API method sets are the other half of a token's limits and live
 * in api-methods.ts.
 */
export type Entity = 'PROJECT' | 'DEVICE';
export type Action = 'READ' | 'WRITE';
export type ProjectRole = 'VIEWER' | 'EDITOR' | 'OWNER';

export interface Grant {
  entity: Entity;
  action: Action;
  projectId: string | null;
  deviceId: string | null;
}

/** What the acting owner holds now: a user's role and memberships, or a project's own rights. */
export interface OwnerRights {
  admin: boolean;
  roles: ReadonlyMap<string, ProjectRole>;
  mayCreateProjects: boolean;
}

export interface Authority {
  rights: OwnerRights;
  /** 'ALL' for sessions and USER tokens: the owner's rights are the only limit. */
  grants: readonly Grant[] | 'ALL';
}

/**
 * What is asked for. The usual form names one object: a project (`projectId`), or a device with
 * the project it lies in (`projectId` + `deviceId`); `projectId` alone on a DEVICE requirement is
 * the project's devices as a whole (createDevice, a whole-project read). Two special forms:
 * `create` is createProject; `some` asks whether a list may be asked for at all (the project's
 * devices, or every project when `projectId` is absent), its rows then filtered one by one.
 */
export interface Requirement {
  entity: Entity;
  action: Action;
  projectId?: string;
  deviceId?: string;
  create?: boolean;
  some?: boolean;
}

export type DenyReason = 'MISSING_GRANT' | 'METHOD_NOT_ALLOWED' | 'OWNER_LACKS_RIGHT' | 'TOKEN_MANAGEMENT' | 'ROLE';

export type Decision = { allowed: true } | { allowed: false; reason: DenyReason };

const ALLOW: Decision = { allowed: true };
const NO_GRANT: Decision = { allowed: false, reason: 'MISSING_GRANT' };
const OWNER_LACKS: Decision = { allowed: false, reason: 'OWNER_LACKS_RIGHT' };

export function actionCovers(granted: Action, needed: Action): boolean {
  return granted === 'WRITE' || needed === 'READ';
}

function roleHolds(role: ProjectRole | undefined, entity: Entity, action: Action): boolean {
  if (!role) return false;
  if (action === 'READ') return true;
  return entity === 'DEVICE' ? role !== 'VIEWER' : role === 'OWNER';
}

export function ownerHolds(rights: OwnerRights, entity: Entity, action: Action, projectId: string): boolean {
  return rights.admin || roleHolds(rights.roles.get(projectId), entity, action);
}

/**
 * Whether the owner can see a project and what lies in it at all. What they cannot see is
 * answered exactly like what does not exist (null, or "not visible"), so a credential learns
 * nothing of objects beyond its owner; what they can see but this credential may not act on is
 * refused with the reason.
 */
export function ownerSees(rights: OwnerRights, projectId: string): boolean {
  // Every role reads its project: seeing it is holding PROJECT READ there.
  return ownerHolds(rights, 'PROJECT', 'READ', projectId);
}

function ownerHoldsSomewhere(rights: OwnerRights, entity: Entity, action: Action): boolean {
  if (rights.admin) return true;
  for (const role of rights.roles.values()) if (roleHolds(role, entity, action)) return true;
  return false;
}

/** Project ids in which the owner holds (entity, action); 'ALL' for admins. */
export function ownerProjects(rights: OwnerRights, entity: Entity, action: Action): 'ALL' | string[] {
  if (rights.admin) return 'ALL';
  const ids: string[] = [];
  for (const [projectId, role] of rights.roles) if (roleHolds(role, entity, action)) ids.push(projectId);
  return ids;
}

/**
 * Whether `held` reaches everything `wanted` names. `null` in `wanted` means "every": a grant on
 * every project is only covered by another grant on every project. A grant on one device never
 * covers a project's devices as a whole. This one predicate decides requests and judges every
 * grant derived from a credential.
 */
export function grantCovers(held: Grant, wanted: Grant): boolean {
  return (
    held.entity === wanted.entity &&
    actionCovers(held.action, wanted.action) &&
    (held.projectId === null || held.projectId === wanted.projectId) &&
    (held.deviceId === null || held.deviceId === wanted.deviceId)
  );
}

/** The grant a requirement on one object (or a project's devices as a whole) asks for. */
function wantedGrant(req: Requirement & { projectId: string }): Grant {
  return { entity: req.entity, action: req.action, projectId: req.projectId, deviceId: req.deviceId ?? null };
}

export function decide(authority: Authority, req: Requirement): Decision {
  const { rights, grants } = authority;
  const all = grants === 'ALL';

  if (req.create) {
    const creator: Grant = { entity: 'PROJECT', action: 'WRITE', projectId: null, deviceId: null };
    if (!all && !grants.some((g) => grantCovers(g, creator))) return NO_GRANT;
    return rights.mayCreateProjects || rights.admin ? ALLOW : OWNER_LACKS;
  }

  if (req.some) {
    // A list: some grant may reach part of it; each row is decided (or filtered) on its own.
    const reachable =
      all ||
      grants.some(
        (g) => g.entity === req.entity && actionCovers(g.action, req.action) && (req.projectId === undefined || g.projectId === null || g.projectId === req.projectId),
      );
    if (!reachable) return NO_GRANT;
    if (req.projectId !== undefined && !ownerHolds(rights, req.entity, req.action, req.projectId)) return OWNER_LACKS;
    return ALLOW;
  }

  // Every other requirement names its project; one without is refused rather than guessed at.
  if (req.projectId === undefined) return NO_GRANT;
  const wanted = wantedGrant(req as Requirement & { projectId: string });
  if (!all && !grants.some((g) => grantCovers(g, wanted))) return NO_GRANT;
  return ownerHolds(rights, req.entity, req.action, req.projectId) ? ALLOW : OWNER_LACKS;
}

export function allowed(authority: Authority | null, req: Requirement): boolean {
  return authority !== null && decide(authority, req).allowed;
}

/** Whether a grant asked for (a narrowing, a suggestion) lies inside what is held now. */
export function grantWithin(wanted: Grant, held: readonly Grant[] | 'ALL'): boolean {
  return held === 'ALL' || held.some((g) => grantCovers(g, wanted));
}

/**
 * The part of `wanted` that `held` covers, as single grants: `wanted` itself when it lies
 * inside, else its overlap with each held grant (the narrower project, device and action).
 */
export function narrowToHeld(wanted: Grant, held: readonly Grant[] | 'ALL'): Grant[] {
  if (grantWithin(wanted, held)) return [wanted];
  const out: Grant[] = [];
  for (const g of held as readonly Grant[]) {
    if (g.entity !== wanted.entity) continue;
    if (g.projectId !== null && wanted.projectId !== null && g.projectId !== wanted.projectId) continue;
    if (g.deviceId !== null && wanted.deviceId !== null && g.deviceId !== wanted.deviceId) continue;
    const overlap: Grant = {
      entity: wanted.entity,
      action: actionCovers(g.action, wanted.action) ? wanted.action : g.action,
      projectId: wanted.projectId ?? g.projectId,
      deviceId: wanted.deviceId ?? g.deviceId,
    };
    if (grantWithin(overlap, held) && !out.some((o) => grantCovers(o, overlap))) out.push(overlap);
  }
  return out;
}

/** Which projects a caller may see or change: a filter for lists of projects. */
export function projectFilter(authority: Authority, action: Action): 'ALL' | string[] {
  const owned = ownerProjects(authority.rights, 'PROJECT', action);
  if (authority.grants === 'ALL') return owned;
  const granted = authority.grants.filter((g) => g.entity === 'PROJECT' && actionCovers(g.action, action));
  if (granted.some((g) => g.projectId === null)) return owned;
  const ids = new Set(granted.map((g) => g.projectId as string));
  return owned === 'ALL' ? [...ids] : owned.filter((id) => ids.has(id));
}

/** One grant's reach among devices: in these projects, and only this device when it names one. */
export interface DeviceClause {
  projectIds: 'ALL' | readonly string[];
  deviceId: string | null;
}

/**
 * The devices a caller may see or change, as clauses to OR together. Each clause keeps its
 * grant's project and device paired, intersected with where the owner holds the action.
 */
export function deviceClauses(authority: Authority, action: Action): DeviceClause[] {
  const owned = ownerProjects(authority.rights, 'DEVICE', action);
  if (authority.grants === 'ALL') return owned === 'ALL' || owned.length > 0 ? [{ projectIds: owned, deviceId: null }] : [];
  const clauses: DeviceClause[] = [];
  for (const g of authority.grants) {
    if (g.entity !== 'DEVICE' || !actionCovers(g.action, action)) continue;
    let projectIds: 'ALL' | readonly string[];
    if (g.projectId === null) projectIds = owned;
    else if (ownerHolds(authority.rights, 'DEVICE', action, g.projectId)) projectIds = [g.projectId];
    else continue;
    if (projectIds !== 'ALL' && projectIds.length === 0) continue;
    clauses.push({ projectIds, deviceId: g.deviceId });
  }
  return clauses;
}

/** The grants a caller effectively holds, for `viewer.grants`. */
export function effectiveGrants(authority: Authority): Grant[] {
  if (authority.grants !== 'ALL') {
    return authority.grants.filter((g) =>
      g.projectId === null ? ownerHoldsSomewhere(authority.rights, g.entity, g.action) : ownerHolds(authority.rights, g.entity, g.action, g.projectId),
    );
  }
  const { rights } = authority;
  if (rights.admin) {
    return [
      { entity: 'PROJECT', action: 'WRITE', projectId: null, deviceId: null },
      { entity: 'DEVICE', action: 'WRITE', projectId: null, deviceId: null },
    ];
  }
  const out: Grant[] = [];
  for (const [projectId, role] of rights.roles) {
    out.push({ entity: 'PROJECT', action: role === 'OWNER' ? 'WRITE' : 'READ', projectId, deviceId: null });
    out.push({ entity: 'DEVICE', action: role === 'VIEWER' ? 'READ' : 'WRITE', projectId, deviceId: null });
  }
  return out;
}
