/**
 * The permission model, free of GraphQL and of the database:
 *
 *   effective permission = API method allowed (api-methods.ts)
 *                          AND some grant covers (entity, action, resource)
 *                          AND the owner holds that permission right now.
 *
 * Everything here is a pure function of an Authority, which the request already holds, so a
 * denied field is decided before any resolver or query runs.
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
 * What a field needs. `projectId`/`deviceId` are the resource when the field's arguments or
 * parent name it; `create` marks createProject, which needs a grant on no particular project.
 */
export interface Requirement {
  entity: Entity;
  action: Action;
  projectId?: string;
  deviceId?: string;
  create?: boolean;
}

export type DenyReason = 'MISSING_GRANT' | 'METHOD_NOT_ALLOWED' | 'OWNER_LACKS_RIGHT' | 'TOKEN_MANAGEMENT' | 'ROLE';

/**
 * `partial`: allowed for part of the resource only (a list filtered to what the grants reach, or
 * a lookup by id whose query must be limited with the visibility filters below).
 */
export type Decision = { allowed: true; partial: boolean } | { allowed: false; reason: DenyReason };

const ALLOW: Decision = { allowed: true, partial: false };
const ALLOW_PARTIAL: Decision = { allowed: true, partial: true };

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

function grantMatches(grant: Grant, entity: Entity, action: Action): boolean {
  return grant.entity === entity && actionCovers(grant.action, action);
}

/** The grants reach every device of the project, not only some of them. */
export function coversWholeProject(authority: Authority, action: Action, projectId: string): boolean {
  const decision = decide(authority, { entity: 'DEVICE', action, projectId });
  return decision.allowed && !decision.partial;
}

export function decide(authority: Authority, req: Requirement): Decision {
  const { rights, grants } = authority;
  const all = grants === 'ALL';

  if (req.create) {
    if (!all && !grants.some((g) => grantMatches(g, req.entity, req.action) && g.projectId === null)) {
      return { allowed: false, reason: 'MISSING_GRANT' };
    }
    return rights.mayCreateProjects || rights.admin ? ALLOW : { allowed: false, reason: 'OWNER_LACKS_RIGHT' };
  }

  if (req.projectId === undefined) {
    // Only an id of a device, or no resource at all (a list): the caller may reach some of them,
    // and the resolver's query is limited to those (deviceScope / projectScope).
    const reachable =
      all ||
      grants.some(
        (g) =>
          grantMatches(g, req.entity, req.action) &&
          (req.deviceId === undefined || g.deviceId === null || g.deviceId === req.deviceId),
      );
    if (!reachable) return { allowed: false, reason: 'MISSING_GRANT' };
    // A list is only filtered (a user in no project sees an empty one); a lookup by id needs the
    // owner to hold the action somewhere.
    if (req.deviceId !== undefined && !ownerHoldsSomewhere(rights, req.entity, req.action)) {
      return { allowed: false, reason: 'OWNER_LACKS_RIGHT' };
    }
    return ALLOW_PARTIAL;
  }

  const projectId = req.projectId;
  let decision: Decision = { allowed: false, reason: 'MISSING_GRANT' };
  if (all) {
    decision = ALLOW;
  } else {
    for (const g of grants) {
      if (!grantMatches(g, req.entity, req.action)) continue;
      if (g.projectId !== null && g.projectId !== projectId) continue;
      if (g.deviceId === null || g.deviceId === req.deviceId) {
        decision = ALLOW;
        break;
      }
      // A grant on single devices can serve a device list of this project, filtered.
      if (req.entity === 'DEVICE' && req.deviceId === undefined) decision = ALLOW_PARTIAL;
    }
  }
  if (!decision.allowed) return decision;
  return ownerHolds(rights, req.entity, req.action, projectId) ? decision : { allowed: false, reason: 'OWNER_LACKS_RIGHT' };
}

/** Which projects a caller may see or change: a filter for queries of `partial` decisions. */
export function projectScope(authority: Authority, action: Action): 'ALL' | string[] {
  const owned = ownerProjects(authority.rights, 'PROJECT', action);
  if (authority.grants === 'ALL') return owned;
  const granted = authority.grants.filter((g) => grantMatches(g, 'PROJECT', action));
  if (granted.some((g) => g.projectId === null)) return owned;
  const ids = new Set(granted.map((g) => g.projectId as string));
  return owned === 'ALL' ? [...ids] : owned.filter((id) => ids.has(id));
}

export interface DeviceScope {
  /** Whole projects whose devices are reachable; 'ALL' when every device is. */
  projectIds: 'ALL' | string[];
  /** Single devices reachable through device grants, only within `withinProjects`. */
  deviceIds: string[];
  withinProjects: 'ALL' | string[];
}

export function deviceScope(authority: Authority, action: Action): DeviceScope {
  const owned = ownerProjects(authority.rights, 'DEVICE', action);
  if (authority.grants === 'ALL') return { projectIds: owned, deviceIds: [], withinProjects: owned };
  const granted = authority.grants.filter((g) => grantMatches(g, 'DEVICE', action));
  const wholeProjects = granted.filter((g) => g.deviceId === null);
  let projectIds: 'ALL' | string[];
  if (wholeProjects.some((g) => g.projectId === null)) {
    projectIds = owned;
  } else {
    const ids = new Set(wholeProjects.map((g) => g.projectId as string));
    projectIds = owned === 'ALL' ? [...ids] : owned.filter((id) => ids.has(id));
  }
  // A device grant that also names a project only reaches that device inside that project.
  const devices = granted.filter((g) => g.deviceId !== null);
  const deviceIds = devices.map((g) => g.deviceId as string);
  const namedProjects = devices.every((g) => g.projectId !== null)
    ? new Set(devices.map((g) => g.projectId as string))
    : undefined;
  let withinProjects: 'ALL' | string[] = owned;
  if (namedProjects) {
    withinProjects = owned === 'ALL' ? [...namedProjects] : owned.filter((id) => namedProjects.has(id));
  }
  return { projectIds, deviceIds, withinProjects };
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
