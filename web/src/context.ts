import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ConsoleSetupQuery, ConsoleViewerQuery, ProjectPageFragment, TokenRowFragment } from './gql/graphql.js';

export type Me = NonNullable<ConsoleViewerQuery['viewer']['user']>;
export type Project = ProjectPageFragment['nodes'][number];
/** The setup answer, with every page of the caller's projects. */
export type Setup = Omit<ConsoleSetupQuery, 'projects'> & { projects: Project[] };
export type Token = TokenRowFragment;

export interface ConsoleState {
  me: Me;
  setup: Setup;
  /** Asks the header to recount unread notifications. */
  refreshUnread(): void;
  /** Reloads the projects and the policy after a page changed them. */
  refreshSetup(): void;
  /** After changing one's own password: mustChangePassword is false now. */
  setMe(me: Me): void;
}

export const ConsoleContext = createContext<ConsoleState | null>(null);

export function useConsole(): ConsoleState {
  const state = useContext(ConsoleContext);
  if (!state) throw new Error('useConsole outside the console');
  return state;
}

export function roleIn(project: Project, _me: Me) {
  return project.viewerRole ?? undefined;
}

/** OWNERs and admins manage a project: its name, members and tokens. */
export function ownsProject(project: Project, me: Me): boolean {
  return me.role === 'ADMIN' || roleIn(project, me) === 'OWNER';
}

/** OWNERs, EDITORs and admins write a project's devices. */
export function editsDevices(project: Project, me: Me): boolean {
  const role = roleIn(project, me);
  return me.role === 'ADMIN' || role === 'OWNER' || role === 'EDITOR';
}

/** Who may edit, regenerate and copy: the owner of a personal token; owners of the project (or admins) for a PROJECT token. */
export function canManage(token: Token, me: Me, projects: readonly Project[]): boolean {
  if (token.kind !== 'PROJECT') return token.owner?.id === me.id;
  if (me.role === 'ADMIN') return true;
  const project = projects.find((p) => p.id === token.project?.id);
  return project ? roleIn(project, me) === 'OWNER' : false;
}
