/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

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
    "query AuthViewer { viewer { authMethod user { id } token { id } } }": typeof types.AuthViewerDocument,
    "mutation AuthLogin($email: String!, $password: String!) { login(email: $email, password: $password) { sessionToken expiresAt user { id } } }": typeof types.AuthLoginDocument,
    "mutation AuthLogout { logout }": typeof types.AuthLogoutDocument,
    "mutation AuthRevoke($id: ID!) { revokeToken(id: $id) { status } }": typeof types.AuthRevokeDocument,
    "\n  mutation IpCreate($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { secret token { id allowedCidrs } } }\n": typeof types.IpCreateDocument,
    "mutation IpUpdate($id: ID!, $input: UpdateTokenInput!, $password: String!) { updateToken(id: $id, input: $input, password: $password) { allowedCidrs } }": typeof types.IpUpdateDocument,
    "query JwtViewer { viewer { authMethod token { id } user { id } } }": typeof types.JwtViewerDocument,
    "query JwtDevices($projectId: ID!) { devices(projectId: $projectId) { nodes { id } } }": typeof types.JwtDevicesDocument,
    "\n  mutation RtRegenerate($id: ID!, $password: String!, $overlapSeconds: Int) {\n    regenerateToken(id: $id, password: $password, overlapSeconds: $overlapSeconds) { secret token { id previousSecretValidUntil } }\n  }\n": typeof types.RtRegenerateDocument,
    "query RtToken($id: ID!) { token(id: $id) { id previousSecretValidUntil selfRotate status revokeReason } }": typeof types.RtTokenDocument,
    "query RtEvents($id: ID!) { token(id: $id) { events { nodes { kind details } } } }": typeof types.RtEventsDocument,
    "query RtNotifications { viewer { notifications { nodes { kind message token { id } } } } }": typeof types.RtNotificationsDocument,
    "query NtList($unread: Boolean) { viewer { notifications(unreadOnly: $unread) { nodes { id kind message readAt token { id } } } } }": typeof types.NtListDocument,
    "mutation NtRead($ids: [ID!]) { markNotificationsRead(ids: $ids) }": typeof types.NtReadDocument,
    "\n  mutation UnusedSetPolicy($input: TokenPolicyInput!) { setTokenPolicy(input: $input) { revokeUnusedAfterDays expiryNoticeDays } }\n": typeof types.UnusedSetPolicyDocument,
    "query UnusedViewer { viewer { authMethod } }": typeof types.UnusedViewerDocument,
    "query UnusedNotifications { viewer { notifications { nodes { kind message token { id } } } } }": typeof types.UnusedNotificationsDocument,
    "mutation CliLogin($email: String!, $password: String!) { login(email: $email, password: $password) { sessionToken } }": typeof types.CliLoginDocument,
    "query CliMe { viewer { user { id mustChangePassword } } }": typeof types.CliMeDocument,
    "mutation AccChangePassword($current: String!, $new: String!) { changePassword(currentPassword: $current, newPassword: $new) }": typeof types.AccChangePasswordDocument,
    "mutation AccResetPassword($userId: ID!) { resetPassword(userId: $userId) { temporaryPassword user { id email mustChangePassword } } }": typeof types.AccResetPasswordDocument,
    "mutation AccLogin($email: String!, $password: String!) { login(email: $email, password: $password) { sessionToken } }": typeof types.AccLoginDocument,
    "query AccMe { viewer { authMethod user { id mustChangePassword } } }": typeof types.AccMeDocument,
    "query AccMembers($id: ID!) { project(id: $id) { members { nodes { user { id mustChangePassword } } } } }": typeof types.AccMembersDocument,
    "query AccUsers($search: String) { users(search: $search) { nodes { id mustChangePassword } } }": typeof types.AccUsersDocument,
    "\n  query FilteredAdminTokens($lastUsedBefore: DateTime, $neverUsed: Boolean, $expiresBefore: DateTime, $allowsAnyAddress: Boolean, $hasWriteGrants: Boolean) {\n    adminTokens(first: 50, lastUsedBefore: $lastUsedBefore, neverUsed: $neverUsed, expiresBefore: $expiresBefore, allowsAnyAddress: $allowsAnyAddress, hasWriteGrants: $hasWriteGrants) {\n      totalCount\n      nodes { name }\n    }\n  }\n": typeof types.FilteredAdminTokensDocument,
    "\n  query AdmTokens($status: TokenStatus, $search: String, $ownerId: ID, $first: Int, $after: String) {\n    adminTokens(status: $status, search: $search, ownerId: $ownerId, first: $first, after: $after) {\n      totalCount\n      edges { cursor node { id name status owner { email } project { id } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.AdmTokensDocument,
    "\n  query AdmAudit($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 50) { totalCount edges { node { kind ip details actor { id } token { id } } } } }\n": typeof types.AdmAuditDocument,
    "mutation AdmCreate($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { secret token { id } } }": typeof types.AdmCreateDocument,
    "mutation AdmRevoke($id: ID!, $reason: String) { revokeToken(id: $id, reason: $reason) { status revokedBy { id } } }": typeof types.AdmRevokeDocument,
    "query EnfViewer { viewer { authMethod } }": typeof types.EnfViewerDocument,
    "query EnfProjects { projects(last: 100) { nodes { id } } }": typeof types.EnfProjectsDocument,
    "query EnfProject($id: ID!) { project(id: $id) { id name } }": typeof types.EnfProjectDocument,
    "query EnfDevices($projectId: ID!) { devices(projectId: $projectId) { nodes { id } } }": typeof types.EnfDevicesDocument,
    "query EnfDevice($id: ID!) { device(id: $id) { id } }": typeof types.EnfDeviceDocument,
    "query EnfMyTokens { myTokens { nodes { id } } }": typeof types.EnfMyTokensDocument,
    "query EnfToken($id: ID!) { token(id: $id) { id } }": typeof types.EnfTokenDocument,
    "query EnfAdminTokens { adminTokens(first: 5) { totalCount edges { node { id } } } }": typeof types.EnfAdminTokensDocument,
    "query EnfUsers { users(first: 1) { totalCount nodes { id } } }": typeof types.EnfUsersDocument,
    "query EnfTokenPolicy { tokenPolicy { requireExpiry } }": typeof types.EnfTokenPolicyDocument,
    "query EnfApiMethodSets { apiMethodSets { key methods } }": typeof types.EnfApiMethodSetsDocument,
    "query EnfApiMethods { apiMethods }": typeof types.EnfApiMethodsDocument,
    "mutation EnfLogin($email: String!, $password: String!) { login(email: $email, password: $password) { user { id } } }": typeof types.EnfLoginDocument,
    "mutation EnfLogout { logout }": typeof types.EnfLogoutDocument,
    "mutation EnfCreateUser($email: String!) { createUser(email: $email, password: \"a long enough password\") { id } }": typeof types.EnfCreateUserDocument,
    "mutation EnfDeleteUser($id: ID!) { deleteUser(id: $id) }": typeof types.EnfDeleteUserDocument,
    "mutation EnfChangePassword($current: String!) { changePassword(currentPassword: $current, newPassword: \"a brand new password\") }": typeof types.EnfChangePasswordDocument,
    "mutation EnfResetPassword($userId: ID!) { resetPassword(userId: $userId) { temporaryPassword user { id } } }": typeof types.EnfResetPasswordDocument,
    "mutation EnfCreateProject { createProject(name: \"new\") { id name } }": typeof types.EnfCreateProjectDocument,
    "mutation EnfUpdateProject($id: ID!) { updateProject(id: $id, name: \"renamed\") { name } }": typeof types.EnfUpdateProjectDocument,
    "mutation EnfDeleteProject($id: ID!) { deleteProject(id: $id) }": typeof types.EnfDeleteProjectDocument,
    "mutation EnfAddMember($projectId: ID!, $userId: ID!) { addProjectMember(projectId: $projectId, userId: $userId, role: VIEWER) { role } }": typeof types.EnfAddMemberDocument,
    "mutation EnfRemoveMember($projectId: ID!, $userId: ID!) { removeProjectMember(projectId: $projectId, userId: $userId) }": typeof types.EnfRemoveMemberDocument,
    "mutation EnfCreateDevice($projectId: ID!) { createDevice(projectId: $projectId, name: \"new\") { id name } }": typeof types.EnfCreateDeviceDocument,
    "mutation EnfUpdateDevice($id: ID!) { updateDevice(id: $id, status: ONLINE) { status lastSeenAt } }": typeof types.EnfUpdateDeviceDocument,
    "mutation EnfDeleteDevice($id: ID!) { deleteDevice(id: $id) }": typeof types.EnfDeleteDeviceDocument,
    "mutation EnfCreateToken($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { secret } }": typeof types.EnfCreateTokenDocument,
    "mutation EnfRevokeToken($id: ID!) { revokeToken(id: $id, reason: \"table\") { status } }": typeof types.EnfRevokeTokenDocument,
    "query EnfAuditEvents($tokenId: ID!) { auditEvents(filter: { tokenId: $tokenId }) { totalCount edges { node { kind } } } }": typeof types.EnfAuditEventsDocument,
    "mutation EnfUpdateToken($id: ID!, $password: String!) { updateToken(id: $id, input: { name: \"edited\" }, password: $password) { name } }": typeof types.EnfUpdateTokenDocument,
    "mutation EnfRegenerateToken($id: ID!, $password: String!) { regenerateToken(id: $id, password: $password) { secret token { id } } }": typeof types.EnfRegenerateTokenDocument,
    "mutation EnfCopyToken($id: ID!, $password: String!) { copyToken(id: $id, name: \"copy\", password: $password) { secret token { name } } }": typeof types.EnfCopyTokenDocument,
    "query EnfExplain($id: ID!) { explainToken(id: $id, query: \"{ viewer { authMethod } }\") { path allowed } }": typeof types.EnfExplainDocument,
    "mutation EnfApplySuggested($id: ID!, $password: String!) { applySuggestedGrants(id: $id, password: $password) { id } }": typeof types.EnfApplySuggestedDocument,
    "mutation EnfMarkRead { markNotificationsRead }": typeof types.EnfMarkReadDocument,
    "query EnfWebhooks($projectId: ID) { webhooks(projectId: $projectId) { nodes { id } } }": typeof types.EnfWebhooksDocument,
    "query EnfWebhookDeliveries($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id } } } }": typeof types.EnfWebhookDeliveriesDocument,
    "mutation EnfCreateWebhook($projectId: ID) { createWebhook(input: { url: \"https://1.1.1.1/new\", events: [TOKEN_CREATED], projectId: $projectId }) { secret webhook { id } } }": typeof types.EnfCreateWebhookDocument,
    "mutation EnfUpdateWebhook($id: ID!) { updateWebhook(id: $id, input: { events: [TOKEN_EXPIRING] }) { events } }": typeof types.EnfUpdateWebhookDocument,
    "mutation EnfDeleteWebhook($id: ID!) { deleteWebhook(id: $id) }": typeof types.EnfDeleteWebhookDocument,
    "mutation EnfRedeliverWebhook($id: ID!) { redeliverWebhook(deliveryId: $id) { messageId status } }": typeof types.EnfRedeliverWebhookDocument,
    "mutation EnfSetPolicy { setTokenPolicy(input: { customTokensAdminOnly: false }) { customTokensAdminOnly } }": typeof types.EnfSetPolicyDocument,
    "query EnfTrustPolicies($projectId: ID) { trustPolicies(projectId: $projectId) { nodes { id } } }": typeof types.EnfTrustPoliciesDocument,
    "mutation EnfCreateTrustPolicy($input: CreateTrustPolicyInput!) { createTrustPolicy(input: $input) { id name } }": typeof types.EnfCreateTrustPolicyDocument,
    "mutation EnfUpdateTrustPolicy($id: ID!) { updateTrustPolicy(id: $id, input: { name: \"renamed\" }) { name } }": typeof types.EnfUpdateTrustPolicyDocument,
    "mutation EnfDeleteTrustPolicy($id: ID!) { deleteTrustPolicy(id: $id) }": typeof types.EnfDeleteTrustPolicyDocument,
    "query EnfEnrollmentTokens($projectId: ID!) { enrollmentTokens(projectId: $projectId) { nodes { id remainingUses } } }": typeof types.EnfEnrollmentTokensDocument,
    "mutation EnfCreateEnrollmentToken($projectId: ID!, $expiresAt: DateTime!) { createEnrollmentToken(input: { projectId: $projectId, name: \"fleet\", maxUses: 2, expiresAt: $expiresAt }) { secret } }": typeof types.EnfCreateEnrollmentTokenDocument,
    "mutation EnfRevokeEnrollmentToken($id: ID!) { revokeEnrollmentToken(id: $id) { status } }": typeof types.EnfRevokeEnrollmentTokenDocument,
    "mutation EnfEnrollDevice { enrollDevice(name: \"enrolled\") { deviceId } }": typeof types.EnfEnrollDeviceDocument,
    "query EnfDeviceCode($userCode: String!) { deviceCode(userCode: $userCode) { projectId status } }": typeof types.EnfDeviceCodeDocument,
    "mutation EnfApproveDeviceCode($userCode: String!) { approveDeviceCode(userCode: $userCode) { status } }": typeof types.EnfApproveDeviceCodeDocument,
    "mutation EnfDenyDeviceCode($userCode: String!) { denyDeviceCode(userCode: $userCode) { status } }": typeof types.EnfDenyDeviceCodeDocument,
    "query EnfExplainRow($id: ID!, $query: String!, $variables: JSON) { explainToken(id: $id, query: $query, variables: $variables) { path allowed code reason } }": typeof types.EnfExplainRowDocument,
    "\n  query ExpExplain($id: ID!, $query: String!, $variables: JSON) {\n    explainToken(id: $id, query: $query, variables: $variables) { path allowed code reason message requirement { entity action projectId } }\n  }\n": typeof types.ExpExplainDocument,
    "\n  query LpSuggested($status: TokenStatus) {\n    myTokens(status: $status) { nodes { id usage { key count } suggestedGrants { grants { entity action projectId deviceId } apiMethods basedOnUses } } }\n  }\n": typeof types.LpSuggestedDocument,
    "\n  mutation LpApply($id: ID!, $password: String!) { applySuggestedGrants(id: $id, password: $password) { apiMethods grants { entity action projectId deviceId } } }\n": typeof types.LpApplyDocument,
    "\n  mutation LcUpdate($id: ID!, $input: UpdateTokenInput!, $password: String!) {\n    updateToken(id: $id, input: $input, password: $password) { id name description expiresAt apiMethodSet apiMethods grants { entity action projectId } }\n  }\n": typeof types.LcUpdateDocument,
    "\n  mutation LcRegenerate($id: ID!, $password: String!, $expiresAt: DateTime) {\n    regenerateToken(id: $id, password: $password, expiresAt: $expiresAt) { secret token { id displayPrefix expiresAt status } }\n  }\n": typeof types.LcRegenerateDocument,
    "\n  mutation LcCopy($id: ID!, $name: String!, $password: String!) {\n    copyToken(id: $id, name: $name, password: $password) { secret token { id name description kind expiresAt apiMethodSet grants { entity action projectId } } }\n  }\n": typeof types.LcCopyDocument,
    "query LcEvents { myTokens { nodes { id events { nodes { kind ip details actor { id } } } } } }": typeof types.LcEventsDocument,
    "query LcLastUsed { myTokens { nodes { id lastUsedAt } } }": typeof types.LcLastUsedDocument,
    "query LcDevices($projectId: ID!) { devices(projectId: $projectId) { nodes { id } } }": typeof types.LcDevicesDocument,
    "\n  query PageMyTokens($first: Int, $after: String, $last: Int, $before: String, $status: TokenStatus) {\n    myTokens(first: $first, after: $after, last: $last, before: $before, status: $status) {\n      totalCount\n      nodes { id name }\n      edges { cursor node { id } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.PageMyTokensDocument,
    "query PageMyTokensCount($first: Int) { myTokens(first: $first) { totalCount } }": typeof types.PageMyTokensCountDocument,
    "\n  query PageProjectTokens($id: ID!, $first: Int, $after: String) {\n    project(id: $id) { tokens(first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }\n  }\n": typeof types.PageProjectTokensDocument,
    "query PageUsers($first: Int, $after: String) { users(first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }": typeof types.PageUsersDocument,
    "\n  query PageSearchUsers($search: String, $first: Int, $after: String) {\n    users(search: $search, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n": typeof types.PageSearchUsersDocument,
    "\n  query PageWebhooks($projectId: ID, $first: Int, $after: String) {\n    webhooks(projectId: $projectId, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n": typeof types.PageWebhooksDocument,
    "\n  query PageEnrollmentTokens($projectId: ID!, $first: Int, $after: String) {\n    enrollmentTokens(projectId: $projectId, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n": typeof types.PageEnrollmentTokensDocument,
    "\n  query PageTrustPolicies($projectId: ID, $first: Int, $after: String) {\n    trustPolicies(projectId: $projectId, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n": typeof types.PageTrustPoliciesDocument,
    "\n  query PageNotifications($first: Int, $after: String, $unreadOnly: Boolean) {\n    viewer { notifications(first: $first, after: $after, unreadOnly: $unreadOnly) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }\n  }\n": typeof types.PageNotificationsDocument,
    "\n  query PageAdminLists($first: Int, $after: String) {\n    adminTokens(first: $first, after: $after) { totalCount nodes { id } }\n    auditEvents(first: $first, after: $after) { totalCount nodes { id } }\n  }\n": typeof types.PageAdminListsDocument,
    "\n  query PageDeliveries($id: ID!, $first: Int, $after: String) {\n    webhookDeliveries(webhookId: $id, first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n": typeof types.PageDeliveriesDocument,
    "\n  query PageTokenEvents($id: ID!, $first: Int, $after: String) {\n    token(id: $id) { events(first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }\n  }\n": typeof types.PageTokenEventsDocument,
    "\n  mutation PolSet($input: TokenPolicyInput!) { setTokenPolicy(input: $input) { maxLifetimeDays defaultLifetimeDays requireExpiry customTokensAdminOnly } }\n": typeof types.PolSetDocument,
    "\n  mutation PolCreate($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { token { kind expiresAt } } }\n": typeof types.PolCreateDocument,
    "mutation PolUpdate($id: ID!, $input: UpdateTokenInput!, $password: String!) { updateToken(id: $id, input: $input, password: $password) { expiresAt } }": typeof types.PolUpdateDocument,
    "\n  mutation TokCreate($input: CreateTokenInput!, $password: String!) {\n    createToken(input: $input, password: $password) {\n      secret\n      token { id kind name description displayPrefix status apiMethodSet apiMethods expiresAt\n        owner { id } project { id } createdBy { id }\n        grants { entity action projectId deviceId project { name } } }\n    }\n  }\n": typeof types.TokCreateDocument,
    "query TokMine($status: TokenStatus) { myTokens(status: $status) { nodes { id name status revokedAt revokedBy { id } revokeReason } } }": typeof types.TokMineDocument,
    "mutation TokRevoke($id: ID!, $reason: String) { revokeToken(id: $id, reason: $reason) { id status revokeReason revokedBy { id } } }": typeof types.TokRevokeDocument,
    "query TokDevices($projectId: ID!) { devices(projectId: $projectId) { nodes { id name } } }": typeof types.TokDevicesDocument,
    "query TokDevice($id: ID!) { device(id: $id) { id } }": typeof types.TokDeviceDocument,
    "mutation TokUpdateDevice($id: ID!, $name: String) { updateDevice(id: $id, name: $name) { id name } }": typeof types.TokUpdateDeviceDocument,
    "mutation TokCreateDevice($projectId: ID!) { createDevice(projectId: $projectId, name: \"x\") { id } }": typeof types.TokCreateDeviceDocument,
    "query TokProjects { projects { nodes { id } } }": typeof types.TokProjectsDocument,
    "mutation TokAddMember($projectId: ID!, $userId: ID!, $role: ProjectRole!) { addProjectMember(projectId: $projectId, userId: $userId, role: $role) { role } }": typeof types.TokAddMemberDocument,
    "mutation TokRemoveMember($projectId: ID!, $userId: ID!) { removeProjectMember(projectId: $projectId, userId: $userId) }": typeof types.TokRemoveMemberDocument,
    "query TokProjectTokens($id: ID!) { project(id: $id) { tokens { nodes { id kind status } } } }": typeof types.TokProjectTokensDocument,
    "mutation TokDeleteProject($id: ID!) { deleteProject(id: $id) }": typeof types.TokDeleteProjectDocument,
    "mutation SecWhCreate($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id } } }": typeof types.SecWhCreateDocument,
    "query SecWhList($projectId: ID) { webhooks(projectId: $projectId) { nodes { id url } } }": typeof types.SecWhListDocument,
    "query SecWhDeliveries($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id payload } } } }": typeof types.SecWhDeliveriesDocument,
    "mutation SecWhUpdate($id: ID!, $input: UpdateWebhookInput!) { updateWebhook(id: $id, input: $input) { id url } }": typeof types.SecWhUpdateDocument,
    "mutation SecWhDelete($id: ID!) { deleteWebhook(id: $id) }": typeof types.SecWhDeleteDocument,
    "mutation SecWhRedeliver($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }": typeof types.SecWhRedeliverDocument,
    "mutation WpRevoke($id: ID!) { revokeToken(id: $id, reason: \"left the team\") { status } }": typeof types.WpRevokeDocument,
    "mutation WhAddrCreate($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id url } } }": typeof types.WhAddrCreateDocument,
    "\n  mutation WhCreate($input: CreateWebhookInput!) {\n    createWebhook(input: $input) { secret webhook { id url events enabled project { id } } }\n  }\n": typeof types.WhCreateDocument,
    "\n  query WhDeliveries($id: ID!, $first: Int, $after: String) {\n    webhookDeliveries(webhookId: $id, first: $first, after: $after) {\n      edges { node { id messageId event status attempts lastResponseStatus lastError nextAttemptAt deliveredAt payload } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.WhDeliveriesDocument,
    "mutation WhRedeliver($id: ID!) { redeliverWebhook(deliveryId: $id) { id messageId status attempts } }": typeof types.WhRedeliverDocument,
    "mutation WhUpdate($id: ID!, $input: UpdateWebhookInput!) { updateWebhook(id: $id, input: $input) { id enabled failingSince disabledAt events } }": typeof types.WhUpdateDocument,
    "\n  mutation WhCreateToken($input: CreateTokenInput!, $password: String!) {\n    createToken(input: $input, password: $password) { secret token { id displayPrefix } }\n  }\n": typeof types.WhCreateTokenDocument,
    "mutation WhRegenerate($id: ID!, $password: String!) { regenerateToken(id: $id, password: $password) { secret token { displayPrefix } } }": typeof types.WhRegenerateDocument,
    "mutation WhUpdateToken($id: ID!, $password: String!) { updateToken(id: $id, input: { name: \"renamed\" }, password: $password) { name } }": typeof types.WhUpdateTokenDocument,
    "mutation WhRevoke($id: ID!) { revokeToken(id: $id, reason: \"done\") { status } }": typeof types.WhRevokeDocument,
    "query WhNotifications { viewer { notifications { nodes { kind message } } } }": typeof types.WhNotificationsDocument,
};
const documents: Documents = {
    "query AuthViewer { viewer { authMethod user { id } token { id } } }": types.AuthViewerDocument,
    "mutation AuthLogin($email: String!, $password: String!) { login(email: $email, password: $password) { sessionToken expiresAt user { id } } }": types.AuthLoginDocument,
    "mutation AuthLogout { logout }": types.AuthLogoutDocument,
    "mutation AuthRevoke($id: ID!) { revokeToken(id: $id) { status } }": types.AuthRevokeDocument,
    "\n  mutation IpCreate($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { secret token { id allowedCidrs } } }\n": types.IpCreateDocument,
    "mutation IpUpdate($id: ID!, $input: UpdateTokenInput!, $password: String!) { updateToken(id: $id, input: $input, password: $password) { allowedCidrs } }": types.IpUpdateDocument,
    "query JwtViewer { viewer { authMethod token { id } user { id } } }": types.JwtViewerDocument,
    "query JwtDevices($projectId: ID!) { devices(projectId: $projectId) { nodes { id } } }": types.JwtDevicesDocument,
    "\n  mutation RtRegenerate($id: ID!, $password: String!, $overlapSeconds: Int) {\n    regenerateToken(id: $id, password: $password, overlapSeconds: $overlapSeconds) { secret token { id previousSecretValidUntil } }\n  }\n": types.RtRegenerateDocument,
    "query RtToken($id: ID!) { token(id: $id) { id previousSecretValidUntil selfRotate status revokeReason } }": types.RtTokenDocument,
    "query RtEvents($id: ID!) { token(id: $id) { events { nodes { kind details } } } }": types.RtEventsDocument,
    "query RtNotifications { viewer { notifications { nodes { kind message token { id } } } } }": types.RtNotificationsDocument,
    "query NtList($unread: Boolean) { viewer { notifications(unreadOnly: $unread) { nodes { id kind message readAt token { id } } } } }": types.NtListDocument,
    "mutation NtRead($ids: [ID!]) { markNotificationsRead(ids: $ids) }": types.NtReadDocument,
    "\n  mutation UnusedSetPolicy($input: TokenPolicyInput!) { setTokenPolicy(input: $input) { revokeUnusedAfterDays expiryNoticeDays } }\n": types.UnusedSetPolicyDocument,
    "query UnusedViewer { viewer { authMethod } }": types.UnusedViewerDocument,
    "query UnusedNotifications { viewer { notifications { nodes { kind message token { id } } } } }": types.UnusedNotificationsDocument,
    "mutation CliLogin($email: String!, $password: String!) { login(email: $email, password: $password) { sessionToken } }": types.CliLoginDocument,
    "query CliMe { viewer { user { id mustChangePassword } } }": types.CliMeDocument,
    "mutation AccChangePassword($current: String!, $new: String!) { changePassword(currentPassword: $current, newPassword: $new) }": types.AccChangePasswordDocument,
    "mutation AccResetPassword($userId: ID!) { resetPassword(userId: $userId) { temporaryPassword user { id email mustChangePassword } } }": types.AccResetPasswordDocument,
    "mutation AccLogin($email: String!, $password: String!) { login(email: $email, password: $password) { sessionToken } }": types.AccLoginDocument,
    "query AccMe { viewer { authMethod user { id mustChangePassword } } }": types.AccMeDocument,
    "query AccMembers($id: ID!) { project(id: $id) { members { nodes { user { id mustChangePassword } } } } }": types.AccMembersDocument,
    "query AccUsers($search: String) { users(search: $search) { nodes { id mustChangePassword } } }": types.AccUsersDocument,
    "\n  query FilteredAdminTokens($lastUsedBefore: DateTime, $neverUsed: Boolean, $expiresBefore: DateTime, $allowsAnyAddress: Boolean, $hasWriteGrants: Boolean) {\n    adminTokens(first: 50, lastUsedBefore: $lastUsedBefore, neverUsed: $neverUsed, expiresBefore: $expiresBefore, allowsAnyAddress: $allowsAnyAddress, hasWriteGrants: $hasWriteGrants) {\n      totalCount\n      nodes { name }\n    }\n  }\n": types.FilteredAdminTokensDocument,
    "\n  query AdmTokens($status: TokenStatus, $search: String, $ownerId: ID, $first: Int, $after: String) {\n    adminTokens(status: $status, search: $search, ownerId: $ownerId, first: $first, after: $after) {\n      totalCount\n      edges { cursor node { id name status owner { email } project { id } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.AdmTokensDocument,
    "\n  query AdmAudit($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 50) { totalCount edges { node { kind ip details actor { id } token { id } } } } }\n": types.AdmAuditDocument,
    "mutation AdmCreate($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { secret token { id } } }": types.AdmCreateDocument,
    "mutation AdmRevoke($id: ID!, $reason: String) { revokeToken(id: $id, reason: $reason) { status revokedBy { id } } }": types.AdmRevokeDocument,
    "query EnfViewer { viewer { authMethod } }": types.EnfViewerDocument,
    "query EnfProjects { projects(last: 100) { nodes { id } } }": types.EnfProjectsDocument,
    "query EnfProject($id: ID!) { project(id: $id) { id name } }": types.EnfProjectDocument,
    "query EnfDevices($projectId: ID!) { devices(projectId: $projectId) { nodes { id } } }": types.EnfDevicesDocument,
    "query EnfDevice($id: ID!) { device(id: $id) { id } }": types.EnfDeviceDocument,
    "query EnfMyTokens { myTokens { nodes { id } } }": types.EnfMyTokensDocument,
    "query EnfToken($id: ID!) { token(id: $id) { id } }": types.EnfTokenDocument,
    "query EnfAdminTokens { adminTokens(first: 5) { totalCount edges { node { id } } } }": types.EnfAdminTokensDocument,
    "query EnfUsers { users(first: 1) { totalCount nodes { id } } }": types.EnfUsersDocument,
    "query EnfTokenPolicy { tokenPolicy { requireExpiry } }": types.EnfTokenPolicyDocument,
    "query EnfApiMethodSets { apiMethodSets { key methods } }": types.EnfApiMethodSetsDocument,
    "query EnfApiMethods { apiMethods }": types.EnfApiMethodsDocument,
    "mutation EnfLogin($email: String!, $password: String!) { login(email: $email, password: $password) { user { id } } }": types.EnfLoginDocument,
    "mutation EnfLogout { logout }": types.EnfLogoutDocument,
    "mutation EnfCreateUser($email: String!) { createUser(email: $email, password: \"a long enough password\") { id } }": types.EnfCreateUserDocument,
    "mutation EnfDeleteUser($id: ID!) { deleteUser(id: $id) }": types.EnfDeleteUserDocument,
    "mutation EnfChangePassword($current: String!) { changePassword(currentPassword: $current, newPassword: \"a brand new password\") }": types.EnfChangePasswordDocument,
    "mutation EnfResetPassword($userId: ID!) { resetPassword(userId: $userId) { temporaryPassword user { id } } }": types.EnfResetPasswordDocument,
    "mutation EnfCreateProject { createProject(name: \"new\") { id name } }": types.EnfCreateProjectDocument,
    "mutation EnfUpdateProject($id: ID!) { updateProject(id: $id, name: \"renamed\") { name } }": types.EnfUpdateProjectDocument,
    "mutation EnfDeleteProject($id: ID!) { deleteProject(id: $id) }": types.EnfDeleteProjectDocument,
    "mutation EnfAddMember($projectId: ID!, $userId: ID!) { addProjectMember(projectId: $projectId, userId: $userId, role: VIEWER) { role } }": types.EnfAddMemberDocument,
    "mutation EnfRemoveMember($projectId: ID!, $userId: ID!) { removeProjectMember(projectId: $projectId, userId: $userId) }": types.EnfRemoveMemberDocument,
    "mutation EnfCreateDevice($projectId: ID!) { createDevice(projectId: $projectId, name: \"new\") { id name } }": types.EnfCreateDeviceDocument,
    "mutation EnfUpdateDevice($id: ID!) { updateDevice(id: $id, status: ONLINE) { status lastSeenAt } }": types.EnfUpdateDeviceDocument,
    "mutation EnfDeleteDevice($id: ID!) { deleteDevice(id: $id) }": types.EnfDeleteDeviceDocument,
    "mutation EnfCreateToken($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { secret } }": types.EnfCreateTokenDocument,
    "mutation EnfRevokeToken($id: ID!) { revokeToken(id: $id, reason: \"table\") { status } }": types.EnfRevokeTokenDocument,
    "query EnfAuditEvents($tokenId: ID!) { auditEvents(filter: { tokenId: $tokenId }) { totalCount edges { node { kind } } } }": types.EnfAuditEventsDocument,
    "mutation EnfUpdateToken($id: ID!, $password: String!) { updateToken(id: $id, input: { name: \"edited\" }, password: $password) { name } }": types.EnfUpdateTokenDocument,
    "mutation EnfRegenerateToken($id: ID!, $password: String!) { regenerateToken(id: $id, password: $password) { secret token { id } } }": types.EnfRegenerateTokenDocument,
    "mutation EnfCopyToken($id: ID!, $password: String!) { copyToken(id: $id, name: \"copy\", password: $password) { secret token { name } } }": types.EnfCopyTokenDocument,
    "query EnfExplain($id: ID!) { explainToken(id: $id, query: \"{ viewer { authMethod } }\") { path allowed } }": types.EnfExplainDocument,
    "mutation EnfApplySuggested($id: ID!, $password: String!) { applySuggestedGrants(id: $id, password: $password) { id } }": types.EnfApplySuggestedDocument,
    "mutation EnfMarkRead { markNotificationsRead }": types.EnfMarkReadDocument,
    "query EnfWebhooks($projectId: ID) { webhooks(projectId: $projectId) { nodes { id } } }": types.EnfWebhooksDocument,
    "query EnfWebhookDeliveries($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id } } } }": types.EnfWebhookDeliveriesDocument,
    "mutation EnfCreateWebhook($projectId: ID) { createWebhook(input: { url: \"https://1.1.1.1/new\", events: [TOKEN_CREATED], projectId: $projectId }) { secret webhook { id } } }": types.EnfCreateWebhookDocument,
    "mutation EnfUpdateWebhook($id: ID!) { updateWebhook(id: $id, input: { events: [TOKEN_EXPIRING] }) { events } }": types.EnfUpdateWebhookDocument,
    "mutation EnfDeleteWebhook($id: ID!) { deleteWebhook(id: $id) }": types.EnfDeleteWebhookDocument,
    "mutation EnfRedeliverWebhook($id: ID!) { redeliverWebhook(deliveryId: $id) { messageId status } }": types.EnfRedeliverWebhookDocument,
    "mutation EnfSetPolicy { setTokenPolicy(input: { customTokensAdminOnly: false }) { customTokensAdminOnly } }": types.EnfSetPolicyDocument,
    "query EnfTrustPolicies($projectId: ID) { trustPolicies(projectId: $projectId) { nodes { id } } }": types.EnfTrustPoliciesDocument,
    "mutation EnfCreateTrustPolicy($input: CreateTrustPolicyInput!) { createTrustPolicy(input: $input) { id name } }": types.EnfCreateTrustPolicyDocument,
    "mutation EnfUpdateTrustPolicy($id: ID!) { updateTrustPolicy(id: $id, input: { name: \"renamed\" }) { name } }": types.EnfUpdateTrustPolicyDocument,
    "mutation EnfDeleteTrustPolicy($id: ID!) { deleteTrustPolicy(id: $id) }": types.EnfDeleteTrustPolicyDocument,
    "query EnfEnrollmentTokens($projectId: ID!) { enrollmentTokens(projectId: $projectId) { nodes { id remainingUses } } }": types.EnfEnrollmentTokensDocument,
    "mutation EnfCreateEnrollmentToken($projectId: ID!, $expiresAt: DateTime!) { createEnrollmentToken(input: { projectId: $projectId, name: \"fleet\", maxUses: 2, expiresAt: $expiresAt }) { secret } }": types.EnfCreateEnrollmentTokenDocument,
    "mutation EnfRevokeEnrollmentToken($id: ID!) { revokeEnrollmentToken(id: $id) { status } }": types.EnfRevokeEnrollmentTokenDocument,
    "mutation EnfEnrollDevice { enrollDevice(name: \"enrolled\") { deviceId } }": types.EnfEnrollDeviceDocument,
    "query EnfDeviceCode($userCode: String!) { deviceCode(userCode: $userCode) { projectId status } }": types.EnfDeviceCodeDocument,
    "mutation EnfApproveDeviceCode($userCode: String!) { approveDeviceCode(userCode: $userCode) { status } }": types.EnfApproveDeviceCodeDocument,
    "mutation EnfDenyDeviceCode($userCode: String!) { denyDeviceCode(userCode: $userCode) { status } }": types.EnfDenyDeviceCodeDocument,
    "query EnfExplainRow($id: ID!, $query: String!, $variables: JSON) { explainToken(id: $id, query: $query, variables: $variables) { path allowed code reason } }": types.EnfExplainRowDocument,
    "\n  query ExpExplain($id: ID!, $query: String!, $variables: JSON) {\n    explainToken(id: $id, query: $query, variables: $variables) { path allowed code reason message requirement { entity action projectId } }\n  }\n": types.ExpExplainDocument,
    "\n  query LpSuggested($status: TokenStatus) {\n    myTokens(status: $status) { nodes { id usage { key count } suggestedGrants { grants { entity action projectId deviceId } apiMethods basedOnUses } } }\n  }\n": types.LpSuggestedDocument,
    "\n  mutation LpApply($id: ID!, $password: String!) { applySuggestedGrants(id: $id, password: $password) { apiMethods grants { entity action projectId deviceId } } }\n": types.LpApplyDocument,
    "\n  mutation LcUpdate($id: ID!, $input: UpdateTokenInput!, $password: String!) {\n    updateToken(id: $id, input: $input, password: $password) { id name description expiresAt apiMethodSet apiMethods grants { entity action projectId } }\n  }\n": types.LcUpdateDocument,
    "\n  mutation LcRegenerate($id: ID!, $password: String!, $expiresAt: DateTime) {\n    regenerateToken(id: $id, password: $password, expiresAt: $expiresAt) { secret token { id displayPrefix expiresAt status } }\n  }\n": types.LcRegenerateDocument,
    "\n  mutation LcCopy($id: ID!, $name: String!, $password: String!) {\n    copyToken(id: $id, name: $name, password: $password) { secret token { id name description kind expiresAt apiMethodSet grants { entity action projectId } } }\n  }\n": types.LcCopyDocument,
    "query LcEvents { myTokens { nodes { id events { nodes { kind ip details actor { id } } } } } }": types.LcEventsDocument,
    "query LcLastUsed { myTokens { nodes { id lastUsedAt } } }": types.LcLastUsedDocument,
    "query LcDevices($projectId: ID!) { devices(projectId: $projectId) { nodes { id } } }": types.LcDevicesDocument,
    "\n  query PageMyTokens($first: Int, $after: String, $last: Int, $before: String, $status: TokenStatus) {\n    myTokens(first: $first, after: $after, last: $last, before: $before, status: $status) {\n      totalCount\n      nodes { id name }\n      edges { cursor node { id } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.PageMyTokensDocument,
    "query PageMyTokensCount($first: Int) { myTokens(first: $first) { totalCount } }": types.PageMyTokensCountDocument,
    "\n  query PageProjectTokens($id: ID!, $first: Int, $after: String) {\n    project(id: $id) { tokens(first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }\n  }\n": types.PageProjectTokensDocument,
    "query PageUsers($first: Int, $after: String) { users(first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }": types.PageUsersDocument,
    "\n  query PageSearchUsers($search: String, $first: Int, $after: String) {\n    users(search: $search, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n": types.PageSearchUsersDocument,
    "\n  query PageWebhooks($projectId: ID, $first: Int, $after: String) {\n    webhooks(projectId: $projectId, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n": types.PageWebhooksDocument,
    "\n  query PageEnrollmentTokens($projectId: ID!, $first: Int, $after: String) {\n    enrollmentTokens(projectId: $projectId, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n": types.PageEnrollmentTokensDocument,
    "\n  query PageTrustPolicies($projectId: ID, $first: Int, $after: String) {\n    trustPolicies(projectId: $projectId, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n": types.PageTrustPoliciesDocument,
    "\n  query PageNotifications($first: Int, $after: String, $unreadOnly: Boolean) {\n    viewer { notifications(first: $first, after: $after, unreadOnly: $unreadOnly) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }\n  }\n": types.PageNotificationsDocument,
    "\n  query PageAdminLists($first: Int, $after: String) {\n    adminTokens(first: $first, after: $after) { totalCount nodes { id } }\n    auditEvents(first: $first, after: $after) { totalCount nodes { id } }\n  }\n": types.PageAdminListsDocument,
    "\n  query PageDeliveries($id: ID!, $first: Int, $after: String) {\n    webhookDeliveries(webhookId: $id, first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n": types.PageDeliveriesDocument,
    "\n  query PageTokenEvents($id: ID!, $first: Int, $after: String) {\n    token(id: $id) { events(first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }\n  }\n": types.PageTokenEventsDocument,
    "\n  mutation PolSet($input: TokenPolicyInput!) { setTokenPolicy(input: $input) { maxLifetimeDays defaultLifetimeDays requireExpiry customTokensAdminOnly } }\n": types.PolSetDocument,
    "\n  mutation PolCreate($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { token { kind expiresAt } } }\n": types.PolCreateDocument,
    "mutation PolUpdate($id: ID!, $input: UpdateTokenInput!, $password: String!) { updateToken(id: $id, input: $input, password: $password) { expiresAt } }": types.PolUpdateDocument,
    "\n  mutation TokCreate($input: CreateTokenInput!, $password: String!) {\n    createToken(input: $input, password: $password) {\n      secret\n      token { id kind name description displayPrefix status apiMethodSet apiMethods expiresAt\n        owner { id } project { id } createdBy { id }\n        grants { entity action projectId deviceId project { name } } }\n    }\n  }\n": types.TokCreateDocument,
    "query TokMine($status: TokenStatus) { myTokens(status: $status) { nodes { id name status revokedAt revokedBy { id } revokeReason } } }": types.TokMineDocument,
    "mutation TokRevoke($id: ID!, $reason: String) { revokeToken(id: $id, reason: $reason) { id status revokeReason revokedBy { id } } }": types.TokRevokeDocument,
    "query TokDevices($projectId: ID!) { devices(projectId: $projectId) { nodes { id name } } }": types.TokDevicesDocument,
    "query TokDevice($id: ID!) { device(id: $id) { id } }": types.TokDeviceDocument,
    "mutation TokUpdateDevice($id: ID!, $name: String) { updateDevice(id: $id, name: $name) { id name } }": types.TokUpdateDeviceDocument,
    "mutation TokCreateDevice($projectId: ID!) { createDevice(projectId: $projectId, name: \"x\") { id } }": types.TokCreateDeviceDocument,
    "query TokProjects { projects { nodes { id } } }": types.TokProjectsDocument,
    "mutation TokAddMember($projectId: ID!, $userId: ID!, $role: ProjectRole!) { addProjectMember(projectId: $projectId, userId: $userId, role: $role) { role } }": types.TokAddMemberDocument,
    "mutation TokRemoveMember($projectId: ID!, $userId: ID!) { removeProjectMember(projectId: $projectId, userId: $userId) }": types.TokRemoveMemberDocument,
    "query TokProjectTokens($id: ID!) { project(id: $id) { tokens { nodes { id kind status } } } }": types.TokProjectTokensDocument,
    "mutation TokDeleteProject($id: ID!) { deleteProject(id: $id) }": types.TokDeleteProjectDocument,
    "mutation SecWhCreate($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id } } }": types.SecWhCreateDocument,
    "query SecWhList($projectId: ID) { webhooks(projectId: $projectId) { nodes { id url } } }": types.SecWhListDocument,
    "query SecWhDeliveries($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id payload } } } }": types.SecWhDeliveriesDocument,
    "mutation SecWhUpdate($id: ID!, $input: UpdateWebhookInput!) { updateWebhook(id: $id, input: $input) { id url } }": types.SecWhUpdateDocument,
    "mutation SecWhDelete($id: ID!) { deleteWebhook(id: $id) }": types.SecWhDeleteDocument,
    "mutation SecWhRedeliver($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }": types.SecWhRedeliverDocument,
    "mutation WpRevoke($id: ID!) { revokeToken(id: $id, reason: \"left the team\") { status } }": types.WpRevokeDocument,
    "mutation WhAddrCreate($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id url } } }": types.WhAddrCreateDocument,
    "\n  mutation WhCreate($input: CreateWebhookInput!) {\n    createWebhook(input: $input) { secret webhook { id url events enabled project { id } } }\n  }\n": types.WhCreateDocument,
    "\n  query WhDeliveries($id: ID!, $first: Int, $after: String) {\n    webhookDeliveries(webhookId: $id, first: $first, after: $after) {\n      edges { node { id messageId event status attempts lastResponseStatus lastError nextAttemptAt deliveredAt payload } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.WhDeliveriesDocument,
    "mutation WhRedeliver($id: ID!) { redeliverWebhook(deliveryId: $id) { id messageId status attempts } }": types.WhRedeliverDocument,
    "mutation WhUpdate($id: ID!, $input: UpdateWebhookInput!) { updateWebhook(id: $id, input: $input) { id enabled failingSince disabledAt events } }": types.WhUpdateDocument,
    "\n  mutation WhCreateToken($input: CreateTokenInput!, $password: String!) {\n    createToken(input: $input, password: $password) { secret token { id displayPrefix } }\n  }\n": types.WhCreateTokenDocument,
    "mutation WhRegenerate($id: ID!, $password: String!) { regenerateToken(id: $id, password: $password) { secret token { displayPrefix } } }": types.WhRegenerateDocument,
    "mutation WhUpdateToken($id: ID!, $password: String!) { updateToken(id: $id, input: { name: \"renamed\" }, password: $password) { name } }": types.WhUpdateTokenDocument,
    "mutation WhRevoke($id: ID!) { revokeToken(id: $id, reason: \"done\") { status } }": types.WhRevokeDocument,
    "query WhNotifications { viewer { notifications { nodes { kind message } } } }": types.WhNotificationsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthViewer { viewer { authMethod user { id } token { id } } }"): (typeof documents)["query AuthViewer { viewer { authMethod user { id } token { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuthLogin($email: String!, $password: String!) { login(email: $email, password: $password) { sessionToken expiresAt user { id } } }"): (typeof documents)["mutation AuthLogin($email: String!, $password: String!) { login(email: $email, password: $password) { sessionToken expiresAt user { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuthLogout { logout }"): (typeof documents)["mutation AuthLogout { logout }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuthRevoke($id: ID!) { revokeToken(id: $id) { status } }"): (typeof documents)["mutation AuthRevoke($id: ID!) { revokeToken(id: $id) { status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IpCreate($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { secret token { id allowedCidrs } } }\n"): (typeof documents)["\n  mutation IpCreate($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { secret token { id allowedCidrs } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation IpUpdate($id: ID!, $input: UpdateTokenInput!, $password: String!) { updateToken(id: $id, input: $input, password: $password) { allowedCidrs } }"): (typeof documents)["mutation IpUpdate($id: ID!, $input: UpdateTokenInput!, $password: String!) { updateToken(id: $id, input: $input, password: $password) { allowedCidrs } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JwtViewer { viewer { authMethod token { id } user { id } } }"): (typeof documents)["query JwtViewer { viewer { authMethod token { id } user { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JwtDevices($projectId: ID!) { devices(projectId: $projectId) { nodes { id } } }"): (typeof documents)["query JwtDevices($projectId: ID!) { devices(projectId: $projectId) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RtRegenerate($id: ID!, $password: String!, $overlapSeconds: Int) {\n    regenerateToken(id: $id, password: $password, overlapSeconds: $overlapSeconds) { secret token { id previousSecretValidUntil } }\n  }\n"): (typeof documents)["\n  mutation RtRegenerate($id: ID!, $password: String!, $overlapSeconds: Int) {\n    regenerateToken(id: $id, password: $password, overlapSeconds: $overlapSeconds) { secret token { id previousSecretValidUntil } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RtToken($id: ID!) { token(id: $id) { id previousSecretValidUntil selfRotate status revokeReason } }"): (typeof documents)["query RtToken($id: ID!) { token(id: $id) { id previousSecretValidUntil selfRotate status revokeReason } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RtEvents($id: ID!) { token(id: $id) { events { nodes { kind details } } } }"): (typeof documents)["query RtEvents($id: ID!) { token(id: $id) { events { nodes { kind details } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RtNotifications { viewer { notifications { nodes { kind message token { id } } } } }"): (typeof documents)["query RtNotifications { viewer { notifications { nodes { kind message token { id } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NtList($unread: Boolean) { viewer { notifications(unreadOnly: $unread) { nodes { id kind message readAt token { id } } } } }"): (typeof documents)["query NtList($unread: Boolean) { viewer { notifications(unreadOnly: $unread) { nodes { id kind message readAt token { id } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation NtRead($ids: [ID!]) { markNotificationsRead(ids: $ids) }"): (typeof documents)["mutation NtRead($ids: [ID!]) { markNotificationsRead(ids: $ids) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnusedSetPolicy($input: TokenPolicyInput!) { setTokenPolicy(input: $input) { revokeUnusedAfterDays expiryNoticeDays } }\n"): (typeof documents)["\n  mutation UnusedSetPolicy($input: TokenPolicyInput!) { setTokenPolicy(input: $input) { revokeUnusedAfterDays expiryNoticeDays } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UnusedViewer { viewer { authMethod } }"): (typeof documents)["query UnusedViewer { viewer { authMethod } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UnusedNotifications { viewer { notifications { nodes { kind message token { id } } } } }"): (typeof documents)["query UnusedNotifications { viewer { notifications { nodes { kind message token { id } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliLogin($email: String!, $password: String!) { login(email: $email, password: $password) { sessionToken } }"): (typeof documents)["mutation CliLogin($email: String!, $password: String!) { login(email: $email, password: $password) { sessionToken } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CliMe { viewer { user { id mustChangePassword } } }"): (typeof documents)["query CliMe { viewer { user { id mustChangePassword } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AccChangePassword($current: String!, $new: String!) { changePassword(currentPassword: $current, newPassword: $new) }"): (typeof documents)["mutation AccChangePassword($current: String!, $new: String!) { changePassword(currentPassword: $current, newPassword: $new) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AccResetPassword($userId: ID!) { resetPassword(userId: $userId) { temporaryPassword user { id email mustChangePassword } } }"): (typeof documents)["mutation AccResetPassword($userId: ID!) { resetPassword(userId: $userId) { temporaryPassword user { id email mustChangePassword } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AccLogin($email: String!, $password: String!) { login(email: $email, password: $password) { sessionToken } }"): (typeof documents)["mutation AccLogin($email: String!, $password: String!) { login(email: $email, password: $password) { sessionToken } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AccMe { viewer { authMethod user { id mustChangePassword } } }"): (typeof documents)["query AccMe { viewer { authMethod user { id mustChangePassword } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AccMembers($id: ID!) { project(id: $id) { members { nodes { user { id mustChangePassword } } } } }"): (typeof documents)["query AccMembers($id: ID!) { project(id: $id) { members { nodes { user { id mustChangePassword } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AccUsers($search: String) { users(search: $search) { nodes { id mustChangePassword } } }"): (typeof documents)["query AccUsers($search: String) { users(search: $search) { nodes { id mustChangePassword } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FilteredAdminTokens($lastUsedBefore: DateTime, $neverUsed: Boolean, $expiresBefore: DateTime, $allowsAnyAddress: Boolean, $hasWriteGrants: Boolean) {\n    adminTokens(first: 50, lastUsedBefore: $lastUsedBefore, neverUsed: $neverUsed, expiresBefore: $expiresBefore, allowsAnyAddress: $allowsAnyAddress, hasWriteGrants: $hasWriteGrants) {\n      totalCount\n      nodes { name }\n    }\n  }\n"): (typeof documents)["\n  query FilteredAdminTokens($lastUsedBefore: DateTime, $neverUsed: Boolean, $expiresBefore: DateTime, $allowsAnyAddress: Boolean, $hasWriteGrants: Boolean) {\n    adminTokens(first: 50, lastUsedBefore: $lastUsedBefore, neverUsed: $neverUsed, expiresBefore: $expiresBefore, allowsAnyAddress: $allowsAnyAddress, hasWriteGrants: $hasWriteGrants) {\n      totalCount\n      nodes { name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdmTokens($status: TokenStatus, $search: String, $ownerId: ID, $first: Int, $after: String) {\n    adminTokens(status: $status, search: $search, ownerId: $ownerId, first: $first, after: $after) {\n      totalCount\n      edges { cursor node { id name status owner { email } project { id } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query AdmTokens($status: TokenStatus, $search: String, $ownerId: ID, $first: Int, $after: String) {\n    adminTokens(status: $status, search: $search, ownerId: $ownerId, first: $first, after: $after) {\n      totalCount\n      edges { cursor node { id name status owner { email } project { id } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdmAudit($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 50) { totalCount edges { node { kind ip details actor { id } token { id } } } } }\n"): (typeof documents)["\n  query AdmAudit($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 50) { totalCount edges { node { kind ip details actor { id } token { id } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdmCreate($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { secret token { id } } }"): (typeof documents)["mutation AdmCreate($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { secret token { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdmRevoke($id: ID!, $reason: String) { revokeToken(id: $id, reason: $reason) { status revokedBy { id } } }"): (typeof documents)["mutation AdmRevoke($id: ID!, $reason: String) { revokeToken(id: $id, reason: $reason) { status revokedBy { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfViewer { viewer { authMethod } }"): (typeof documents)["query EnfViewer { viewer { authMethod } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfProjects { projects(last: 100) { nodes { id } } }"): (typeof documents)["query EnfProjects { projects(last: 100) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfProject($id: ID!) { project(id: $id) { id name } }"): (typeof documents)["query EnfProject($id: ID!) { project(id: $id) { id name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfDevices($projectId: ID!) { devices(projectId: $projectId) { nodes { id } } }"): (typeof documents)["query EnfDevices($projectId: ID!) { devices(projectId: $projectId) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfDevice($id: ID!) { device(id: $id) { id } }"): (typeof documents)["query EnfDevice($id: ID!) { device(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfMyTokens { myTokens { nodes { id } } }"): (typeof documents)["query EnfMyTokens { myTokens { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfToken($id: ID!) { token(id: $id) { id } }"): (typeof documents)["query EnfToken($id: ID!) { token(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfAdminTokens { adminTokens(first: 5) { totalCount edges { node { id } } } }"): (typeof documents)["query EnfAdminTokens { adminTokens(first: 5) { totalCount edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfUsers { users(first: 1) { totalCount nodes { id } } }"): (typeof documents)["query EnfUsers { users(first: 1) { totalCount nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfTokenPolicy { tokenPolicy { requireExpiry } }"): (typeof documents)["query EnfTokenPolicy { tokenPolicy { requireExpiry } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfApiMethodSets { apiMethodSets { key methods } }"): (typeof documents)["query EnfApiMethodSets { apiMethodSets { key methods } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfApiMethods { apiMethods }"): (typeof documents)["query EnfApiMethods { apiMethods }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfLogin($email: String!, $password: String!) { login(email: $email, password: $password) { user { id } } }"): (typeof documents)["mutation EnfLogin($email: String!, $password: String!) { login(email: $email, password: $password) { user { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfLogout { logout }"): (typeof documents)["mutation EnfLogout { logout }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfCreateUser($email: String!) { createUser(email: $email, password: \"a long enough password\") { id } }"): (typeof documents)["mutation EnfCreateUser($email: String!) { createUser(email: $email, password: \"a long enough password\") { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfDeleteUser($id: ID!) { deleteUser(id: $id) }"): (typeof documents)["mutation EnfDeleteUser($id: ID!) { deleteUser(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfChangePassword($current: String!) { changePassword(currentPassword: $current, newPassword: \"a brand new password\") }"): (typeof documents)["mutation EnfChangePassword($current: String!) { changePassword(currentPassword: $current, newPassword: \"a brand new password\") }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfResetPassword($userId: ID!) { resetPassword(userId: $userId) { temporaryPassword user { id } } }"): (typeof documents)["mutation EnfResetPassword($userId: ID!) { resetPassword(userId: $userId) { temporaryPassword user { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfCreateProject { createProject(name: \"new\") { id name } }"): (typeof documents)["mutation EnfCreateProject { createProject(name: \"new\") { id name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfUpdateProject($id: ID!) { updateProject(id: $id, name: \"renamed\") { name } }"): (typeof documents)["mutation EnfUpdateProject($id: ID!) { updateProject(id: $id, name: \"renamed\") { name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfDeleteProject($id: ID!) { deleteProject(id: $id) }"): (typeof documents)["mutation EnfDeleteProject($id: ID!) { deleteProject(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfAddMember($projectId: ID!, $userId: ID!) { addProjectMember(projectId: $projectId, userId: $userId, role: VIEWER) { role } }"): (typeof documents)["mutation EnfAddMember($projectId: ID!, $userId: ID!) { addProjectMember(projectId: $projectId, userId: $userId, role: VIEWER) { role } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfRemoveMember($projectId: ID!, $userId: ID!) { removeProjectMember(projectId: $projectId, userId: $userId) }"): (typeof documents)["mutation EnfRemoveMember($projectId: ID!, $userId: ID!) { removeProjectMember(projectId: $projectId, userId: $userId) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfCreateDevice($projectId: ID!) { createDevice(projectId: $projectId, name: \"new\") { id name } }"): (typeof documents)["mutation EnfCreateDevice($projectId: ID!) { createDevice(projectId: $projectId, name: \"new\") { id name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfUpdateDevice($id: ID!) { updateDevice(id: $id, status: ONLINE) { status lastSeenAt } }"): (typeof documents)["mutation EnfUpdateDevice($id: ID!) { updateDevice(id: $id, status: ONLINE) { status lastSeenAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfDeleteDevice($id: ID!) { deleteDevice(id: $id) }"): (typeof documents)["mutation EnfDeleteDevice($id: ID!) { deleteDevice(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfCreateToken($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { secret } }"): (typeof documents)["mutation EnfCreateToken($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { secret } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfRevokeToken($id: ID!) { revokeToken(id: $id, reason: \"table\") { status } }"): (typeof documents)["mutation EnfRevokeToken($id: ID!) { revokeToken(id: $id, reason: \"table\") { status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfAuditEvents($tokenId: ID!) { auditEvents(filter: { tokenId: $tokenId }) { totalCount edges { node { kind } } } }"): (typeof documents)["query EnfAuditEvents($tokenId: ID!) { auditEvents(filter: { tokenId: $tokenId }) { totalCount edges { node { kind } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfUpdateToken($id: ID!, $password: String!) { updateToken(id: $id, input: { name: \"edited\" }, password: $password) { name } }"): (typeof documents)["mutation EnfUpdateToken($id: ID!, $password: String!) { updateToken(id: $id, input: { name: \"edited\" }, password: $password) { name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfRegenerateToken($id: ID!, $password: String!) { regenerateToken(id: $id, password: $password) { secret token { id } } }"): (typeof documents)["mutation EnfRegenerateToken($id: ID!, $password: String!) { regenerateToken(id: $id, password: $password) { secret token { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfCopyToken($id: ID!, $password: String!) { copyToken(id: $id, name: \"copy\", password: $password) { secret token { name } } }"): (typeof documents)["mutation EnfCopyToken($id: ID!, $password: String!) { copyToken(id: $id, name: \"copy\", password: $password) { secret token { name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfExplain($id: ID!) { explainToken(id: $id, query: \"{ viewer { authMethod } }\") { path allowed } }"): (typeof documents)["query EnfExplain($id: ID!) { explainToken(id: $id, query: \"{ viewer { authMethod } }\") { path allowed } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfApplySuggested($id: ID!, $password: String!) { applySuggestedGrants(id: $id, password: $password) { id } }"): (typeof documents)["mutation EnfApplySuggested($id: ID!, $password: String!) { applySuggestedGrants(id: $id, password: $password) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfMarkRead { markNotificationsRead }"): (typeof documents)["mutation EnfMarkRead { markNotificationsRead }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfWebhooks($projectId: ID) { webhooks(projectId: $projectId) { nodes { id } } }"): (typeof documents)["query EnfWebhooks($projectId: ID) { webhooks(projectId: $projectId) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfWebhookDeliveries($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id } } } }"): (typeof documents)["query EnfWebhookDeliveries($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfCreateWebhook($projectId: ID) { createWebhook(input: { url: \"https://1.1.1.1/new\", events: [TOKEN_CREATED], projectId: $projectId }) { secret webhook { id } } }"): (typeof documents)["mutation EnfCreateWebhook($projectId: ID) { createWebhook(input: { url: \"https://1.1.1.1/new\", events: [TOKEN_CREATED], projectId: $projectId }) { secret webhook { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfUpdateWebhook($id: ID!) { updateWebhook(id: $id, input: { events: [TOKEN_EXPIRING] }) { events } }"): (typeof documents)["mutation EnfUpdateWebhook($id: ID!) { updateWebhook(id: $id, input: { events: [TOKEN_EXPIRING] }) { events } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfDeleteWebhook($id: ID!) { deleteWebhook(id: $id) }"): (typeof documents)["mutation EnfDeleteWebhook($id: ID!) { deleteWebhook(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfRedeliverWebhook($id: ID!) { redeliverWebhook(deliveryId: $id) { messageId status } }"): (typeof documents)["mutation EnfRedeliverWebhook($id: ID!) { redeliverWebhook(deliveryId: $id) { messageId status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfSetPolicy { setTokenPolicy(input: { customTokensAdminOnly: false }) { customTokensAdminOnly } }"): (typeof documents)["mutation EnfSetPolicy { setTokenPolicy(input: { customTokensAdminOnly: false }) { customTokensAdminOnly } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfTrustPolicies($projectId: ID) { trustPolicies(projectId: $projectId) { nodes { id } } }"): (typeof documents)["query EnfTrustPolicies($projectId: ID) { trustPolicies(projectId: $projectId) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfCreateTrustPolicy($input: CreateTrustPolicyInput!) { createTrustPolicy(input: $input) { id name } }"): (typeof documents)["mutation EnfCreateTrustPolicy($input: CreateTrustPolicyInput!) { createTrustPolicy(input: $input) { id name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfUpdateTrustPolicy($id: ID!) { updateTrustPolicy(id: $id, input: { name: \"renamed\" }) { name } }"): (typeof documents)["mutation EnfUpdateTrustPolicy($id: ID!) { updateTrustPolicy(id: $id, input: { name: \"renamed\" }) { name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfDeleteTrustPolicy($id: ID!) { deleteTrustPolicy(id: $id) }"): (typeof documents)["mutation EnfDeleteTrustPolicy($id: ID!) { deleteTrustPolicy(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfEnrollmentTokens($projectId: ID!) { enrollmentTokens(projectId: $projectId) { nodes { id remainingUses } } }"): (typeof documents)["query EnfEnrollmentTokens($projectId: ID!) { enrollmentTokens(projectId: $projectId) { nodes { id remainingUses } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfCreateEnrollmentToken($projectId: ID!, $expiresAt: DateTime!) { createEnrollmentToken(input: { projectId: $projectId, name: \"fleet\", maxUses: 2, expiresAt: $expiresAt }) { secret } }"): (typeof documents)["mutation EnfCreateEnrollmentToken($projectId: ID!, $expiresAt: DateTime!) { createEnrollmentToken(input: { projectId: $projectId, name: \"fleet\", maxUses: 2, expiresAt: $expiresAt }) { secret } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfRevokeEnrollmentToken($id: ID!) { revokeEnrollmentToken(id: $id) { status } }"): (typeof documents)["mutation EnfRevokeEnrollmentToken($id: ID!) { revokeEnrollmentToken(id: $id) { status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfEnrollDevice { enrollDevice(name: \"enrolled\") { deviceId } }"): (typeof documents)["mutation EnfEnrollDevice { enrollDevice(name: \"enrolled\") { deviceId } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfDeviceCode($userCode: String!) { deviceCode(userCode: $userCode) { projectId status } }"): (typeof documents)["query EnfDeviceCode($userCode: String!) { deviceCode(userCode: $userCode) { projectId status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfApproveDeviceCode($userCode: String!) { approveDeviceCode(userCode: $userCode) { status } }"): (typeof documents)["mutation EnfApproveDeviceCode($userCode: String!) { approveDeviceCode(userCode: $userCode) { status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnfDenyDeviceCode($userCode: String!) { denyDeviceCode(userCode: $userCode) { status } }"): (typeof documents)["mutation EnfDenyDeviceCode($userCode: String!) { denyDeviceCode(userCode: $userCode) { status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfExplainRow($id: ID!, $query: String!, $variables: JSON) { explainToken(id: $id, query: $query, variables: $variables) { path allowed code reason } }"): (typeof documents)["query EnfExplainRow($id: ID!, $query: String!, $variables: JSON) { explainToken(id: $id, query: $query, variables: $variables) { path allowed code reason } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExpExplain($id: ID!, $query: String!, $variables: JSON) {\n    explainToken(id: $id, query: $query, variables: $variables) { path allowed code reason message requirement { entity action projectId } }\n  }\n"): (typeof documents)["\n  query ExpExplain($id: ID!, $query: String!, $variables: JSON) {\n    explainToken(id: $id, query: $query, variables: $variables) { path allowed code reason message requirement { entity action projectId } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LpSuggested($status: TokenStatus) {\n    myTokens(status: $status) { nodes { id usage { key count } suggestedGrants { grants { entity action projectId deviceId } apiMethods basedOnUses } } }\n  }\n"): (typeof documents)["\n  query LpSuggested($status: TokenStatus) {\n    myTokens(status: $status) { nodes { id usage { key count } suggestedGrants { grants { entity action projectId deviceId } apiMethods basedOnUses } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LpApply($id: ID!, $password: String!) { applySuggestedGrants(id: $id, password: $password) { apiMethods grants { entity action projectId deviceId } } }\n"): (typeof documents)["\n  mutation LpApply($id: ID!, $password: String!) { applySuggestedGrants(id: $id, password: $password) { apiMethods grants { entity action projectId deviceId } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LcUpdate($id: ID!, $input: UpdateTokenInput!, $password: String!) {\n    updateToken(id: $id, input: $input, password: $password) { id name description expiresAt apiMethodSet apiMethods grants { entity action projectId } }\n  }\n"): (typeof documents)["\n  mutation LcUpdate($id: ID!, $input: UpdateTokenInput!, $password: String!) {\n    updateToken(id: $id, input: $input, password: $password) { id name description expiresAt apiMethodSet apiMethods grants { entity action projectId } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LcRegenerate($id: ID!, $password: String!, $expiresAt: DateTime) {\n    regenerateToken(id: $id, password: $password, expiresAt: $expiresAt) { secret token { id displayPrefix expiresAt status } }\n  }\n"): (typeof documents)["\n  mutation LcRegenerate($id: ID!, $password: String!, $expiresAt: DateTime) {\n    regenerateToken(id: $id, password: $password, expiresAt: $expiresAt) { secret token { id displayPrefix expiresAt status } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LcCopy($id: ID!, $name: String!, $password: String!) {\n    copyToken(id: $id, name: $name, password: $password) { secret token { id name description kind expiresAt apiMethodSet grants { entity action projectId } } }\n  }\n"): (typeof documents)["\n  mutation LcCopy($id: ID!, $name: String!, $password: String!) {\n    copyToken(id: $id, name: $name, password: $password) { secret token { id name description kind expiresAt apiMethodSet grants { entity action projectId } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LcEvents { myTokens { nodes { id events { nodes { kind ip details actor { id } } } } } }"): (typeof documents)["query LcEvents { myTokens { nodes { id events { nodes { kind ip details actor { id } } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LcLastUsed { myTokens { nodes { id lastUsedAt } } }"): (typeof documents)["query LcLastUsed { myTokens { nodes { id lastUsedAt } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LcDevices($projectId: ID!) { devices(projectId: $projectId) { nodes { id } } }"): (typeof documents)["query LcDevices($projectId: ID!) { devices(projectId: $projectId) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PageMyTokens($first: Int, $after: String, $last: Int, $before: String, $status: TokenStatus) {\n    myTokens(first: $first, after: $after, last: $last, before: $before, status: $status) {\n      totalCount\n      nodes { id name }\n      edges { cursor node { id } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query PageMyTokens($first: Int, $after: String, $last: Int, $before: String, $status: TokenStatus) {\n    myTokens(first: $first, after: $after, last: $last, before: $before, status: $status) {\n      totalCount\n      nodes { id name }\n      edges { cursor node { id } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PageMyTokensCount($first: Int) { myTokens(first: $first) { totalCount } }"): (typeof documents)["query PageMyTokensCount($first: Int) { myTokens(first: $first) { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PageProjectTokens($id: ID!, $first: Int, $after: String) {\n    project(id: $id) { tokens(first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }\n  }\n"): (typeof documents)["\n  query PageProjectTokens($id: ID!, $first: Int, $after: String) {\n    project(id: $id) { tokens(first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PageUsers($first: Int, $after: String) { users(first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query PageUsers($first: Int, $after: String) { users(first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PageSearchUsers($search: String, $first: Int, $after: String) {\n    users(search: $search, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n"): (typeof documents)["\n  query PageSearchUsers($search: String, $first: Int, $after: String) {\n    users(search: $search, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PageWebhooks($projectId: ID, $first: Int, $after: String) {\n    webhooks(projectId: $projectId, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n"): (typeof documents)["\n  query PageWebhooks($projectId: ID, $first: Int, $after: String) {\n    webhooks(projectId: $projectId, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PageEnrollmentTokens($projectId: ID!, $first: Int, $after: String) {\n    enrollmentTokens(projectId: $projectId, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n"): (typeof documents)["\n  query PageEnrollmentTokens($projectId: ID!, $first: Int, $after: String) {\n    enrollmentTokens(projectId: $projectId, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PageTrustPolicies($projectId: ID, $first: Int, $after: String) {\n    trustPolicies(projectId: $projectId, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n"): (typeof documents)["\n  query PageTrustPolicies($projectId: ID, $first: Int, $after: String) {\n    trustPolicies(projectId: $projectId, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PageNotifications($first: Int, $after: String, $unreadOnly: Boolean) {\n    viewer { notifications(first: $first, after: $after, unreadOnly: $unreadOnly) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }\n  }\n"): (typeof documents)["\n  query PageNotifications($first: Int, $after: String, $unreadOnly: Boolean) {\n    viewer { notifications(first: $first, after: $after, unreadOnly: $unreadOnly) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PageAdminLists($first: Int, $after: String) {\n    adminTokens(first: $first, after: $after) { totalCount nodes { id } }\n    auditEvents(first: $first, after: $after) { totalCount nodes { id } }\n  }\n"): (typeof documents)["\n  query PageAdminLists($first: Int, $after: String) {\n    adminTokens(first: $first, after: $after) { totalCount nodes { id } }\n    auditEvents(first: $first, after: $after) { totalCount nodes { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PageDeliveries($id: ID!, $first: Int, $after: String) {\n    webhookDeliveries(webhookId: $id, first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n"): (typeof documents)["\n  query PageDeliveries($id: ID!, $first: Int, $after: String) {\n    webhookDeliveries(webhookId: $id, first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PageTokenEvents($id: ID!, $first: Int, $after: String) {\n    token(id: $id) { events(first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }\n  }\n"): (typeof documents)["\n  query PageTokenEvents($id: ID!, $first: Int, $after: String) {\n    token(id: $id) { events(first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PolSet($input: TokenPolicyInput!) { setTokenPolicy(input: $input) { maxLifetimeDays defaultLifetimeDays requireExpiry customTokensAdminOnly } }\n"): (typeof documents)["\n  mutation PolSet($input: TokenPolicyInput!) { setTokenPolicy(input: $input) { maxLifetimeDays defaultLifetimeDays requireExpiry customTokensAdminOnly } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PolCreate($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { token { kind expiresAt } } }\n"): (typeof documents)["\n  mutation PolCreate($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { token { kind expiresAt } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PolUpdate($id: ID!, $input: UpdateTokenInput!, $password: String!) { updateToken(id: $id, input: $input, password: $password) { expiresAt } }"): (typeof documents)["mutation PolUpdate($id: ID!, $input: UpdateTokenInput!, $password: String!) { updateToken(id: $id, input: $input, password: $password) { expiresAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TokCreate($input: CreateTokenInput!, $password: String!) {\n    createToken(input: $input, password: $password) {\n      secret\n      token { id kind name description displayPrefix status apiMethodSet apiMethods expiresAt\n        owner { id } project { id } createdBy { id }\n        grants { entity action projectId deviceId project { name } } }\n    }\n  }\n"): (typeof documents)["\n  mutation TokCreate($input: CreateTokenInput!, $password: String!) {\n    createToken(input: $input, password: $password) {\n      secret\n      token { id kind name description displayPrefix status apiMethodSet apiMethods expiresAt\n        owner { id } project { id } createdBy { id }\n        grants { entity action projectId deviceId project { name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TokMine($status: TokenStatus) { myTokens(status: $status) { nodes { id name status revokedAt revokedBy { id } revokeReason } } }"): (typeof documents)["query TokMine($status: TokenStatus) { myTokens(status: $status) { nodes { id name status revokedAt revokedBy { id } revokeReason } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TokRevoke($id: ID!, $reason: String) { revokeToken(id: $id, reason: $reason) { id status revokeReason revokedBy { id } } }"): (typeof documents)["mutation TokRevoke($id: ID!, $reason: String) { revokeToken(id: $id, reason: $reason) { id status revokeReason revokedBy { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TokDevices($projectId: ID!) { devices(projectId: $projectId) { nodes { id name } } }"): (typeof documents)["query TokDevices($projectId: ID!) { devices(projectId: $projectId) { nodes { id name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TokDevice($id: ID!) { device(id: $id) { id } }"): (typeof documents)["query TokDevice($id: ID!) { device(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TokUpdateDevice($id: ID!, $name: String) { updateDevice(id: $id, name: $name) { id name } }"): (typeof documents)["mutation TokUpdateDevice($id: ID!, $name: String) { updateDevice(id: $id, name: $name) { id name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TokCreateDevice($projectId: ID!) { createDevice(projectId: $projectId, name: \"x\") { id } }"): (typeof documents)["mutation TokCreateDevice($projectId: ID!) { createDevice(projectId: $projectId, name: \"x\") { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TokProjects { projects { nodes { id } } }"): (typeof documents)["query TokProjects { projects { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TokAddMember($projectId: ID!, $userId: ID!, $role: ProjectRole!) { addProjectMember(projectId: $projectId, userId: $userId, role: $role) { role } }"): (typeof documents)["mutation TokAddMember($projectId: ID!, $userId: ID!, $role: ProjectRole!) { addProjectMember(projectId: $projectId, userId: $userId, role: $role) { role } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TokRemoveMember($projectId: ID!, $userId: ID!) { removeProjectMember(projectId: $projectId, userId: $userId) }"): (typeof documents)["mutation TokRemoveMember($projectId: ID!, $userId: ID!) { removeProjectMember(projectId: $projectId, userId: $userId) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TokProjectTokens($id: ID!) { project(id: $id) { tokens { nodes { id kind status } } } }"): (typeof documents)["query TokProjectTokens($id: ID!) { project(id: $id) { tokens { nodes { id kind status } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TokDeleteProject($id: ID!) { deleteProject(id: $id) }"): (typeof documents)["mutation TokDeleteProject($id: ID!) { deleteProject(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SecWhCreate($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id } } }"): (typeof documents)["mutation SecWhCreate($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SecWhList($projectId: ID) { webhooks(projectId: $projectId) { nodes { id url } } }"): (typeof documents)["query SecWhList($projectId: ID) { webhooks(projectId: $projectId) { nodes { id url } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SecWhDeliveries($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id payload } } } }"): (typeof documents)["query SecWhDeliveries($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id payload } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SecWhUpdate($id: ID!, $input: UpdateWebhookInput!) { updateWebhook(id: $id, input: $input) { id url } }"): (typeof documents)["mutation SecWhUpdate($id: ID!, $input: UpdateWebhookInput!) { updateWebhook(id: $id, input: $input) { id url } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SecWhDelete($id: ID!) { deleteWebhook(id: $id) }"): (typeof documents)["mutation SecWhDelete($id: ID!) { deleteWebhook(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SecWhRedeliver($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }"): (typeof documents)["mutation SecWhRedeliver($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WpRevoke($id: ID!) { revokeToken(id: $id, reason: \"left the team\") { status } }"): (typeof documents)["mutation WpRevoke($id: ID!) { revokeToken(id: $id, reason: \"left the team\") { status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WhAddrCreate($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id url } } }"): (typeof documents)["mutation WhAddrCreate($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id url } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WhCreate($input: CreateWebhookInput!) {\n    createWebhook(input: $input) { secret webhook { id url events enabled project { id } } }\n  }\n"): (typeof documents)["\n  mutation WhCreate($input: CreateWebhookInput!) {\n    createWebhook(input: $input) { secret webhook { id url events enabled project { id } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WhDeliveries($id: ID!, $first: Int, $after: String) {\n    webhookDeliveries(webhookId: $id, first: $first, after: $after) {\n      edges { node { id messageId event status attempts lastResponseStatus lastError nextAttemptAt deliveredAt payload } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query WhDeliveries($id: ID!, $first: Int, $after: String) {\n    webhookDeliveries(webhookId: $id, first: $first, after: $after) {\n      edges { node { id messageId event status attempts lastResponseStatus lastError nextAttemptAt deliveredAt payload } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WhRedeliver($id: ID!) { redeliverWebhook(deliveryId: $id) { id messageId status attempts } }"): (typeof documents)["mutation WhRedeliver($id: ID!) { redeliverWebhook(deliveryId: $id) { id messageId status attempts } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WhUpdate($id: ID!, $input: UpdateWebhookInput!) { updateWebhook(id: $id, input: $input) { id enabled failingSince disabledAt events } }"): (typeof documents)["mutation WhUpdate($id: ID!, $input: UpdateWebhookInput!) { updateWebhook(id: $id, input: $input) { id enabled failingSince disabledAt events } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WhCreateToken($input: CreateTokenInput!, $password: String!) {\n    createToken(input: $input, password: $password) { secret token { id displayPrefix } }\n  }\n"): (typeof documents)["\n  mutation WhCreateToken($input: CreateTokenInput!, $password: String!) {\n    createToken(input: $input, password: $password) { secret token { id displayPrefix } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WhRegenerate($id: ID!, $password: String!) { regenerateToken(id: $id, password: $password) { secret token { displayPrefix } } }"): (typeof documents)["mutation WhRegenerate($id: ID!, $password: String!) { regenerateToken(id: $id, password: $password) { secret token { displayPrefix } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WhUpdateToken($id: ID!, $password: String!) { updateToken(id: $id, input: { name: \"renamed\" }, password: $password) { name } }"): (typeof documents)["mutation WhUpdateToken($id: ID!, $password: String!) { updateToken(id: $id, input: { name: \"renamed\" }, password: $password) { name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WhRevoke($id: ID!) { revokeToken(id: $id, reason: \"done\") { status } }"): (typeof documents)["mutation WhRevoke($id: ID!) { revokeToken(id: $id, reason: \"done\") { status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WhNotifications { viewer { notifications { nodes { kind message } } } }"): (typeof documents)["query WhNotifications { viewer { notifications { nodes { kind message } } } }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;