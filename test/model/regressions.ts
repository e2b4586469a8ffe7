/**
 * Fixed cases that run every time: one per class of issue 16 that the model covers, and every
 * shrunk counterexample the property has found (fast-check's "Counterexample: [world, ops]"
 * pastes as `world` and `ops`; the nulls in `ops` are operations the shrinker removed).
 *
 * Callers are numbered as in world.ts: #0 anonymous, then one session per user, then the tokens,
 * then the JWTs in the order they were exchanged (taken modulo their number). A token-management
 * operation picks among the callers that are not sessions.
 */
import type { GrantSpec, MutationSpec, Op, WorldSpec } from './arbitraries.js';

export interface Regression {
  name: string;
  world: WorldSpec;
  ops: (Op | null)[];
}

const mutation = (caller: number, ...calls: Partial<MutationSpec>[]): Op => ({
  op: 'mutation',
  caller,
  calls: calls.map((c) => ({ field: 'updateDevice', target: { pick: 0 }, user: { pick: 0 }, name: 'north', status: null, role: 'VIEWER', sel: null, ...c }) as MutationSpec),
});
const grant = (g: Partial<GrantSpec> & Pick<GrantSpec, 'entity' | 'action'>): GrantSpec => ({ project: null, device: null, pairing: 'own', ...g });
const owner = (devices: number) => ({ roles: ['OWNER' as const, null, null], devices });

export const REGRESSIONS: Regression[] = [
  {
    name: 'class 1: a grant on one device neither creates devices nor leaves one behind (token and narrowed JWT)',
    world: {
      users: [{ admin: false }],
      projects: [owner(1)],
      tokens: [{ kind: 'CUSTOM', owner: 0, grants: [grant({ entity: 'DEVICE', action: 'WRITE', device: 0 })], methods: null }],
      exchanges: [{ op: 'exchange', token: 0, scope: [{ from: 0, read: false, pinProject: null, pinDevice: null }] }],
    },
    ops: [
      mutation(2, { field: 'createDevice', sel: { id: true, name: true } }),
      mutation(3, { field: 'createDevice', sel: { id: true, name: true } }),
      mutation(3, { field: 'updateDevice', status: 'ONLINE', sel: { id: true, status: true } }),
    ],
  },
  {
    name: 'class 2: grants keep their pairing in enforcement',
    world: {
      users: [{ admin: false }],
      projects: [owner(1), owner(1)],
      tokens: [
        {
          kind: 'CUSTOM',
          owner: 0,
          grants: [grant({ entity: 'DEVICE', action: 'WRITE', project: 1 }), grant({ entity: 'DEVICE', action: 'WRITE', device: 0 })],
          methods: null,
        },
        // A grant whose project and device disagree covers nothing.
        { kind: 'CUSTOM', owner: 0, grants: [grant({ entity: 'DEVICE', action: 'WRITE', project: 1, device: 0, pairing: 'given' })], methods: null },
      ],
      exchanges: [],
    },
    ops: [
      mutation(2, { field: 'updateDevice', target: { pick: 0 }, name: 'east', sel: { id: true, name: true } }),
      { op: 'query', caller: 2, field: 'devices', target: { pick: 0 }, sel: { id: true } },
      { op: 'query', caller: 2, field: 'devices', target: { pick: 1 }, sel: { id: true } },
      { op: 'query', caller: 3, field: 'devices', target: { pick: 1 }, sel: { id: true } },
      mutation(3, { field: 'updateDevice', target: { pick: 0 }, name: 'west', sel: { id: true, name: true } }),
      mutation(3, { field: 'deleteDevice', target: { pick: 0 } }),
    ],
  },
  {
    // Seen: the gateway issued a JWT for device:write:<P1>:<a P0 device>.
    name: 'class 2: a narrowing exchange refuses a device under a project it is not in',
    world: {
      users: [{ admin: false }],
      projects: [owner(1), owner(1)],
      tokens: [
        {
          kind: 'CUSTOM',
          owner: 0,
          grants: [grant({ entity: 'DEVICE', action: 'WRITE', project: 1 }), grant({ entity: 'DEVICE', action: 'WRITE', device: 0 })],
          methods: null,
        },
      ],
      exchanges: [{ op: 'exchange', token: 0, scope: [{ any: grant({ entity: 'DEVICE', action: 'WRITE', project: 1, device: 0, pairing: 'given' }) }] }],
    },
    ops: [],
  },
  {
    // Seen: invalid_scope for device:read:*:<D>, which a grant on <its project>/<D> covers.
    name: 'a narrowing entry for a device is judged at its actual project',
    world: {
      users: [{ admin: false }],
      projects: [owner(1)],
      tokens: [{ kind: 'PROJECT', owner: 0, grants: [grant({ entity: 'DEVICE', action: 'WRITE', device: 0 })], methods: null }],
      exchanges: [{ op: 'exchange', token: 0, scope: [{ any: grant({ entity: 'DEVICE', action: 'READ', device: 0, pairing: 'star' }) }] }],
    },
    ops: [{ op: 'query', caller: 3, field: 'device', target: { pick: 0 }, sel: { id: true } }],
  },
  {
    // Seen: GET /auth/token answered a JWT (scope "") that every request then refused with 401.
    name: 'a JWT of a token whose grants are all gone works, and is refused only for want of a grant',
    world: {
      users: [{ admin: false }],
      projects: [owner(1), owner(0)],
      tokens: [{ kind: 'CUSTOM', owner: 0, grants: [grant({ entity: 'DEVICE', action: 'READ', project: 0 })], methods: null }],
      exchanges: [],
    },
    ops: [
      mutation(1, { field: 'deleteProject', target: { pick: 0 } }),
      { op: 'exchange', token: 0, scope: null },
      { op: 'query', caller: 3, field: 'viewer', target: { pick: 0 }, sel: { authMethod: true } },
      { op: 'query', caller: 3, field: 'devices', target: { pick: 1 }, sel: { id: true } },
    ],
  },
  {
    // Seen: null for project(id)/device(id), BAD_USER_INPUT for devices() and mutations.
    name: 'an existing target the caller may not touch is refused (FORBIDDEN), not hidden',
    world: {
      users: [{ admin: false }, { admin: false }],
      projects: [owner(1), { roles: [null, 'OWNER', null], devices: 1 }],
      tokens: [{ kind: 'CUSTOM', owner: 0, grants: [grant({ entity: 'DEVICE', action: 'WRITE', project: 0 }), grant({ entity: 'PROJECT', action: 'WRITE', project: 0 })], methods: null }],
      exchanges: [],
    },
    ops: [
      { op: 'query', caller: 1, field: 'project', target: { pick: 1 }, sel: { id: true } },
      { op: 'query', caller: 1, field: 'device', target: { pick: 1 }, sel: { id: true } },
      { op: 'query', caller: 1, field: 'devices', target: { pick: 1 }, sel: { id: true } },
      mutation(1, { field: 'updateDevice', target: { pick: 1 }, sel: { id: true } }),
      mutation(1, { field: 'addProjectMember', target: { pick: 1 }, user: { pick: 0 }, role: 'VIEWER', sel: { role: true } }),
      { op: 'query', caller: 3, field: 'device', target: { pick: 1 }, sel: { id: true } },
      mutation(3, { field: 'deleteDevice', target: { pick: 1 } }),
      mutation(3, { field: 'updateProject', target: { pick: 1 }, sel: { id: true } }),
    ],
  },
  {
    name: 'devices() of a missing project: [] for an admin, FORBIDDEN for anyone else',
    world: { users: [{ admin: false }, { admin: true }], projects: [owner(0)], tokens: [], exchanges: [] },
    ops: [
      { op: 'query', caller: 2, field: 'devices', target: 'missing', sel: { id: true } },
      { op: 'query', caller: 1, field: 'devices', target: 'missing', sel: { id: true } },
    ],
  },
  {
    // The rule as written: devices(p) needs "some grant that could cover DEVICE READ in p (entity
    // DEVICE, projectId null or p, any deviceId)", and a narrowed JWT holds the entries it asked
    // for. Seen: the gateway gives the JWT of `device:read:*:<D0>` a grant on <D0's project>/<D0>
    // and answers MISSING_GRANT for devices(<another project>), where the token itself gets [].
    name: 'devices() by the JWT of device:read:*:<D> on another project: [] as for its token (rule as written)',
    world: {
      users: [{ admin: false }],
      projects: [owner(1), owner(1)],
      tokens: [{ kind: 'CUSTOM', owner: 0, grants: [grant({ entity: 'DEVICE', action: 'READ', device: 0, pairing: 'star' })], methods: null }],
      exchanges: [{ op: 'exchange', token: 0, scope: [{ from: 0, read: true, pinProject: null, pinDevice: null }] }],
    },
    ops: [
      { op: 'query', caller: 2, field: 'devices', target: { pick: 1 }, sel: { id: true } },
      { op: 'query', caller: 3, field: 'devices', target: { pick: 1 }, sel: { id: true } },
    ],
  },
  {
    // Seen: UNAUTHENTICATED, METHOD_NOT_ALLOWED or MISSING_GRANT for addProjectMember(userId: "not-a-uuid").
    name: 'a malformed id is BAD_USER_INPUT before any other refusal',
    world: {
      users: [{ admin: false }],
      projects: [{ roles: ['VIEWER', null, null], devices: 0 }],
      tokens: [{ kind: 'CUSTOM', owner: 0, grants: [grant({ entity: 'DEVICE', action: 'READ' })], methods: { preset: 'READ_ONLY' } }],
      exchanges: [],
    },
    ops: [
      mutation(0, { field: 'addProjectMember', target: { pick: 0 }, user: 'malformed', sel: { role: true } }),
      mutation(1, { field: 'addProjectMember', target: { pick: 0 }, user: 'malformed', sel: { role: true } }),
      mutation(2, { field: 'removeProjectMember', target: { pick: 0 }, user: 'malformed' }),
    ],
  },
  {
    name: 'class 4: method sets hold below the root',
    world: {
      users: [{ admin: false }],
      projects: [owner(1)],
      tokens: [
        { kind: 'USER', owner: 0, grants: [grant({ entity: 'PROJECT', action: 'READ' })], methods: { custom: ['Query.viewer'] } },
        { kind: 'USER', owner: 0, grants: [grant({ entity: 'PROJECT', action: 'READ' })], methods: { preset: 'DEVICE_OPERATOR' } },
      ],
      exchanges: [],
    },
    ops: [
      {
        op: 'query',
        caller: 2,
        field: 'viewer',
        target: { pick: 0 },
        sel: {
          authMethod: true,
          grants: { entity: true, action: true, projectId: true, deviceId: true, project: { id: true, members: { role: true, user: { email: true } }, devices: { id: true } } },
        },
      },
      { op: 'query', caller: 3, field: 'device', target: { pick: 0 }, sel: { id: true, project: { id: true, members: { role: true } } } },
      { op: 'query', caller: 3, field: 'devices', target: { pick: 0 }, sel: { id: true, name: true } },
    ],
  },
  {
    name: 'class 7: no access token changes who holds OWNER',
    world: {
      users: [{ admin: false }, { admin: false }],
      projects: [{ roles: ['OWNER', 'VIEWER', null], devices: 0 }],
      tokens: [{ kind: 'PROJECT', owner: 0, grants: [grant({ entity: 'PROJECT', action: 'WRITE', project: 'home' })], methods: null }],
      exchanges: [],
    },
    ops: [
      mutation(3, { field: 'addProjectMember', target: { pick: 0 }, user: { pick: 1 }, role: 'OWNER', sel: { role: true } }),
      mutation(3, { field: 'addProjectMember', target: { pick: 0 }, user: { pick: 0 }, role: 'VIEWER', sel: { role: true } }),
      mutation(3, { field: 'removeProjectMember', target: { pick: 0 }, user: { pick: 0 } }),
      mutation(3, { field: 'addProjectMember', target: { pick: 0 }, user: { pick: 1 }, role: 'EDITOR', sel: { role: true } }),
      mutation(3, { field: 'createProject', sel: { id: true } }),
    ],
  },
  {
    name: 'a mutation operation is all-or-nothing',
    world: {
      users: [{ admin: false }],
      projects: [{ roles: ['EDITOR', null, null], devices: 2 }],
      tokens: [{ kind: 'CUSTOM', owner: 0, grants: [grant({ entity: 'DEVICE', action: 'WRITE' })], methods: null }],
      exchanges: [],
    },
    ops: [
      // The second field is refused: the first one's write must not stay.
      mutation(2, { field: 'updateDevice', target: { pick: 0 }, name: 'lab', sel: { id: true } }, { field: 'updateProject', target: { pick: 0 }, sel: { id: true } }),
      // A refused nested field refuses the whole operation.
      mutation(2, { field: 'createDevice', target: { pick: 0 }, sel: { id: true, project: { id: true } } }),
      mutation(1, { field: 'deleteDevice', target: { pick: 1 } }, { field: 'updateDevice', target: { pick: 1 }, name: 'edge', sel: { id: true } }),
    ],
  },
  {
    name: 'token management answers tokens and JWTs with TOKEN_MANAGEMENT',
    world: {
      users: [{ admin: true }],
      projects: [owner(0)],
      tokens: [{ kind: 'USER', owner: 0, grants: [grant({ entity: 'PROJECT', action: 'READ' })], methods: null }],
      exchanges: [{ op: 'exchange', token: 0, scope: null }],
    },
    ops: [
      { op: 'manage', caller: 1, field: 'createToken', target: 0 },
      { op: 'manage', caller: 2, field: 'revokeToken', target: 0 },
      { op: 'manage', caller: 1, field: 'login', target: 0 },
      { op: 'manage', caller: 2, field: 'deleteUser', target: 0 },
      { op: 'query', caller: 3, field: 'viewer', target: { pick: 0 }, sel: { authMethod: true, token: { id: true, events: { nodes: { id: true } } } } },
      { op: 'query', caller: 3, field: 'viewer', target: { pick: 0 }, sel: { authMethod: true, notifications: { nodes: { id: true } } } },
    ],
  },
  {
    name: "a grant's device beyond the owner's projects answers null (a PROJECT token's mismatched grant)",
    world: {
      users: [{ admin: false }, { admin: false }],
      projects: [
        { roles: [null, null, null], devices: 0 },
        { roles: [null, null, null], devices: 1 },
      ],
      tokens: [
        { kind: 'USER', owner: 0, grants: [grant({ entity: 'PROJECT', action: 'READ' })], methods: null },
        { kind: 'USER', owner: 0, grants: [grant({ entity: 'PROJECT', action: 'READ' })], methods: { custom: ['Mutation.deleteDevice'] } },
        { kind: 'USER', owner: 0, grants: [grant({ entity: 'PROJECT', action: 'READ', project: 0 })], methods: { custom: ['Query.tokenPolicy'] } },
        { kind: 'PROJECT', owner: 0, grants: [grant({ entity: 'DEVICE', action: 'READ', project: 'home', device: 0, pairing: 'given' })], methods: null },
        { kind: 'USER', owner: 0, grants: [grant({ entity: 'PROJECT', action: 'READ', project: 0 })], methods: { custom: ['Mutation.createDevice'] } },
      ],
      exchanges: [],
    },
    ops: [
      { op: 'query', caller: 6, field: 'viewer', target: 'missing', sel: { authMethod: true, grants: { entity: true, action: true, projectId: true, deviceId: true, device: { id: true } } } },
    ],
  },
];
