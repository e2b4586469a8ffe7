/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AuditEventFilter = {
  actorId?: string | number | null | undefined;
  kinds?: Array<TokenEventKind> | null | undefined;
  since?: string | null | undefined;
  tokenId?: string | number | null | undefined;
  until?: string | null | undefined;
};

export type AuthMethod =
  | 'ACCESS_TOKEN'
  | 'ANONYMOUS'
  | 'ENROLLMENT_TOKEN'
  | 'EXCHANGED_JWT'
  | 'SESSION';

export type CreateEnrollmentTokenInput = {
  /** Merged into each enrolled device metadata, over what the device sends. */
  deviceMetadata?: unknown;
  /** At most 90 days ahead. */
  expiresAt: string;
  /** How many devices it may enroll, 1 to 10000. */
  maxUses: number;
  name: string;
  projectId: string | number;
};

export type CreateTokenInput = {
  /** Client addresses the token may be used from (IPv4/IPv6 CIDR); left out: anywhere. */
  allowedCidrs?: Array<string> | null | undefined;
  /** A key from apiMethodSets. */
  apiMethodSet?: string | null | undefined;
  /** A custom list from apiMethods. */
  apiMethods?: Array<string> | null | undefined;
  description?: string | null | undefined;
  /** Left out: the policy's default lifetime, if any. */
  expiresAt?: string | null | undefined;
  grants?: Array<ScopeGrantInput> | null | undefined;
  kind: TokenKind;
  limits?: TokenLimitsInput | null | undefined;
  name: string;
  /** The project of a PROJECT token. */
  projectId?: string | number | null | undefined;
  /** Lets the token rotate its own secret through POST /auth/token/rotate. Default false. */
  selfRotate?: boolean | null | undefined;
};

export type CreateTrustPolicyInput = {
  /** Left out: every method. */
  apiMethods?: Array<string> | null | undefined;
  /** the `aud` the external tokens must carry */
  audience: string;
  /** claim name to exact value or glob; every one must be present as a string of at most 256 characters and match (`*` does not cross `/`, `**` does; at most 3 wildcards, no braces or extglobs) */
  claims: unknown;
  /** Inside the project, and within what you hold there. */
  grants: Array<ScopeGrantInput>;
  /** the `iss` the external tokens carry, compared exactly (GitHub Actions: https://token.actions.githubusercontent.com) */
  issuer: string;
  /** where the issuer's public keys are (https) */
  jwksUri: string;
  /** Longest life of an exchanged JWT, 60 to 43200; never past the external token's exp. */
  maxLifetimeSeconds: number;
  /** a name for people */
  name: string;
  projectId: string | number;
};

export type CreateWebhookInput = {
  events: Array<WebhookEvent>;
  /** The project whose tokens it hears (its OWNERs'); left out: every token (admins). */
  projectId?: string | number | null | undefined;
  /** http:// or https://; it must not resolve to a private, loopback or link-local address. */
  url: string;
};

export type DeviceCodeStatus =
  | 'APPROVED'
  | 'DENIED'
  | 'ISSUED'
  | 'PENDING';

export type DeviceStatus =
  | 'OFFLINE'
  | 'ONLINE'
  | 'UNKNOWN';

export type EnrollmentTokenStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'REVOKED'
  | 'USED_UP';

export type ProjectRole =
  | 'EDITOR'
  | 'OWNER'
  | 'VIEWER';

export type ScopeAction =
  | 'READ'
  | 'WRITE';

export type ScopeEntity =
  | 'DEVICE'
  | 'PROJECT';

export type ScopeGrantInput = {
  action: ScopeAction;
  deviceId?: string | number | null | undefined;
  entity: ScopeEntity;
  projectId?: string | number | null | undefined;
};

export type TokenEventKind =
  | 'COPIED'
  | 'CREATED'
  | 'DENIED_IP'
  | 'EXPIRED'
  | 'EXPIRING'
  | 'EXPOSED'
  | 'NEW_IP'
  | 'REGENERATED'
  | 'REVOKED'
  | 'ROTATED'
  | 'ROTATED_SECRET_REUSED'
  | 'UPDATED';

export type TokenKind =
  | 'CUSTOM'
  | 'PROJECT'
  | 'USER';

/** Each limit is optional and may only be tighter than the token policy's. On updateToken, a limit left out stays and null removes it. */
export type TokenLimitsInput = {
  /** GraphQL Armor cost points per hour, at most the policy's costPerHour. */
  costPerHour?: number | null | undefined;
  /** Requests (at any door, exchanges included) after which the token is refused for good. */
  maxUses?: number | null | undefined;
  /** Before this time the token is refused like an expired one. */
  notBefore?: string | null | undefined;
  /** Requests per minute, at most the policy's requestsPerMinute. */
  requestsPerMinute?: number | null | undefined;
};

/** Fields left out keep their value; null clears a limit. */
export type TokenPolicyInput = {
  /** null: no cost budget. */
  costPerHour?: number | null | undefined;
  customTokensAdminOnly?: boolean | null | undefined;
  defaultLifetimeDays?: number | null | undefined;
  /** Each from 0 to 365, at most 10 of them; [] sends none. */
  expiryNoticeDays?: Array<number> | null | undefined;
  maxLifetimeDays?: number | null | undefined;
  maxRotationOverlapSeconds?: number | null | undefined;
  /** null: SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE. */
  requestsPerMinute?: number | null | undefined;
  requireExpiry?: boolean | null | undefined;
  revokeOnRotatedSecretReuse?: boolean | null | undefined;
  /** From 8 to 36500; null turns it off. */
  revokeUnusedAfterDays?: number | null | undefined;
};

export type TokenStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'REVOKED';

/** Fields left out stay as they are. `expiresAt: null` removes the expiry where the policy allows it. */
export type UpdateTokenInput = {
  /** Replaces the IP allow-list; an empty list or null allows any address. */
  allowedCidrs?: Array<string> | null | undefined;
  apiMethodSet?: string | null | undefined;
  /** Giving either apiMethodSet or apiMethods replaces both; both null allows every method. */
  apiMethods?: Array<string> | null | undefined;
  description?: string | null | undefined;
  expiresAt?: string | null | undefined;
  /** Replaces every grant. */
  grants?: Array<ScopeGrantInput> | null | undefined;
  /** Limits left out stay; null removes one. */
  limits?: TokenLimitsInput | null | undefined;
  name?: string | null | undefined;
  /** Lets the token rotate its own secret through POST /auth/token/rotate. */
  selfRotate?: boolean | null | undefined;
};

/** Fields left out stay as they are. Any change ends every JWT already exchanged under the policy. */
export type UpdateTrustPolicyInput = {
  /** Replaces the list; an empty list allows every method. */
  apiMethods?: Array<string> | null | undefined;
  audience?: string | null | undefined;
  claims?: unknown;
  /** Replaces every grant. */
  grants?: Array<ScopeGrantInput> | null | undefined;
  issuer?: string | null | undefined;
  jwksUri?: string | null | undefined;
  maxLifetimeSeconds?: number | null | undefined;
  name?: string | null | undefined;
};

/** Fields left out stay as they are. Enabling a disabled hook starts its count of failures again, and makes you the one it is judged by: a hook whose maker is no longer an OWNER of its project (an admin, for an instance-wide hook) is disabled at its next event. */
export type UpdateWebhookInput = {
  enabled?: boolean | null | undefined;
  events?: Array<WebhookEvent> | null | undefined;
  url?: string | null | undefined;
};

export type UserRole =
  | 'ADMIN'
  | 'MEMBER';

export type WebhookDeliveryStatus =
  | 'DELIVERED'
  | 'FAILED'
  | 'PENDING';

/** The payload `type` is the dotted lower-case form: TOKEN_IP_DENIED is token.ip_denied. TOKEN_REGENERATED covers rotation too. */
export type WebhookEvent =
  | 'TOKEN_CREATED'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_EXPIRING'
  | 'TOKEN_EXPOSED'
  | 'TOKEN_IP_DENIED'
  | 'TOKEN_REGENERATED'
  | 'TOKEN_REVOKED'
  | 'TOKEN_ROTATED_SECRET_REUSED'
  | 'TOKEN_UPDATED';

export type ConsoleUserSuggestionsQueryVariables = Exact<{
  search: string;
}>;


export type ConsoleUserSuggestionsQuery = { users: { nodes: Array<{ id: string, email: string }> } };

export type ConsoleUsersPageQueryVariables = Exact<{
  after?: string | null | undefined;
  search?: string | null | undefined;
}>;


export type ConsoleUsersPageQuery = { users: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, email: string, name: string | null, role: UserRole, createdAt: string, mustChangePassword: boolean | null }> } };

export type ConsoleCreateUserMutationVariables = Exact<{
  email: string;
  name?: string | null | undefined;
  password: string;
  role?: UserRole | null | undefined;
}>;


export type ConsoleCreateUserMutation = { createUser: { id: string, email: string } };

export type ConsoleDeleteUserMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleDeleteUserMutation = { deleteUser: boolean };

export type ConsoleResetPasswordMutationVariables = Exact<{
  userId: string | number;
}>;


export type ConsoleResetPasswordMutation = { resetPassword: { temporaryPassword: string, user: { id: string, email: string } } };

export type ConsoleChangePasswordMutationVariables = Exact<{
  currentPassword: string;
  newPassword: string;
}>;


export type ConsoleChangePasswordMutation = { changePassword: boolean };

export type ConsoleProjectDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleProjectDetailQuery = { project: { id: string, name: string, devices: { totalCount: number }, members: { totalCount: number } } | null };

export type ConsoleProjectTokenCountQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleProjectTokenCountQuery = { project: { id: string, tokens: { totalCount: number } } | null };

export type ConsoleCreateProjectMutationVariables = Exact<{
  name: string;
}>;


export type ConsoleCreateProjectMutation = { createProject: { id: string, name: string } };

export type ConsoleUpdateProjectMutationVariables = Exact<{
  id: string | number;
  name: string;
}>;


export type ConsoleUpdateProjectMutation = { updateProject: { id: string, name: string } };

export type ConsoleDeleteProjectMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleDeleteProjectMutation = { deleteProject: boolean };

export type ConsoleAddMemberMutationVariables = Exact<{
  projectId: string | number;
  userId: string | number;
  role: ProjectRole;
}>;


export type ConsoleAddMemberMutation = { addProjectMember: { role: ProjectRole, user: { id: string, email: string } } };

export type ConsoleRemoveMemberMutationVariables = Exact<{
  projectId: string | number;
  userId: string | number;
}>;


export type ConsoleRemoveMemberMutation = { removeProjectMember: boolean };

export type ConsoleDeviceListQueryVariables = Exact<{
  projectId: string | number;
  after?: string | null | undefined;
}>;


export type ConsoleDeviceListQuery = { devices: { totalCount: number, nodes: Array<{ id: string, name: string, status: DeviceStatus, lastSeenAt: string | null, metadata: unknown, createdAt: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleMemberListQueryVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
}>;


export type ConsoleMemberListQuery = { project: { id: string, members: { totalCount: number, nodes: Array<{ role: ProjectRole, user: { id: string, email: string, name: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type ConsoleCreateDeviceMutationVariables = Exact<{
  projectId: string | number;
  name: string;
  metadata?: unknown;
}>;


export type ConsoleCreateDeviceMutation = { createDevice: { id: string, name: string } };

export type ConsoleUpdateDeviceMutationVariables = Exact<{
  id: string | number;
  name?: string | null | undefined;
  metadata?: unknown;
}>;


export type ConsoleUpdateDeviceMutation = { updateDevice: { id: string, name: string } };

export type ConsoleDeleteDeviceMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleDeleteDeviceMutation = { deleteDevice: boolean };

export type ConsoleSetPolicyMutationVariables = Exact<{
  input: TokenPolicyInput;
}>;


export type ConsoleSetPolicyMutation = { setTokenPolicy: { defaultLifetimeDays: number | null, maxLifetimeDays: number | null, requireExpiry: boolean, customTokensAdminOnly: boolean, maxRotationOverlapSeconds: number, revokeOnRotatedSecretReuse: boolean, expiryNoticeDays: Array<number>, revokeUnusedAfterDays: number | null, requestsPerMinute: number, costPerHour: number | null } };

export type ConsoleAuditQueryVariables = Exact<{
  filter?: AuditEventFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleAuditQuery = { auditEvents: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, kind: TokenEventKind, createdAt: string, ip: string | null, details: unknown, actor: { id: string, email: string } | null, token: { id: string, name: string } }> } };

export type ConsoleTrustPoliciesQueryVariables = Exact<{
  projectId?: string | number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleTrustPoliciesQuery = { trustPolicies: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, issuer: string, jwksUri: string, audience: string, claims: unknown, apiMethods: Array<string> | null, maxLifetimeSeconds: number, projectId: string, createdAt: string, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> }> } };

export type ConsoleCreateTrustPolicyMutationVariables = Exact<{
  input: CreateTrustPolicyInput;
}>;


export type ConsoleCreateTrustPolicyMutation = { createTrustPolicy: { id: string, name: string } };

export type ConsoleUpdateTrustPolicyMutationVariables = Exact<{
  id: string | number;
  input: UpdateTrustPolicyInput;
}>;


export type ConsoleUpdateTrustPolicyMutation = { updateTrustPolicy: { id: string, name: string } };

export type ConsoleDeleteTrustPolicyMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleDeleteTrustPolicyMutation = { deleteTrustPolicy: boolean };

export type ConsoleEnrollmentTokensQueryVariables = Exact<{
  projectId: string | number;
  after?: string | null | undefined;
}>;


export type ConsoleEnrollmentTokensQuery = { enrollmentTokens: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, displayPrefix: string, status: EnrollmentTokenStatus, uses: number, maxUses: number, remainingUses: number, expiresAt: string, revokedAt: string | null, createdAt: string, deviceMetadata: unknown }> } };

export type ConsoleCreateEnrollmentTokenMutationVariables = Exact<{
  input: CreateEnrollmentTokenInput;
}>;


export type ConsoleCreateEnrollmentTokenMutation = { createEnrollmentToken: { secret: string, enrollmentToken: { id: string, name: string } } };

export type ConsoleRevokeEnrollmentTokenMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleRevokeEnrollmentTokenMutation = { revokeEnrollmentToken: { id: string, name: string, status: EnrollmentTokenStatus } };

export type ConsoleDeviceCodeQueryVariables = Exact<{
  userCode: string;
}>;


export type ConsoleDeviceCodeQuery = { deviceCode: { userCode: string, projectId: string, projectName: string, deviceName: string | null, status: DeviceCodeStatus, requestedFrom: string | null, createdAt: string, expiresAt: string } | null };

export type ConsoleApproveDeviceCodeMutationVariables = Exact<{
  userCode: string;
}>;


export type ConsoleApproveDeviceCodeMutation = { approveDeviceCode: { userCode: string, status: DeviceCodeStatus, projectName: string, deviceName: string | null } };

export type ConsoleDenyDeviceCodeMutationVariables = Exact<{
  userCode: string;
}>;


export type ConsoleDenyDeviceCodeMutation = { denyDeviceCode: { userCode: string, status: DeviceCodeStatus, projectName: string, deviceName: string | null } };

export type ConsoleWebhooksQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ConsoleWebhooksQuery = { webhooks: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, url: string, events: Array<WebhookEvent>, enabled: boolean, createdAt: string, disabledAt: string | null, disabledReason: string | null, failingSince: string | null, project: { id: string, name: string } | null }> } };

export type ConsoleCreateWebhookMutationVariables = Exact<{
  input: CreateWebhookInput;
}>;


export type ConsoleCreateWebhookMutation = { createWebhook: { secret: string, webhook: { id: string, url: string } } };

export type ConsoleUpdateWebhookMutationVariables = Exact<{
  id: string | number;
  input: UpdateWebhookInput;
}>;


export type ConsoleUpdateWebhookMutation = { updateWebhook: { id: string, url: string, enabled: boolean, events: Array<WebhookEvent> } };

export type ConsoleDeleteWebhookMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleDeleteWebhookMutation = { deleteWebhook: boolean };

export type ConsoleWebhookDeliveriesQueryVariables = Exact<{
  webhookId: string | number;
  after?: string | null | undefined;
}>;


export type ConsoleWebhookDeliveriesQuery = { webhookDeliveries: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, event: WebhookEvent, status: WebhookDeliveryStatus, attempts: number, lastResponseStatus: number | null, lastError: string | null, createdAt: string, lastAttemptAt: string | null, deliveredAt: string | null, nextAttemptAt: string | null, messageId: string }> } };

export type ConsoleRedeliverWebhookMutationVariables = Exact<{
  deliveryId: string | number;
}>;


export type ConsoleRedeliverWebhookMutation = { redeliverWebhook: { id: string, status: WebhookDeliveryStatus } };

export type TokenRowFragment = { id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, selfRotate: boolean, previousSecretValidUntil: string | null, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> };

export type ConsoleViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleViewerQuery = { viewer: { authMethod: AuthMethod, user: { id: string, email: string, name: string | null, role: UserRole, mustChangePassword: boolean | null } | null } };

export type ConsoleLoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type ConsoleLoginMutation = { login: { user: { id: string, email: string, name: string | null, role: UserRole, mustChangePassword: boolean | null } } };

export type ConsoleLogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type ConsoleLogoutMutation = { logout: boolean };

export type ConsoleSetupQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleSetupQuery = { apiMethods: Array<string>, tokenPolicy: { defaultLifetimeDays: number | null, maxLifetimeDays: number | null, requireExpiry: boolean, customTokensAdminOnly: boolean, maxRotationOverlapSeconds: number, revokeOnRotatedSecretReuse: boolean, expiryNoticeDays: Array<number>, revokeUnusedAfterDays: number | null, requestsPerMinute: number, costPerHour: number | null }, apiMethodSets: Array<{ key: string, name: string, description: string, methods: Array<string> }>, projects: { nodes: Array<{ id: string, name: string, createdAt: string, viewerRole: ProjectRole | null, members: { totalCount: number } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ProjectPageFragment = { nodes: Array<{ id: string, name: string, createdAt: string, viewerRole: ProjectRole | null, members: { totalCount: number } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } };

export type ConsoleMoreProjectsQueryVariables = Exact<{
  after: string;
}>;


export type ConsoleMoreProjectsQuery = { projects: { nodes: Array<{ id: string, name: string, createdAt: string, viewerRole: ProjectRole | null, members: { totalCount: number } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleDevicesQueryVariables = Exact<{
  projectId: string | number;
}>;


export type ConsoleDevicesQuery = { devices: { totalCount: number, nodes: Array<{ id: string, name: string }> } };

export type ConsoleMyTokensQueryVariables = Exact<{
  status?: TokenStatus | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleMyTokensQuery = { myTokens: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, selfRotate: boolean, previousSecretValidUntil: string | null, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> }> } };

export type ConsoleProjectTokensQueryVariables = Exact<{
  id: string | number;
  status?: TokenStatus | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleProjectTokensQuery = { project: { id: string, name: string, tokens: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, selfRotate: boolean, previousSecretValidUntil: string | null, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> }> } } | null };

export type ConsoleAdminTokensQueryVariables = Exact<{
  search?: string | null | undefined;
  status?: TokenStatus | null | undefined;
  after?: string | null | undefined;
  lastUsedBefore?: string | null | undefined;
  neverUsed?: boolean | null | undefined;
  expiresBefore?: string | null | undefined;
  allowsAnyAddress?: boolean | null | undefined;
  hasWriteGrants?: boolean | null | undefined;
}>;


export type ConsoleAdminTokensQuery = { adminTokens: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, selfRotate: boolean, previousSecretValidUntil: string | null, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> }> } };

export type ConsoleNotificationsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ConsoleNotificationsQuery = { viewer: { notifications: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, kind: string, message: string, createdAt: string, readAt: string | null, token: { id: string, name: string } | null }> } } };

export type ConsoleUnreadQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleUnreadQuery = { viewer: { notifications: { totalCount: number } } };

export type ConsoleMarkReadMutationVariables = Exact<{
  ids?: Array<string | number> | string | number | null | undefined;
}>;


export type ConsoleMarkReadMutation = { markNotificationsRead: number };

export type ConsoleCreateTokenMutationVariables = Exact<{
  input: CreateTokenInput;
  password: string;
}>;


export type ConsoleCreateTokenMutation = { createToken: { secret: string, token: { id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, selfRotate: boolean, previousSecretValidUntil: string | null, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> } } };

export type ConsoleUpdateTokenMutationVariables = Exact<{
  id: string | number;
  input: UpdateTokenInput;
  password: string;
}>;


export type ConsoleUpdateTokenMutation = { updateToken: { id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, selfRotate: boolean, previousSecretValidUntil: string | null, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> } };

export type ConsoleRegenerateTokenMutationVariables = Exact<{
  id: string | number;
  expiresAt?: string | null | undefined;
  password: string;
  overlapSeconds?: number | null | undefined;
}>;


export type ConsoleRegenerateTokenMutation = { regenerateToken: { secret: string, token: { id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, selfRotate: boolean, previousSecretValidUntil: string | null, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> } } };

export type ConsoleCopyTokenMutationVariables = Exact<{
  id: string | number;
  name: string;
  password: string;
}>;


export type ConsoleCopyTokenMutation = { copyToken: { secret: string, token: { id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, selfRotate: boolean, previousSecretValidUntil: string | null, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> } } };

export type ConsoleRevokeTokenMutationVariables = Exact<{
  id: string | number;
  reason?: string | null | undefined;
}>;


export type ConsoleRevokeTokenMutation = { revokeToken: { id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, selfRotate: boolean, previousSecretValidUntil: string | null, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> } };

export type ConsoleSuggestionQueryVariables = Exact<{
  id: string | number;
  days: number;
}>;


export type ConsoleSuggestionQuery = { token: { id: string, kind: TokenKind, apiMethodSet: string | null, apiMethods: Array<string> | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }>, suggestedGrants: { basedOnUses: number, apiMethods: Array<string>, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> } } | null };

export type ConsoleApplySuggestionMutationVariables = Exact<{
  id: string | number;
  days: number;
  password: string;
}>;


export type ConsoleApplySuggestionMutation = { applySuggestedGrants: { id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, selfRotate: boolean, previousSecretValidUntil: string | null, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> } };

export type ConsoleTokenQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleTokenQuery = { token: { id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, selfRotate: boolean, previousSecretValidUntil: string | null, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const TokenRowFragmentDoc = new TypedDocumentString(`
    fragment TokenRow on AccessToken {
  id
  name
  description
  kind
  displayPrefix
  status
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
  revokeReason
  revokedBy {
    email
  }
  apiMethodSet
  apiMethods
  allowedCidrs
  selfRotate
  previousSecretValidUntil
  owner {
    id
    email
    name
  }
  project {
    id
    name
  }
  grants {
    entity
    action
    projectId
    deviceId
    project {
      name
    }
    device {
      name
    }
  }
}
    `, {"fragmentName":"TokenRow"}) as unknown as TypedDocumentString<TokenRowFragment, unknown>;
export const ProjectPageFragmentDoc = new TypedDocumentString(`
    fragment ProjectPage on ProjectConnection {
  nodes {
    id
    name
    createdAt
    viewerRole
    members {
      totalCount
    }
  }
  pageInfo {
    hasNextPage
    endCursor
  }
}
    `, {"fragmentName":"ProjectPage"}) as unknown as TypedDocumentString<ProjectPageFragment, unknown>;
export const ConsoleUserSuggestionsDocument = new TypedDocumentString(`
    query ConsoleUserSuggestions($search: String!) {
  users(first: 10, search: $search) {
    nodes {
      id
      email
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleUserSuggestionsQuery, ConsoleUserSuggestionsQueryVariables>;
export const ConsoleUsersPageDocument = new TypedDocumentString(`
    query ConsoleUsersPage($after: String, $search: String) {
  users(first: 20, after: $after, search: $search) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      email
      name
      role
      createdAt
      mustChangePassword
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleUsersPageQuery, ConsoleUsersPageQueryVariables>;
export const ConsoleCreateUserDocument = new TypedDocumentString(`
    mutation ConsoleCreateUser($email: String!, $name: String, $password: String!, $role: UserRole) {
  createUser(email: $email, name: $name, password: $password, role: $role) {
    id
    email
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateUserMutation, ConsoleCreateUserMutationVariables>;
export const ConsoleDeleteUserDocument = new TypedDocumentString(`
    mutation ConsoleDeleteUser($id: ID!) {
  deleteUser(id: $id)
}
    `) as unknown as TypedDocumentString<ConsoleDeleteUserMutation, ConsoleDeleteUserMutationVariables>;
export const ConsoleResetPasswordDocument = new TypedDocumentString(`
    mutation ConsoleResetPassword($userId: ID!) {
  resetPassword(userId: $userId) {
    temporaryPassword
    user {
      id
      email
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleResetPasswordMutation, ConsoleResetPasswordMutationVariables>;
export const ConsoleChangePasswordDocument = new TypedDocumentString(`
    mutation ConsoleChangePassword($currentPassword: String!, $newPassword: String!) {
  changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
}
    `) as unknown as TypedDocumentString<ConsoleChangePasswordMutation, ConsoleChangePasswordMutationVariables>;
export const ConsoleProjectDetailDocument = new TypedDocumentString(`
    query ConsoleProjectDetail($id: ID!) {
  project(id: $id) {
    id
    name
    devices {
      totalCount
    }
    members {
      totalCount
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleProjectDetailQuery, ConsoleProjectDetailQueryVariables>;
export const ConsoleProjectTokenCountDocument = new TypedDocumentString(`
    query ConsoleProjectTokenCount($id: ID!) {
  project(id: $id) {
    id
    tokens(status: ACTIVE) {
      totalCount
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleProjectTokenCountQuery, ConsoleProjectTokenCountQueryVariables>;
export const ConsoleCreateProjectDocument = new TypedDocumentString(`
    mutation ConsoleCreateProject($name: String!) {
  createProject(name: $name) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateProjectMutation, ConsoleCreateProjectMutationVariables>;
export const ConsoleUpdateProjectDocument = new TypedDocumentString(`
    mutation ConsoleUpdateProject($id: ID!, $name: String!) {
  updateProject(id: $id, name: $name) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ConsoleUpdateProjectMutation, ConsoleUpdateProjectMutationVariables>;
export const ConsoleDeleteProjectDocument = new TypedDocumentString(`
    mutation ConsoleDeleteProject($id: ID!) {
  deleteProject(id: $id)
}
    `) as unknown as TypedDocumentString<ConsoleDeleteProjectMutation, ConsoleDeleteProjectMutationVariables>;
export const ConsoleAddMemberDocument = new TypedDocumentString(`
    mutation ConsoleAddMember($projectId: ID!, $userId: ID!, $role: ProjectRole!) {
  addProjectMember(projectId: $projectId, userId: $userId, role: $role) {
    role
    user {
      id
      email
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleAddMemberMutation, ConsoleAddMemberMutationVariables>;
export const ConsoleRemoveMemberDocument = new TypedDocumentString(`
    mutation ConsoleRemoveMember($projectId: ID!, $userId: ID!) {
  removeProjectMember(projectId: $projectId, userId: $userId)
}
    `) as unknown as TypedDocumentString<ConsoleRemoveMemberMutation, ConsoleRemoveMemberMutationVariables>;
export const ConsoleDeviceListDocument = new TypedDocumentString(`
    query ConsoleDeviceList($projectId: ID!, $after: String) {
  devices(projectId: $projectId, first: 50, after: $after) {
    nodes {
      id
      name
      status
      lastSeenAt
      metadata
      createdAt
    }
    pageInfo {
      hasNextPage
      endCursor
    }
    totalCount
  }
}
    `) as unknown as TypedDocumentString<ConsoleDeviceListQuery, ConsoleDeviceListQueryVariables>;
export const ConsoleMemberListDocument = new TypedDocumentString(`
    query ConsoleMemberList($id: ID!, $after: String) {
  project(id: $id) {
    id
    members(first: 100, after: $after) {
      nodes {
        role
        user {
          id
          email
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleMemberListQuery, ConsoleMemberListQueryVariables>;
export const ConsoleCreateDeviceDocument = new TypedDocumentString(`
    mutation ConsoleCreateDevice($projectId: ID!, $name: String!, $metadata: JSON) {
  createDevice(projectId: $projectId, name: $name, metadata: $metadata) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateDeviceMutation, ConsoleCreateDeviceMutationVariables>;
export const ConsoleUpdateDeviceDocument = new TypedDocumentString(`
    mutation ConsoleUpdateDevice($id: ID!, $name: String, $metadata: JSON) {
  updateDevice(id: $id, name: $name, metadata: $metadata) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ConsoleUpdateDeviceMutation, ConsoleUpdateDeviceMutationVariables>;
export const ConsoleDeleteDeviceDocument = new TypedDocumentString(`
    mutation ConsoleDeleteDevice($id: ID!) {
  deleteDevice(id: $id)
}
    `) as unknown as TypedDocumentString<ConsoleDeleteDeviceMutation, ConsoleDeleteDeviceMutationVariables>;
export const ConsoleSetPolicyDocument = new TypedDocumentString(`
    mutation ConsoleSetPolicy($input: TokenPolicyInput!) {
  setTokenPolicy(input: $input) {
    defaultLifetimeDays
    maxLifetimeDays
    requireExpiry
    customTokensAdminOnly
    maxRotationOverlapSeconds
    revokeOnRotatedSecretReuse
    expiryNoticeDays
    revokeUnusedAfterDays
    requestsPerMinute
    costPerHour
  }
}
    `) as unknown as TypedDocumentString<ConsoleSetPolicyMutation, ConsoleSetPolicyMutationVariables>;
export const ConsoleAuditDocument = new TypedDocumentString(`
    query ConsoleAudit($filter: AuditEventFilter, $after: String) {
  auditEvents(filter: $filter, first: 25, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      kind
      createdAt
      ip
      details
      actor {
        id
        email
      }
      token {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleAuditQuery, ConsoleAuditQueryVariables>;
export const ConsoleTrustPoliciesDocument = new TypedDocumentString(`
    query ConsoleTrustPolicies($projectId: ID, $after: String) {
  trustPolicies(projectId: $projectId, first: 20, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      name
      issuer
      jwksUri
      audience
      claims
      apiMethods
      maxLifetimeSeconds
      projectId
      createdAt
      grants {
        entity
        action
        projectId
        deviceId
        project {
          name
        }
        device {
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleTrustPoliciesQuery, ConsoleTrustPoliciesQueryVariables>;
export const ConsoleCreateTrustPolicyDocument = new TypedDocumentString(`
    mutation ConsoleCreateTrustPolicy($input: CreateTrustPolicyInput!) {
  createTrustPolicy(input: $input) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateTrustPolicyMutation, ConsoleCreateTrustPolicyMutationVariables>;
export const ConsoleUpdateTrustPolicyDocument = new TypedDocumentString(`
    mutation ConsoleUpdateTrustPolicy($id: ID!, $input: UpdateTrustPolicyInput!) {
  updateTrustPolicy(id: $id, input: $input) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ConsoleUpdateTrustPolicyMutation, ConsoleUpdateTrustPolicyMutationVariables>;
export const ConsoleDeleteTrustPolicyDocument = new TypedDocumentString(`
    mutation ConsoleDeleteTrustPolicy($id: ID!) {
  deleteTrustPolicy(id: $id)
}
    `) as unknown as TypedDocumentString<ConsoleDeleteTrustPolicyMutation, ConsoleDeleteTrustPolicyMutationVariables>;
export const ConsoleEnrollmentTokensDocument = new TypedDocumentString(`
    query ConsoleEnrollmentTokens($projectId: ID!, $after: String) {
  enrollmentTokens(projectId: $projectId, first: 20, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      name
      displayPrefix
      status
      uses
      maxUses
      remainingUses
      expiresAt
      revokedAt
      createdAt
      deviceMetadata
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleEnrollmentTokensQuery, ConsoleEnrollmentTokensQueryVariables>;
export const ConsoleCreateEnrollmentTokenDocument = new TypedDocumentString(`
    mutation ConsoleCreateEnrollmentToken($input: CreateEnrollmentTokenInput!) {
  createEnrollmentToken(input: $input) {
    secret
    enrollmentToken {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateEnrollmentTokenMutation, ConsoleCreateEnrollmentTokenMutationVariables>;
export const ConsoleRevokeEnrollmentTokenDocument = new TypedDocumentString(`
    mutation ConsoleRevokeEnrollmentToken($id: ID!) {
  revokeEnrollmentToken(id: $id) {
    id
    name
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleRevokeEnrollmentTokenMutation, ConsoleRevokeEnrollmentTokenMutationVariables>;
export const ConsoleDeviceCodeDocument = new TypedDocumentString(`
    query ConsoleDeviceCode($userCode: String!) {
  deviceCode(userCode: $userCode) {
    userCode
    projectId
    projectName
    deviceName
    status
    requestedFrom
    createdAt
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleDeviceCodeQuery, ConsoleDeviceCodeQueryVariables>;
export const ConsoleApproveDeviceCodeDocument = new TypedDocumentString(`
    mutation ConsoleApproveDeviceCode($userCode: String!) {
  approveDeviceCode(userCode: $userCode) {
    userCode
    status
    projectName
    deviceName
  }
}
    `) as unknown as TypedDocumentString<ConsoleApproveDeviceCodeMutation, ConsoleApproveDeviceCodeMutationVariables>;
export const ConsoleDenyDeviceCodeDocument = new TypedDocumentString(`
    mutation ConsoleDenyDeviceCode($userCode: String!) {
  denyDeviceCode(userCode: $userCode) {
    userCode
    status
    projectName
    deviceName
  }
}
    `) as unknown as TypedDocumentString<ConsoleDenyDeviceCodeMutation, ConsoleDenyDeviceCodeMutationVariables>;
export const ConsoleWebhooksDocument = new TypedDocumentString(`
    query ConsoleWebhooks($after: String) {
  webhooks(first: 20, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      url
      events
      enabled
      createdAt
      disabledAt
      disabledReason
      failingSince
      project {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleWebhooksQuery, ConsoleWebhooksQueryVariables>;
export const ConsoleCreateWebhookDocument = new TypedDocumentString(`
    mutation ConsoleCreateWebhook($input: CreateWebhookInput!) {
  createWebhook(input: $input) {
    secret
    webhook {
      id
      url
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateWebhookMutation, ConsoleCreateWebhookMutationVariables>;
export const ConsoleUpdateWebhookDocument = new TypedDocumentString(`
    mutation ConsoleUpdateWebhook($id: ID!, $input: UpdateWebhookInput!) {
  updateWebhook(id: $id, input: $input) {
    id
    url
    enabled
    events
  }
}
    `) as unknown as TypedDocumentString<ConsoleUpdateWebhookMutation, ConsoleUpdateWebhookMutationVariables>;
export const ConsoleDeleteWebhookDocument = new TypedDocumentString(`
    mutation ConsoleDeleteWebhook($id: ID!) {
  deleteWebhook(id: $id)
}
    `) as unknown as TypedDocumentString<ConsoleDeleteWebhookMutation, ConsoleDeleteWebhookMutationVariables>;
export const ConsoleWebhookDeliveriesDocument = new TypedDocumentString(`
    query ConsoleWebhookDeliveries($webhookId: ID!, $after: String) {
  webhookDeliveries(webhookId: $webhookId, first: 10, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      event
      status
      attempts
      lastResponseStatus
      lastError
      createdAt
      lastAttemptAt
      deliveredAt
      nextAttemptAt
      messageId
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleWebhookDeliveriesQuery, ConsoleWebhookDeliveriesQueryVariables>;
export const ConsoleRedeliverWebhookDocument = new TypedDocumentString(`
    mutation ConsoleRedeliverWebhook($deliveryId: ID!) {
  redeliverWebhook(deliveryId: $deliveryId) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleRedeliverWebhookMutation, ConsoleRedeliverWebhookMutationVariables>;
export const ConsoleViewerDocument = new TypedDocumentString(`
    query ConsoleViewer {
  viewer {
    authMethod
    user {
      id
      email
      name
      role
      mustChangePassword
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleViewerQuery, ConsoleViewerQueryVariables>;
export const ConsoleLoginDocument = new TypedDocumentString(`
    mutation ConsoleLogin($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    user {
      id
      email
      name
      role
      mustChangePassword
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleLoginMutation, ConsoleLoginMutationVariables>;
export const ConsoleLogoutDocument = new TypedDocumentString(`
    mutation ConsoleLogout {
  logout
}
    `) as unknown as TypedDocumentString<ConsoleLogoutMutation, ConsoleLogoutMutationVariables>;
export const ConsoleSetupDocument = new TypedDocumentString(`
    query ConsoleSetup {
  tokenPolicy {
    defaultLifetimeDays
    maxLifetimeDays
    requireExpiry
    customTokensAdminOnly
    maxRotationOverlapSeconds
    revokeOnRotatedSecretReuse
    expiryNoticeDays
    revokeUnusedAfterDays
    requestsPerMinute
    costPerHour
  }
  apiMethods
  apiMethodSets {
    key
    name
    description
    methods
  }
  projects(first: 100) {
    ...ProjectPage
  }
}
    fragment ProjectPage on ProjectConnection {
  nodes {
    id
    name
    createdAt
    viewerRole
    members {
      totalCount
    }
  }
  pageInfo {
    hasNextPage
    endCursor
  }
}`) as unknown as TypedDocumentString<ConsoleSetupQuery, ConsoleSetupQueryVariables>;
export const ConsoleMoreProjectsDocument = new TypedDocumentString(`
    query ConsoleMoreProjects($after: String!) {
  projects(first: 100, after: $after) {
    ...ProjectPage
  }
}
    fragment ProjectPage on ProjectConnection {
  nodes {
    id
    name
    createdAt
    viewerRole
    members {
      totalCount
    }
  }
  pageInfo {
    hasNextPage
    endCursor
  }
}`) as unknown as TypedDocumentString<ConsoleMoreProjectsQuery, ConsoleMoreProjectsQueryVariables>;
export const ConsoleDevicesDocument = new TypedDocumentString(`
    query ConsoleDevices($projectId: ID!) {
  devices(projectId: $projectId, first: 100) {
    nodes {
      id
      name
    }
    totalCount
  }
}
    `) as unknown as TypedDocumentString<ConsoleDevicesQuery, ConsoleDevicesQueryVariables>;
export const ConsoleMyTokensDocument = new TypedDocumentString(`
    query ConsoleMyTokens($status: TokenStatus, $after: String) {
  myTokens(status: $status, first: 20, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...TokenRow
    }
  }
}
    fragment TokenRow on AccessToken {
  id
  name
  description
  kind
  displayPrefix
  status
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
  revokeReason
  revokedBy {
    email
  }
  apiMethodSet
  apiMethods
  allowedCidrs
  selfRotate
  previousSecretValidUntil
  owner {
    id
    email
    name
  }
  project {
    id
    name
  }
  grants {
    entity
    action
    projectId
    deviceId
    project {
      name
    }
    device {
      name
    }
  }
}`) as unknown as TypedDocumentString<ConsoleMyTokensQuery, ConsoleMyTokensQueryVariables>;
export const ConsoleProjectTokensDocument = new TypedDocumentString(`
    query ConsoleProjectTokens($id: ID!, $status: TokenStatus, $after: String) {
  project(id: $id) {
    id
    name
    tokens(status: $status, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...TokenRow
      }
    }
  }
}
    fragment TokenRow on AccessToken {
  id
  name
  description
  kind
  displayPrefix
  status
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
  revokeReason
  revokedBy {
    email
  }
  apiMethodSet
  apiMethods
  allowedCidrs
  selfRotate
  previousSecretValidUntil
  owner {
    id
    email
    name
  }
  project {
    id
    name
  }
  grants {
    entity
    action
    projectId
    deviceId
    project {
      name
    }
    device {
      name
    }
  }
}`) as unknown as TypedDocumentString<ConsoleProjectTokensQuery, ConsoleProjectTokensQueryVariables>;
export const ConsoleAdminTokensDocument = new TypedDocumentString(`
    query ConsoleAdminTokens($search: String, $status: TokenStatus, $after: String, $lastUsedBefore: DateTime, $neverUsed: Boolean, $expiresBefore: DateTime, $allowsAnyAddress: Boolean, $hasWriteGrants: Boolean) {
  adminTokens(
    search: $search
    status: $status
    first: 20
    after: $after
    lastUsedBefore: $lastUsedBefore
    neverUsed: $neverUsed
    expiresBefore: $expiresBefore
    allowsAnyAddress: $allowsAnyAddress
    hasWriteGrants: $hasWriteGrants
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...TokenRow
    }
  }
}
    fragment TokenRow on AccessToken {
  id
  name
  description
  kind
  displayPrefix
  status
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
  revokeReason
  revokedBy {
    email
  }
  apiMethodSet
  apiMethods
  allowedCidrs
  selfRotate
  previousSecretValidUntil
  owner {
    id
    email
    name
  }
  project {
    id
    name
  }
  grants {
    entity
    action
    projectId
    deviceId
    project {
      name
    }
    device {
      name
    }
  }
}`) as unknown as TypedDocumentString<ConsoleAdminTokensQuery, ConsoleAdminTokensQueryVariables>;
export const ConsoleNotificationsDocument = new TypedDocumentString(`
    query ConsoleNotifications($after: String) {
  viewer {
    notifications(first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        kind
        message
        createdAt
        readAt
        token {
          id
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleNotificationsQuery, ConsoleNotificationsQueryVariables>;
export const ConsoleUnreadDocument = new TypedDocumentString(`
    query ConsoleUnread {
  viewer {
    notifications(unreadOnly: true) {
      totalCount
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleUnreadQuery, ConsoleUnreadQueryVariables>;
export const ConsoleMarkReadDocument = new TypedDocumentString(`
    mutation ConsoleMarkRead($ids: [ID!]) {
  markNotificationsRead(ids: $ids)
}
    `) as unknown as TypedDocumentString<ConsoleMarkReadMutation, ConsoleMarkReadMutationVariables>;
export const ConsoleCreateTokenDocument = new TypedDocumentString(`
    mutation ConsoleCreateToken($input: CreateTokenInput!, $password: String!) {
  createToken(input: $input, password: $password) {
    secret
    token {
      ...TokenRow
    }
  }
}
    fragment TokenRow on AccessToken {
  id
  name
  description
  kind
  displayPrefix
  status
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
  revokeReason
  revokedBy {
    email
  }
  apiMethodSet
  apiMethods
  allowedCidrs
  selfRotate
  previousSecretValidUntil
  owner {
    id
    email
    name
  }
  project {
    id
    name
  }
  grants {
    entity
    action
    projectId
    deviceId
    project {
      name
    }
    device {
      name
    }
  }
}`) as unknown as TypedDocumentString<ConsoleCreateTokenMutation, ConsoleCreateTokenMutationVariables>;
export const ConsoleUpdateTokenDocument = new TypedDocumentString(`
    mutation ConsoleUpdateToken($id: ID!, $input: UpdateTokenInput!, $password: String!) {
  updateToken(id: $id, input: $input, password: $password) {
    ...TokenRow
  }
}
    fragment TokenRow on AccessToken {
  id
  name
  description
  kind
  displayPrefix
  status
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
  revokeReason
  revokedBy {
    email
  }
  apiMethodSet
  apiMethods
  allowedCidrs
  selfRotate
  previousSecretValidUntil
  owner {
    id
    email
    name
  }
  project {
    id
    name
  }
  grants {
    entity
    action
    projectId
    deviceId
    project {
      name
    }
    device {
      name
    }
  }
}`) as unknown as TypedDocumentString<ConsoleUpdateTokenMutation, ConsoleUpdateTokenMutationVariables>;
export const ConsoleRegenerateTokenDocument = new TypedDocumentString(`
    mutation ConsoleRegenerateToken($id: ID!, $expiresAt: DateTime, $password: String!, $overlapSeconds: Int) {
  regenerateToken(
    id: $id
    expiresAt: $expiresAt
    password: $password
    overlapSeconds: $overlapSeconds
  ) {
    secret
    token {
      ...TokenRow
    }
  }
}
    fragment TokenRow on AccessToken {
  id
  name
  description
  kind
  displayPrefix
  status
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
  revokeReason
  revokedBy {
    email
  }
  apiMethodSet
  apiMethods
  allowedCidrs
  selfRotate
  previousSecretValidUntil
  owner {
    id
    email
    name
  }
  project {
    id
    name
  }
  grants {
    entity
    action
    projectId
    deviceId
    project {
      name
    }
    device {
      name
    }
  }
}`) as unknown as TypedDocumentString<ConsoleRegenerateTokenMutation, ConsoleRegenerateTokenMutationVariables>;
export const ConsoleCopyTokenDocument = new TypedDocumentString(`
    mutation ConsoleCopyToken($id: ID!, $name: String!, $password: String!) {
  copyToken(id: $id, name: $name, password: $password) {
    secret
    token {
      ...TokenRow
    }
  }
}
    fragment TokenRow on AccessToken {
  id
  name
  description
  kind
  displayPrefix
  status
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
  revokeReason
  revokedBy {
    email
  }
  apiMethodSet
  apiMethods
  allowedCidrs
  selfRotate
  previousSecretValidUntil
  owner {
    id
    email
    name
  }
  project {
    id
    name
  }
  grants {
    entity
    action
    projectId
    deviceId
    project {
      name
    }
    device {
      name
    }
  }
}`) as unknown as TypedDocumentString<ConsoleCopyTokenMutation, ConsoleCopyTokenMutationVariables>;
export const ConsoleRevokeTokenDocument = new TypedDocumentString(`
    mutation ConsoleRevokeToken($id: ID!, $reason: String) {
  revokeToken(id: $id, reason: $reason) {
    ...TokenRow
  }
}
    fragment TokenRow on AccessToken {
  id
  name
  description
  kind
  displayPrefix
  status
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
  revokeReason
  revokedBy {
    email
  }
  apiMethodSet
  apiMethods
  allowedCidrs
  selfRotate
  previousSecretValidUntil
  owner {
    id
    email
    name
  }
  project {
    id
    name
  }
  grants {
    entity
    action
    projectId
    deviceId
    project {
      name
    }
    device {
      name
    }
  }
}`) as unknown as TypedDocumentString<ConsoleRevokeTokenMutation, ConsoleRevokeTokenMutationVariables>;
export const ConsoleSuggestionDocument = new TypedDocumentString(`
    query ConsoleSuggestion($id: ID!, $days: Int!) {
  token(id: $id) {
    id
    kind
    apiMethodSet
    apiMethods
    grants {
      entity
      action
      projectId
      deviceId
      project {
        name
      }
      device {
        name
      }
    }
    suggestedGrants(days: $days) {
      basedOnUses
      apiMethods
      grants {
        entity
        action
        projectId
        deviceId
        project {
          name
        }
        device {
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleSuggestionQuery, ConsoleSuggestionQueryVariables>;
export const ConsoleApplySuggestionDocument = new TypedDocumentString(`
    mutation ConsoleApplySuggestion($id: ID!, $days: Int!, $password: String!) {
  applySuggestedGrants(id: $id, days: $days, password: $password) {
    ...TokenRow
  }
}
    fragment TokenRow on AccessToken {
  id
  name
  description
  kind
  displayPrefix
  status
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
  revokeReason
  revokedBy {
    email
  }
  apiMethodSet
  apiMethods
  allowedCidrs
  selfRotate
  previousSecretValidUntil
  owner {
    id
    email
    name
  }
  project {
    id
    name
  }
  grants {
    entity
    action
    projectId
    deviceId
    project {
      name
    }
    device {
      name
    }
  }
}`) as unknown as TypedDocumentString<ConsoleApplySuggestionMutation, ConsoleApplySuggestionMutationVariables>;
export const ConsoleTokenDocument = new TypedDocumentString(`
    query ConsoleToken($id: ID!) {
  token(id: $id) {
    ...TokenRow
  }
}
    fragment TokenRow on AccessToken {
  id
  name
  description
  kind
  displayPrefix
  status
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
  revokeReason
  revokedBy {
    email
  }
  apiMethodSet
  apiMethods
  allowedCidrs
  selfRotate
  previousSecretValidUntil
  owner {
    id
    email
    name
  }
  project {
    id
    name
  }
  grants {
    entity
    action
    projectId
    deviceId
    project {
      name
    }
    device {
      name
    }
  }
}`) as unknown as TypedDocumentString<ConsoleTokenQuery, ConsoleTokenQueryVariables>;