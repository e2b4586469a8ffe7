/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AuthMethod =
  | 'ACCESS_TOKEN'
  | 'ANONYMOUS'
  | 'EXCHANGED_JWT'
  | 'SESSION';

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
};

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
};

export type UserRole =
  | 'ADMIN'
  | 'MEMBER';

export type TokenRowFragment = { id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> };

export type ConsoleViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleViewerQuery = { viewer: { authMethod: AuthMethod, user: { id: string, email: string, name: string | null, role: UserRole } | null } };

export type ConsoleLoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type ConsoleLoginMutation = { login: { user: { id: string, email: string, name: string | null, role: UserRole } } };

export type ConsoleLogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type ConsoleLogoutMutation = { logout: boolean };

export type ConsoleSetupQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleSetupQuery = { apiMethods: Array<string>, tokenPolicy: { defaultLifetimeDays: number | null, maxLifetimeDays: number | null, requireExpiry: boolean, customTokensAdminOnly: boolean }, apiMethodSets: Array<{ key: string, name: string, description: string, methods: Array<string> }>, projects: Array<{ id: string, name: string, members: Array<{ role: ProjectRole, user: { id: string } }> }> };

export type ConsoleDevicesQueryVariables = Exact<{
  projectId: string | number;
}>;


export type ConsoleDevicesQuery = { devices: Array<{ id: string, name: string }> };

export type ConsoleMyTokensQueryVariables = Exact<{
  status?: TokenStatus | null | undefined;
}>;


export type ConsoleMyTokensQuery = { myTokens: Array<{ id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> }> };

export type ConsoleProjectTokensQueryVariables = Exact<{
  id: string | number;
  status?: TokenStatus | null | undefined;
}>;


export type ConsoleProjectTokensQuery = { project: { id: string, name: string, tokens: Array<{ id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> }> } | null };

export type ConsoleAdminTokensQueryVariables = Exact<{
  search?: string | null | undefined;
  status?: TokenStatus | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleAdminTokensQuery = { adminTokens: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> }> } };

export type ConsoleNotificationsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleNotificationsQuery = { viewer: { notifications: Array<{ id: string, kind: string, message: string, createdAt: string, readAt: string | null, token: { id: string, name: string } | null }> } };

export type ConsoleUnreadQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleUnreadQuery = { viewer: { notifications: Array<{ id: string }> } };

export type ConsoleMarkReadMutationVariables = Exact<{
  ids?: Array<string | number> | string | number | null | undefined;
}>;


export type ConsoleMarkReadMutation = { markNotificationsRead: number };

export type ConsoleCreateTokenMutationVariables = Exact<{
  input: CreateTokenInput;
  password: string;
}>;


export type ConsoleCreateTokenMutation = { createToken: { secret: string, token: { id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> } } };

export type ConsoleUpdateTokenMutationVariables = Exact<{
  id: string | number;
  input: UpdateTokenInput;
  password: string;
}>;


export type ConsoleUpdateTokenMutation = { updateToken: { id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> } };

export type ConsoleRegenerateTokenMutationVariables = Exact<{
  id: string | number;
  expiresAt?: string | null | undefined;
  password: string;
}>;


export type ConsoleRegenerateTokenMutation = { regenerateToken: { secret: string, token: { id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> } } };

export type ConsoleCopyTokenMutationVariables = Exact<{
  id: string | number;
  name: string;
  password: string;
}>;


export type ConsoleCopyTokenMutation = { copyToken: { secret: string, token: { id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> } } };

export type ConsoleRevokeTokenMutationVariables = Exact<{
  id: string | number;
  reason?: string | null | undefined;
}>;


export type ConsoleRevokeTokenMutation = { revokeToken: { id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> } };

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


export type ConsoleApplySuggestionMutation = { applySuggestedGrants: { id: string, name: string, description: string | null, kind: TokenKind, displayPrefix: string, status: TokenStatus, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, revokeReason: string | null, apiMethodSet: string | null, apiMethods: Array<string> | null, allowedCidrs: Array<string>, revokedBy: { email: string } | null, owner: { id: string, email: string, name: string | null } | null, project: { id: string, name: string } | null, grants: Array<{ entity: ScopeEntity, action: ScopeAction, projectId: string | null, deviceId: string | null, project: { name: string } | null, device: { name: string } | null }> } };

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
export const ConsoleViewerDocument = new TypedDocumentString(`
    query ConsoleViewer {
  viewer {
    authMethod
    user {
      id
      email
      name
      role
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
  }
  apiMethods
  apiMethodSets {
    key
    name
    description
    methods
  }
  projects {
    id
    name
    members {
      role
      user {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleSetupQuery, ConsoleSetupQueryVariables>;
export const ConsoleDevicesDocument = new TypedDocumentString(`
    query ConsoleDevices($projectId: ID!) {
  devices(projectId: $projectId) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ConsoleDevicesQuery, ConsoleDevicesQueryVariables>;
export const ConsoleMyTokensDocument = new TypedDocumentString(`
    query ConsoleMyTokens($status: TokenStatus) {
  myTokens(status: $status) {
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
    query ConsoleProjectTokens($id: ID!, $status: TokenStatus) {
  project(id: $id) {
    id
    name
    tokens(status: $status) {
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
    query ConsoleAdminTokens($search: String, $status: TokenStatus, $after: String) {
  adminTokens(search: $search, status: $status, first: 20, after: $after) {
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
    query ConsoleNotifications {
  viewer {
    notifications {
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
    `) as unknown as TypedDocumentString<ConsoleNotificationsQuery, ConsoleNotificationsQueryVariables>;
export const ConsoleUnreadDocument = new TypedDocumentString(`
    query ConsoleUnread {
  viewer {
    notifications(unreadOnly: true) {
      id
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
    mutation ConsoleRegenerateToken($id: ID!, $expiresAt: DateTime, $password: String!) {
  regenerateToken(id: $id, expiresAt: $expiresAt, password: $password) {
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