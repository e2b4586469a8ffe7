/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment TokenRow on AccessToken {\n    id\n    name\n    description\n    kind\n    displayPrefix\n    status\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n    revokeReason\n    revokedBy { email }\n    apiMethodSet\n    apiMethods\n    allowedCidrs\n    owner { id email name }\n    project { id name }\n    grants { entity action projectId deviceId project { name } device { name } }\n  }\n": typeof types.TokenRowFragmentDoc,
    "\n  query ConsoleViewer {\n    viewer {\n      authMethod\n      user { id email name role }\n    }\n  }\n": typeof types.ConsoleViewerDocument,
    "\n  mutation ConsoleLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { user { id email name role } }\n  }\n": typeof types.ConsoleLoginDocument,
    "\n  mutation ConsoleLogout { logout }\n": typeof types.ConsoleLogoutDocument,
    "\n  query ConsoleSetup {\n    tokenPolicy { defaultLifetimeDays maxLifetimeDays requireExpiry customTokensAdminOnly }\n    apiMethods\n    apiMethodSets { key name description methods }\n    projects { id name members { role user { id } } }\n  }\n": typeof types.ConsoleSetupDocument,
    "\n  query ConsoleDevices($projectId: ID!) {\n    devices(projectId: $projectId) { id name }\n  }\n": typeof types.ConsoleDevicesDocument,
    "\n  query ConsoleMyTokens($status: TokenStatus) {\n    myTokens(status: $status) { ...TokenRow }\n  }\n": typeof types.ConsoleMyTokensDocument,
    "\n  query ConsoleProjectTokens($id: ID!, $status: TokenStatus) {\n    project(id: $id) { id name tokens(status: $status) { ...TokenRow } }\n  }\n": typeof types.ConsoleProjectTokensDocument,
    "\n  query ConsoleAdminTokens($search: String, $status: TokenStatus, $after: String) {\n    # 20 rows keep this query well inside the gateway's cost limit (armor multiplies by first).\n    adminTokens(search: $search, status: $status, first: 20, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...TokenRow }\n    }\n  }\n": typeof types.ConsoleAdminTokensDocument,
    "\n  query ConsoleNotifications {\n    viewer { notifications { id kind message createdAt readAt token { id name } } }\n  }\n": typeof types.ConsoleNotificationsDocument,
    "\n  query ConsoleUnread {\n    viewer { notifications(unreadOnly: true) { id } }\n  }\n": typeof types.ConsoleUnreadDocument,
    "\n  mutation ConsoleMarkRead($ids: [ID!]) { markNotificationsRead(ids: $ids) }\n": typeof types.ConsoleMarkReadDocument,
    "\n  mutation ConsoleCreateToken($input: CreateTokenInput!, $password: String!) {\n    createToken(input: $input, password: $password) { secret token { ...TokenRow } }\n  }\n": typeof types.ConsoleCreateTokenDocument,
    "\n  mutation ConsoleUpdateToken($id: ID!, $input: UpdateTokenInput!, $password: String!) {\n    updateToken(id: $id, input: $input, password: $password) { ...TokenRow }\n  }\n": typeof types.ConsoleUpdateTokenDocument,
    "\n  mutation ConsoleRegenerateToken($id: ID!, $expiresAt: DateTime, $password: String!) {\n    regenerateToken(id: $id, expiresAt: $expiresAt, password: $password) { secret token { ...TokenRow } }\n  }\n": typeof types.ConsoleRegenerateTokenDocument,
    "\n  mutation ConsoleCopyToken($id: ID!, $name: String!, $password: String!) {\n    copyToken(id: $id, name: $name, password: $password) { secret token { ...TokenRow } }\n  }\n": typeof types.ConsoleCopyTokenDocument,
    "\n  mutation ConsoleRevokeToken($id: ID!, $reason: String) {\n    revokeToken(id: $id, reason: $reason) { ...TokenRow }\n  }\n": typeof types.ConsoleRevokeTokenDocument,
    "\n  query ConsoleSuggestion($id: ID!, $days: Int!) {\n    token(id: $id) {\n      id\n      kind\n      apiMethodSet\n      apiMethods\n      grants { entity action projectId deviceId project { name } device { name } }\n      suggestedGrants(days: $days) {\n        basedOnUses\n        apiMethods\n        grants { entity action projectId deviceId project { name } device { name } }\n      }\n    }\n  }\n": typeof types.ConsoleSuggestionDocument,
    "\n  mutation ConsoleApplySuggestion($id: ID!, $days: Int!, $password: String!) {\n    applySuggestedGrants(id: $id, days: $days, password: $password) { ...TokenRow }\n  }\n": typeof types.ConsoleApplySuggestionDocument,
};
const documents: Documents = {
    "\n  fragment TokenRow on AccessToken {\n    id\n    name\n    description\n    kind\n    displayPrefix\n    status\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n    revokeReason\n    revokedBy { email }\n    apiMethodSet\n    apiMethods\n    allowedCidrs\n    owner { id email name }\n    project { id name }\n    grants { entity action projectId deviceId project { name } device { name } }\n  }\n": types.TokenRowFragmentDoc,
    "\n  query ConsoleViewer {\n    viewer {\n      authMethod\n      user { id email name role }\n    }\n  }\n": types.ConsoleViewerDocument,
    "\n  mutation ConsoleLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { user { id email name role } }\n  }\n": types.ConsoleLoginDocument,
    "\n  mutation ConsoleLogout { logout }\n": types.ConsoleLogoutDocument,
    "\n  query ConsoleSetup {\n    tokenPolicy { defaultLifetimeDays maxLifetimeDays requireExpiry customTokensAdminOnly }\n    apiMethods\n    apiMethodSets { key name description methods }\n    projects { id name members { role user { id } } }\n  }\n": types.ConsoleSetupDocument,
    "\n  query ConsoleDevices($projectId: ID!) {\n    devices(projectId: $projectId) { id name }\n  }\n": types.ConsoleDevicesDocument,
    "\n  query ConsoleMyTokens($status: TokenStatus) {\n    myTokens(status: $status) { ...TokenRow }\n  }\n": types.ConsoleMyTokensDocument,
    "\n  query ConsoleProjectTokens($id: ID!, $status: TokenStatus) {\n    project(id: $id) { id name tokens(status: $status) { ...TokenRow } }\n  }\n": types.ConsoleProjectTokensDocument,
    "\n  query ConsoleAdminTokens($search: String, $status: TokenStatus, $after: String) {\n    # 20 rows keep this query well inside the gateway's cost limit (armor multiplies by first).\n    adminTokens(search: $search, status: $status, first: 20, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...TokenRow }\n    }\n  }\n": types.ConsoleAdminTokensDocument,
    "\n  query ConsoleNotifications {\n    viewer { notifications { id kind message createdAt readAt token { id name } } }\n  }\n": types.ConsoleNotificationsDocument,
    "\n  query ConsoleUnread {\n    viewer { notifications(unreadOnly: true) { id } }\n  }\n": types.ConsoleUnreadDocument,
    "\n  mutation ConsoleMarkRead($ids: [ID!]) { markNotificationsRead(ids: $ids) }\n": types.ConsoleMarkReadDocument,
    "\n  mutation ConsoleCreateToken($input: CreateTokenInput!, $password: String!) {\n    createToken(input: $input, password: $password) { secret token { ...TokenRow } }\n  }\n": types.ConsoleCreateTokenDocument,
    "\n  mutation ConsoleUpdateToken($id: ID!, $input: UpdateTokenInput!, $password: String!) {\n    updateToken(id: $id, input: $input, password: $password) { ...TokenRow }\n  }\n": types.ConsoleUpdateTokenDocument,
    "\n  mutation ConsoleRegenerateToken($id: ID!, $expiresAt: DateTime, $password: String!) {\n    regenerateToken(id: $id, expiresAt: $expiresAt, password: $password) { secret token { ...TokenRow } }\n  }\n": types.ConsoleRegenerateTokenDocument,
    "\n  mutation ConsoleCopyToken($id: ID!, $name: String!, $password: String!) {\n    copyToken(id: $id, name: $name, password: $password) { secret token { ...TokenRow } }\n  }\n": types.ConsoleCopyTokenDocument,
    "\n  mutation ConsoleRevokeToken($id: ID!, $reason: String) {\n    revokeToken(id: $id, reason: $reason) { ...TokenRow }\n  }\n": types.ConsoleRevokeTokenDocument,
    "\n  query ConsoleSuggestion($id: ID!, $days: Int!) {\n    token(id: $id) {\n      id\n      kind\n      apiMethodSet\n      apiMethods\n      grants { entity action projectId deviceId project { name } device { name } }\n      suggestedGrants(days: $days) {\n        basedOnUses\n        apiMethods\n        grants { entity action projectId deviceId project { name } device { name } }\n      }\n    }\n  }\n": types.ConsoleSuggestionDocument,
    "\n  mutation ConsoleApplySuggestion($id: ID!, $days: Int!, $password: String!) {\n    applySuggestedGrants(id: $id, days: $days, password: $password) { ...TokenRow }\n  }\n": types.ConsoleApplySuggestionDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TokenRow on AccessToken {\n    id\n    name\n    description\n    kind\n    displayPrefix\n    status\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n    revokeReason\n    revokedBy { email }\n    apiMethodSet\n    apiMethods\n    allowedCidrs\n    owner { id email name }\n    project { id name }\n    grants { entity action projectId deviceId project { name } device { name } }\n  }\n"): typeof import('./graphql.js').TokenRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleViewer {\n    viewer {\n      authMethod\n      user { id email name role }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { user { id email name role } }\n  }\n"): typeof import('./graphql.js').ConsoleLoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleLogout { logout }\n"): typeof import('./graphql.js').ConsoleLogoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSetup {\n    tokenPolicy { defaultLifetimeDays maxLifetimeDays requireExpiry customTokensAdminOnly }\n    apiMethods\n    apiMethodSets { key name description methods }\n    projects { id name members { role user { id } } }\n  }\n"): typeof import('./graphql.js').ConsoleSetupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleDevices($projectId: ID!) {\n    devices(projectId: $projectId) { id name }\n  }\n"): typeof import('./graphql.js').ConsoleDevicesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMyTokens($status: TokenStatus) {\n    myTokens(status: $status) { ...TokenRow }\n  }\n"): typeof import('./graphql.js').ConsoleMyTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleProjectTokens($id: ID!, $status: TokenStatus) {\n    project(id: $id) { id name tokens(status: $status) { ...TokenRow } }\n  }\n"): typeof import('./graphql.js').ConsoleProjectTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAdminTokens($search: String, $status: TokenStatus, $after: String) {\n    # 20 rows keep this query well inside the gateway's cost limit (armor multiplies by first).\n    adminTokens(search: $search, status: $status, first: 20, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...TokenRow }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleAdminTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleNotifications {\n    viewer { notifications { id kind message createdAt readAt token { id name } } }\n  }\n"): typeof import('./graphql.js').ConsoleNotificationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleUnread {\n    viewer { notifications(unreadOnly: true) { id } }\n  }\n"): typeof import('./graphql.js').ConsoleUnreadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleMarkRead($ids: [ID!]) { markNotificationsRead(ids: $ids) }\n"): typeof import('./graphql.js').ConsoleMarkReadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateToken($input: CreateTokenInput!, $password: String!) {\n    createToken(input: $input, password: $password) { secret token { ...TokenRow } }\n  }\n"): typeof import('./graphql.js').ConsoleCreateTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateToken($id: ID!, $input: UpdateTokenInput!, $password: String!) {\n    updateToken(id: $id, input: $input, password: $password) { ...TokenRow }\n  }\n"): typeof import('./graphql.js').ConsoleUpdateTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRegenerateToken($id: ID!, $expiresAt: DateTime, $password: String!) {\n    regenerateToken(id: $id, expiresAt: $expiresAt, password: $password) { secret token { ...TokenRow } }\n  }\n"): typeof import('./graphql.js').ConsoleRegenerateTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCopyToken($id: ID!, $name: String!, $password: String!) {\n    copyToken(id: $id, name: $name, password: $password) { secret token { ...TokenRow } }\n  }\n"): typeof import('./graphql.js').ConsoleCopyTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRevokeToken($id: ID!, $reason: String) {\n    revokeToken(id: $id, reason: $reason) { ...TokenRow }\n  }\n"): typeof import('./graphql.js').ConsoleRevokeTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSuggestion($id: ID!, $days: Int!) {\n    token(id: $id) {\n      id\n      kind\n      apiMethodSet\n      apiMethods\n      grants { entity action projectId deviceId project { name } device { name } }\n      suggestedGrants(days: $days) {\n        basedOnUses\n        apiMethods\n        grants { entity action projectId deviceId project { name } device { name } }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleSuggestionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleApplySuggestion($id: ID!, $days: Int!, $password: String!) {\n    applySuggestedGrants(id: $id, days: $days, password: $password) { ...TokenRow }\n  }\n"): typeof import('./graphql.js').ConsoleApplySuggestionDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
