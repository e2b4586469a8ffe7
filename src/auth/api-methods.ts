/**
 * The catalog of API methods an access token may be limited to. A method is a root field.
 * Token-management fields are absent by design: no set or list can ever contain them, and a test
 * checks that every root field is either listed here or session-only.
 */
export const TOKEN_METHODS = [
  'Query.viewer',
  'Query.projects',
  'Query.project',
  'Query.devices',
  'Query.device',
  'Query.tokenPolicy',
  'Query.apiMethodSets',
  'Query.apiMethods',
  'Mutation.createProject',
  'Mutation.updateProject',
  'Mutation.deleteProject',
  'Mutation.addProjectMember',
  'Mutation.removeProjectMember',
  'Mutation.createDevice',
  'Mutation.updateDevice',
  'Mutation.deleteDevice',
] as const;

export type ApiMethod = (typeof TOKEN_METHODS)[number];

export interface ApiMethodSet {
  key: string;
  name: string;
  description: string;
  methods: readonly ApiMethod[];
}

const queries = TOKEN_METHODS.filter((m) => m.startsWith('Query.'));
const tokenMetadata: readonly ApiMethod[] = ['Query.tokenPolicy', 'Query.apiMethodSets', 'Query.apiMethods'];
const projectAndDevice = TOKEN_METHODS.filter((m) => !tokenMetadata.includes(m));

/** Every preset includes `Query.viewer` so a script can always ask who it is (GitHub's `/user`). */
export const API_METHOD_SETS: readonly ApiMethodSet[] = [
  {
    key: 'READ_ONLY',
    name: 'Read only',
    description: 'Every query an access token may make; no mutations.',
    methods: queries,
  },
  {
    key: 'DEVICE_OPERATOR',
    name: 'Device operator',
    description: 'Read devices and update them (name, status, metadata); nothing else.',
    methods: ['Query.viewer', 'Query.devices', 'Query.device', 'Mutation.updateDevice'],
  },
  {
    key: 'PROJECT_ADMIN',
    name: 'Project admin',
    description: 'Every project and device method: create, rename and delete projects, manage members and devices.',
    methods: projectAndDevice,
  },
];

const known = new Set<string>(TOKEN_METHODS);

export function isTokenMethod(method: string): method is ApiMethod {
  return known.has(method);
}

export function findMethodSet(key: string): ApiMethodSet | undefined {
  return API_METHOD_SETS.find((set) => set.key === key);
}

/** The methods a token may call: 'ALL' (no limit) or the set. */
export function allowedMethods(apiMethodSet: string | null, apiMethods: readonly string[]): 'ALL' | ReadonlySet<string> {
  if (apiMethodSet) return new Set(findMethodSet(apiMethodSet)?.methods ?? []);
  if (apiMethods.length > 0) return new Set(apiMethods);
  return 'ALL';
}

/**
 * A method set holds below the root too: a field under the root that returns projects (or their
 * members) needs a method that reads projects, one that returns devices a method that reads
 * devices. Otherwise `viewer { grants { project { members } } }` would read what `Query.viewer`
 * alone was never meant to. The object a root field returns is covered by that root field.
 */
export const READ_METHODS = {
  Project: ['Query.project', 'Query.projects'],
  Device: ['Query.device', 'Query.devices'],
} as const satisfies Record<string, readonly ApiMethod[]>;

export function allowsAnyOf(methods: 'ALL' | ReadonlySet<string>, wanted: readonly string[]): boolean {
  return methods === 'ALL' || wanted.some((m) => methods.has(m));
}
