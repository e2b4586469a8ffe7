// Every operation the console sends. Typed by codegen (`npm run codegen`) into ./gql.
import { graphql } from './gql/index.js';

graphql(`
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
    revokedBy { email }
    apiMethodSet
    apiMethods
    allowedCidrs
    selfRotate
    previousSecretValidUntil
    owner { id email name }
    project { id name }
    grants { entity action projectId deviceId project { name } device { name } }
  }
`);

export const ViewerQuery = graphql(`
  query ConsoleViewer {
    viewer {
      authMethod
      user { id email name role mustChangePassword }
    }
  }
`);

export const LoginMutation = graphql(`
  mutation ConsoleLogin($email: String!, $password: String!) {
    login(email: $email, password: $password) { user { id email name role mustChangePassword } }
  }
`);

export const LogoutMutation = graphql(`
  mutation ConsoleLogout { logout }
`);

export const SetupQuery = graphql(`
  query ConsoleSetup {
    tokenPolicy { defaultLifetimeDays maxLifetimeDays requireExpiry customTokensAdminOnly maxRotationOverlapSeconds revokeOnRotatedSecretReuse expiryNoticeDays revokeUnusedAfterDays requestsPerMinute costPerHour }
    apiMethods
    apiMethodSets { key name description methods }
    projects(first: 100) { ...ProjectPage }
  }
`);

// The console keeps every project it may see (pickers, roles); each request asks for one page.
export const ProjectPageFragment = graphql(`
  fragment ProjectPage on ProjectConnection {
    nodes { id name createdAt viewerRole members { totalCount } }
    pageInfo { hasNextPage endCursor }
  }
`);

export const MoreProjectsQuery = graphql(`
  query ConsoleMoreProjects($after: String!) {
    projects(first: 100, after: $after) { ...ProjectPage }
  }
`);

// A grant's device picker offers the first 100; a grant on the whole project covers the rest.
export const DevicesQuery = graphql(`
  query ConsoleDevices($projectId: ID!) {
    devices(projectId: $projectId, first: 100) { nodes { id name } totalCount }
  }
`);

export const MyTokensQuery = graphql(`
  query ConsoleMyTokens($status: TokenStatus, $after: String) {
    myTokens(status: $status, first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ...TokenRow } }
  }
`);

export const ProjectTokensQuery = graphql(`
  query ConsoleProjectTokens($id: ID!, $status: TokenStatus, $after: String) {
    project(id: $id) { id name tokens(status: $status, first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ...TokenRow } } }
  }
`);

export const AdminTokensQuery = graphql(`
  query ConsoleAdminTokens(
    $search: String
    $status: TokenStatus
    $after: String
    $lastUsedBefore: DateTime
    $neverUsed: Boolean
    $expiresBefore: DateTime
    $allowsAnyAddress: Boolean
    $hasWriteGrants: Boolean
  ) {
    # 20 rows keep this query well inside the gateway's cost limit (armor multiplies by first).
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
      pageInfo { hasNextPage endCursor }
      nodes { ...TokenRow }
    }
  }
`);

export const NotificationsQuery = graphql(`
  query ConsoleNotifications($after: String) {
    viewer { notifications(first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id kind message createdAt readAt token { id name } } } }
  }
`);

export const UnreadCountQuery = graphql(`
  query ConsoleUnread {
    viewer { notifications(unreadOnly: true) { totalCount } }
  }
`);

export const MarkReadMutation = graphql(`
  mutation ConsoleMarkRead($ids: [ID!]) { markNotificationsRead(ids: $ids) }
`);

export const CreateTokenMutation = graphql(`
  mutation ConsoleCreateToken($input: CreateTokenInput!, $password: String!) {
    createToken(input: $input, password: $password) { secret token { ...TokenRow } }
  }
`);

export const UpdateTokenMutation = graphql(`
  mutation ConsoleUpdateToken($id: ID!, $input: UpdateTokenInput!, $password: String!) {
    updateToken(id: $id, input: $input, password: $password) { ...TokenRow }
  }
`);

export const RegenerateTokenMutation = graphql(`
  mutation ConsoleRegenerateToken($id: ID!, $expiresAt: DateTime, $password: String!, $overlapSeconds: Int) {
    regenerateToken(id: $id, expiresAt: $expiresAt, password: $password, overlapSeconds: $overlapSeconds) { secret token { ...TokenRow } }
  }
`);

export const CopyTokenMutation = graphql(`
  mutation ConsoleCopyToken($id: ID!, $name: String!, $password: String!) {
    copyToken(id: $id, name: $name, password: $password) { secret token { ...TokenRow } }
  }
`);

export const RevokeTokenMutation = graphql(`
  mutation ConsoleRevokeToken($id: ID!, $reason: String) {
    revokeToken(id: $id, reason: $reason) { ...TokenRow }
  }
`);

export const SuggestionQuery = graphql(`
  query ConsoleSuggestion($id: ID!, $days: Int!) {
    token(id: $id) {
      id
      kind
      apiMethodSet
      apiMethods
      grants { entity action projectId deviceId project { name } device { name } }
      suggestedGrants(days: $days) {
        basedOnUses
        apiMethods
        grants { entity action projectId deviceId project { name } device { name } }
      }
    }
  }
`);

export const ApplySuggestionMutation = graphql(`
  mutation ConsoleApplySuggestion($id: ID!, $days: Int!, $password: String!) {
    applySuggestedGrants(id: $id, days: $days, password: $password) { ...TokenRow }
  }
`);

export const TokenQuery = graphql(`
  query ConsoleToken($id: ID!) {
    token(id: $id) { ...TokenRow }
  }
`);
