// Every page of the console, in navigation order. A new page is one entry here: its address, its
// label in the navigation, its group, and whether it is for admins only (see docs/console.md).
import type { FunctionComponent } from 'preact';
import { AccountPage } from './pages/Account.js';
import { AuditPage } from './pages/Audit.js';
import { ConnectDevicePage } from './pages/ConnectDevice.js';
import { DevicesPage } from './pages/Devices.js';
import { EnrollmentTokensPage } from './pages/EnrollmentTokens.js';
import { MembersPage } from './pages/Members.js';
import { NotificationsPage } from './pages/Notifications.js';
import { PolicyPage } from './pages/Policy.js';
import { ProjectsPage } from './pages/Projects.js';
import { TrustPoliciesPage } from './pages/TrustPolicies.js';
import { AllTokensPage, MyTokensPage, ProjectTokensPage } from './pages/Tokens.js';
import { UsersPage } from './pages/Users.js';
import { WebhooksPage } from './pages/Webhooks.js';

export interface PageEntry {
  /** Under /console/: the server serves the console's page for every such address. */
  path: `/console/${string}`;
  label: string;
  group: 'Tokens' | 'Projects' | 'Administration' | 'You';
  adminOnly?: boolean;
  component: FunctionComponent;
}

export const PAGES: readonly PageEntry[] = [
  { path: '/console/tokens', label: 'Your tokens', group: 'Tokens', component: MyTokensPage },
  { path: '/console/project-tokens', label: 'Project tokens', group: 'Tokens', component: ProjectTokensPage },
  { path: '/console/all-tokens', label: 'All tokens', group: 'Tokens', adminOnly: true, component: AllTokensPage },
  { path: '/console/projects', label: 'Projects', group: 'Projects', component: ProjectsPage },
  { path: '/console/members', label: 'Members', group: 'Projects', component: MembersPage },
  { path: '/console/devices', label: 'Devices', group: 'Projects', component: DevicesPage },
  // The address POST /auth/device answers as verification_uri (src/http/device-authorization.ts).
  { path: '/console/devices/connect', label: 'Connect a device', group: 'Projects', component: ConnectDevicePage },
  { path: '/console/enrollment-tokens', label: 'Enrollment tokens', group: 'Projects', component: EnrollmentTokensPage },
  { path: '/console/trust-policies', label: 'Trust policies', group: 'Projects', component: TrustPoliciesPage },
  { path: '/console/webhooks', label: 'Webhooks', group: 'Projects', component: WebhooksPage },
  { path: '/console/users', label: 'Users', group: 'Administration', adminOnly: true, component: UsersPage },
  { path: '/console/token-policy', label: 'Token policy', group: 'Administration', adminOnly: true, component: PolicyPage },
  { path: '/console/audit', label: 'Audit log', group: 'Administration', adminOnly: true, component: AuditPage },
  { path: '/console/notifications', label: 'Notifications', group: 'You', component: NotificationsPage },
  { path: '/console/account', label: 'Your account', group: 'You', component: AccountPage },
];

export const HOME = '/console/tokens';
export const SIGN_IN = '/console/sign-in';

/**
 * Where to go after signing in: a console page, or GraphiQL (its 403 page links here). Anything
 * else, another origin above all, is ignored: no open redirect.
 */
export function safeNext(next: string | undefined): string | undefined {
  if (!next) return undefined;
  if (next === '/graphql') return next;
  return /^\/console\/[\w\-/]*(\?[\w\-=&%.]*)?$/.test(next) && !next.startsWith(SIGN_IN) ? next : undefined;
}
