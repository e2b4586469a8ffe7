import { actionCovers, type Action, type Entity, type Grant, type Requirement } from '../auth/permissions.js';

/**
 * Keys of exercised permissions: `PERM:<entity>:<action>:<project|->:<device|->`, or `CREATE:PROJECT`
 * for createProject. Methods are recorded as themselves (`Query.devices`).
 */
export function permissionKey(requirement: Requirement): string {
  if (requirement.create) return 'CREATE:PROJECT';
  return ['PERM', requirement.entity, requirement.action, requirement.projectId ?? '-', requirement.deviceId ?? '-'].join(':');
}

export interface Suggestion {
  grants: Grant[];
  apiMethods: string[];
}

/**
 * The smallest grants and methods that would have allowed every recorded use: one grant per
 * project and entity at the highest action used, narrowed to single devices where only single
 * devices were touched, and a project-wide grant only where a use named no project.
 */
export function suggest(keys: Iterable<string>): Suggestion {
  const methods = new Set<string>();
  const uses: Requirement[] = [];
  for (const key of keys) {
    if (key === 'CREATE:PROJECT') uses.push({ entity: 'PROJECT', action: 'WRITE', create: true });
    else if (key.startsWith('PERM:')) {
      const [, entity, action, projectId, deviceId] = key.split(':');
      uses.push({
        entity: entity as Entity,
        action: action as Action,
        ...(projectId !== '-' ? { projectId } : {}),
        ...(deviceId !== '-' ? { deviceId } : {}),
      });
    } else methods.add(key);
  }
  const grants: Grant[] = [];
  const add = (grant: Grant) => {
    const existing = grants.find((g) => g.entity === grant.entity && g.projectId === grant.projectId && g.deviceId === grant.deviceId);
    if (!existing) grants.push(grant);
    else if (!actionCovers(existing.action, grant.action)) existing.action = grant.action;
  };
  for (const entity of ['PROJECT', 'DEVICE'] as const) {
    const mine = uses.filter((u) => u.entity === entity);
    const named = mine.filter((u) => u.projectId !== undefined);
    for (const use of mine) if (use.create) add({ entity, action: 'WRITE', projectId: null, deviceId: null });
    // A use that named no project (a list, a lookup by device id) is covered by the concrete
    // uses it led to; only when there were none does it need a grant on every project.
    for (const use of mine.filter((u) => u.projectId === undefined && !u.create)) {
      const covered = named.some((n) => actionCovers(n.action, use.action) && (use.deviceId === undefined || n.deviceId === use.deviceId));
      if (!covered) add({ entity, action: use.action, projectId: null, deviceId: use.deviceId ?? null });
    }
    const projects = new Set(named.map((u) => u.projectId!));
    for (const projectId of projects) {
      const inProject = named.filter((u) => u.projectId === projectId);
      const wholeProject = inProject.filter((u) => u.deviceId === undefined);
      if (entity === 'PROJECT' || wholeProject.length > 0) {
        const action: Action = inProject.some((u) => u.action === 'WRITE' && (entity === 'PROJECT' || u.deviceId === undefined)) ? 'WRITE' : 'READ';
        add({ entity, action, projectId, deviceId: null });
        // Device writes on single devices in a project otherwise only read still need their grant.
        if (entity === 'DEVICE' && action === 'READ') {
          for (const use of inProject.filter((u) => u.deviceId !== undefined && u.action === 'WRITE')) add({ entity, action: 'WRITE', projectId, deviceId: use.deviceId! });
        }
      } else {
        for (const use of inProject) add({ entity, action: use.action, projectId, deviceId: use.deviceId! });
      }
    }
  }
  // Drop grants another grant already covers.
  const minimal = grants.filter(
    (g, i) =>
      !grants.some(
        (o, j) =>
          j !== i &&
          o.entity === g.entity &&
          actionCovers(o.action, g.action) &&
          (o.projectId === null || o.projectId === g.projectId) &&
          (o.deviceId === null || o.deviceId === g.deviceId) &&
          (o.projectId !== g.projectId || o.deviceId !== g.deviceId || o.action !== g.action),
      ),
  );
  return { grants: minimal, apiMethods: [...methods].sort() };
}
