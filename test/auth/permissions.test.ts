import { describe, expect, it } from 'vitest';
import { decide, deviceClauses, effectiveGrants, grantWithin, narrowToHeld, projectFilter, type Authority, type Grant, type OwnerRights } from '../../src/auth/permissions.js';

const P1 = 'p1';
const P2 = 'p2';
const member = (roles: [string, 'VIEWER' | 'EDITOR' | 'OWNER'][]): OwnerRights => ({ admin: false, roles: new Map(roles), mayCreateProjects: true });
const g = (entity: Grant['entity'], action: Grant['action'], projectId: string | null = null, deviceId: string | null = null): Grant => ({
  entity,
  action,
  projectId,
  deviceId,
});

describe('decide: grant x owner rights', () => {
  it('allows a covered requirement when the owner holds it', () => {
    const a: Authority = { rights: member([[P1, 'EDITOR']]), grants: [g('DEVICE', 'WRITE', P1)] };
    expect(decide(a, { entity: 'DEVICE', action: 'WRITE', projectId: P1 })).toEqual({ allowed: true });
  });

  it('WRITE implies READ, never the other way round', () => {
    const a: Authority = { rights: member([[P1, 'OWNER']]), grants: [g('DEVICE', 'WRITE')] };
    expect(decide(a, { entity: 'DEVICE', action: 'READ', projectId: P1 }).allowed).toBe(true);
    const r: Authority = { rights: member([[P1, 'OWNER']]), grants: [g('DEVICE', 'READ')] };
    expect(decide(r, { entity: 'DEVICE', action: 'WRITE', projectId: P1 })).toEqual({ allowed: false, reason: 'MISSING_GRANT' });
  });

  it('a grant on one project does not reach another', () => {
    const a: Authority = { rights: member([[P1, 'OWNER'], [P2, 'OWNER']]), grants: [g('PROJECT', 'READ', P1)] };
    expect(decide(a, { entity: 'PROJECT', action: 'READ', projectId: P2 })).toEqual({ allowed: false, reason: 'MISSING_GRANT' });
  });

  it('a grant is intersected with what the owner holds now', () => {
    const a: Authority = { rights: member([[P1, 'VIEWER']]), grants: [g('DEVICE', 'WRITE')] };
    expect(decide(a, { entity: 'DEVICE', action: 'WRITE', projectId: P1 })).toEqual({ allowed: false, reason: 'OWNER_LACKS_RIGHT' });
    expect(decide(a, { entity: 'DEVICE', action: 'READ', projectId: P1 }).allowed).toBe(true);
  });

  it('roles: VIEWER reads, EDITOR writes devices, OWNER writes the project', () => {
    const all = (role: 'VIEWER' | 'EDITOR' | 'OWNER'): Authority => ({ rights: member([[P1, role]]), grants: 'ALL' });
    const can = (role: 'VIEWER' | 'EDITOR' | 'OWNER', entity: Grant['entity'], action: Grant['action']) =>
      decide(all(role), { entity, action, projectId: P1 }).allowed;
    expect([can('VIEWER', 'PROJECT', 'READ'), can('VIEWER', 'DEVICE', 'READ'), can('VIEWER', 'DEVICE', 'WRITE')]).toEqual([true, true, false]);
    expect([can('EDITOR', 'DEVICE', 'WRITE'), can('EDITOR', 'PROJECT', 'WRITE')]).toEqual([true, false]);
    expect([can('OWNER', 'PROJECT', 'WRITE'), can('OWNER', 'DEVICE', 'WRITE')]).toEqual([true, true]);
  });

  it('admins act as OWNER everywhere', () => {
    const a: Authority = { rights: { admin: true, roles: new Map(), mayCreateProjects: true }, grants: 'ALL' };
    expect(decide(a, { entity: 'PROJECT', action: 'WRITE', projectId: 'anything' }).allowed).toBe(true);
  });

  it('createProject needs a PROJECT WRITE grant on no particular project', () => {
    const create = { entity: 'PROJECT', action: 'WRITE', create: true } as const;
    expect(decide({ rights: member([]), grants: [g('PROJECT', 'WRITE')] }, create).allowed).toBe(true);
    expect(decide({ rights: member([[P1, 'OWNER']]), grants: [g('PROJECT', 'WRITE', P1)] }, create)).toEqual({ allowed: false, reason: 'MISSING_GRANT' });
    const projectOwned: OwnerRights = { admin: false, roles: new Map([[P1, 'OWNER']]), mayCreateProjects: false };
    expect(decide({ rights: projectOwned, grants: [g('PROJECT', 'WRITE')] }, create)).toEqual({ allowed: false, reason: 'OWNER_LACKS_RIGHT' });
  });

  it('a device grant reaches that device only, never the project\'s devices as a whole', () => {
    const a: Authority = { rights: member([[P1, 'EDITOR']]), grants: [g('DEVICE', 'WRITE', P1, 'd1')] };
    expect(decide(a, { entity: 'DEVICE', action: 'WRITE', projectId: P1, deviceId: 'd1' }).allowed).toBe(true);
    expect(decide(a, { entity: 'DEVICE', action: 'WRITE', projectId: P1, deviceId: 'd2' }).allowed).toBe(false);
    // createDevice: the project's devices as a whole.
    expect(decide(a, { entity: 'DEVICE', action: 'WRITE', projectId: P1 })).toEqual({ allowed: false, reason: 'MISSING_GRANT' });
    // A list may be asked for; its rows are decided one by one.
    expect(decide(a, { entity: 'DEVICE', action: 'READ', projectId: P1, some: true }).allowed).toBe(true);
    expect(decide(a, { entity: 'DEVICE', action: 'READ', projectId: P2, some: true })).toEqual({ allowed: false, reason: 'MISSING_GRANT' });
  });

  it('a grant keeps its project and device paired: a device is judged in the project it lies in', () => {
    // DEVICE WRITE on all of P2, and on device d3 (which lies in P1) only through a grant naming P2.
    const a: Authority = { rights: member([[P1, 'EDITOR'], [P2, 'EDITOR']]), grants: [g('DEVICE', 'WRITE', P2), g('DEVICE', 'WRITE', P2, 'd3')] };
    expect(decide(a, { entity: 'DEVICE', action: 'WRITE', projectId: P1, deviceId: 'd3' }).allowed).toBe(false);
    expect(decide(a, { entity: 'DEVICE', action: 'WRITE', projectId: P2, deviceId: 'd4' }).allowed).toBe(true);
  });

  it('a requirement that names no object is refused rather than guessed at', () => {
    const a: Authority = { rights: { admin: true, roles: new Map(), mayCreateProjects: true }, grants: 'ALL' };
    expect(decide(a, { entity: 'DEVICE', action: 'READ', deviceId: 'd1' })).toEqual({ allowed: false, reason: 'MISSING_GRANT' });
  });
});

describe('derived grants stay inside what is held', () => {
  it('grantWithin: the same covering rule as decide; "every project" is only inside "every project"', () => {
    const held = [g('DEVICE', 'WRITE', P1), g('DEVICE', 'READ', P2, 'd2')];
    expect(grantWithin(g('DEVICE', 'READ', P1, 'd1'), held)).toBe(true);
    expect(grantWithin(g('DEVICE', 'READ', P2), held)).toBe(false);
    expect(grantWithin(g('DEVICE', 'WRITE', P2, 'd2'), held)).toBe(false);
    expect(grantWithin(g('DEVICE', 'READ'), held)).toBe(false);
    expect(grantWithin(g('PROJECT', 'WRITE'), 'ALL')).toBe(true);
  });

  it('narrowToHeld cuts a wider grant down to its overlap with each held grant', () => {
    expect(narrowToHeld(g('DEVICE', 'READ', P1), [g('DEVICE', 'READ', P1, 'd1')])).toEqual([g('DEVICE', 'READ', P1, 'd1')]);
    expect(narrowToHeld(g('DEVICE', 'WRITE', P1, 'd1'), [g('DEVICE', 'READ', P1)])).toEqual([g('DEVICE', 'READ', P1, 'd1')]);
    expect(narrowToHeld(g('DEVICE', 'WRITE', P2), [g('DEVICE', 'WRITE', P1)])).toEqual([]);
  });
});

describe('list filters', () => {
  it('limit projects to granted AND held', () => {
    const a: Authority = { rights: member([[P1, 'VIEWER']]), grants: [g('PROJECT', 'READ', P1), g('PROJECT', 'READ', P2)] };
    expect(projectFilter(a, 'READ')).toEqual([P1]);
    expect(projectFilter({ rights: member([[P1, 'OWNER']]), grants: 'ALL' }, 'WRITE')).toEqual([P1]);
  });

  it('one device clause per grant, each with its own project, inside projects the owner holds', () => {
    const a: Authority = { rights: member([[P1, 'EDITOR'], [P2, 'VIEWER']]), grants: [g('DEVICE', 'WRITE', P1), g('DEVICE', 'WRITE', P2, 'd9'), g('DEVICE', 'READ', null, 'd5')] };
    // d9's grant names P2, where the owner cannot write: it reaches nothing for WRITE.
    expect(deviceClauses(a, 'WRITE')).toEqual([{ projectIds: [P1], deviceId: null }]);
    expect(deviceClauses(a, 'READ')).toEqual([
      { projectIds: [P1], deviceId: null },
      { projectIds: [P2], deviceId: 'd9' },
      { projectIds: [P1, P2], deviceId: 'd5' },
    ]);
  });
});

describe('effective grants', () => {
  it("list a session's rights as grants and drop a token's grants its owner lost", () => {
    expect(effectiveGrants({ rights: member([[P1, 'EDITOR']]), grants: 'ALL' })).toEqual([g('PROJECT', 'READ', P1), g('DEVICE', 'WRITE', P1)]);
    expect(effectiveGrants({ rights: member([[P1, 'VIEWER']]), grants: [g('DEVICE', 'WRITE', P1), g('DEVICE', 'READ', P1)] })).toEqual([
      g('DEVICE', 'READ', P1),
    ]);
  });
});
