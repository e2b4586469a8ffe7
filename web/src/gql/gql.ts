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
    "\n  query ConsoleUserSuggestions($search: String!) {\n    users(first: 10, search: $search) { nodes { id email } }\n  }\n": typeof types.ConsoleUserSuggestionsDocument,
    "\n  query ConsoleUsersPage($after: String, $search: String) {\n    users(first: 20, after: $after, search: $search) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id email name role createdAt mustChangePassword }\n    }\n  }\n": typeof types.ConsoleUsersPageDocument,
    "\n  mutation ConsoleCreateUser($email: String!, $name: String, $password: String!, $role: UserRole) {\n    createUser(email: $email, name: $name, password: $password, role: $role) { id email }\n  }\n": typeof types.ConsoleCreateUserDocument,
    "\n  mutation ConsoleDeleteUser($id: ID!) { deleteUser(id: $id) }\n": typeof types.ConsoleDeleteUserDocument,
    "\n  mutation ConsoleResetPassword($userId: ID!) {\n    resetPassword(userId: $userId) { temporaryPassword user { id email } }\n  }\n": typeof types.ConsoleResetPasswordDocument,
    "\n  mutation ConsoleChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": typeof types.ConsoleChangePasswordDocument,
    "\n  query ConsoleProjectDetail($id: ID!) {\n    project(id: $id) { id name devices { totalCount } members { totalCount } }\n  }\n": typeof types.ConsoleProjectDetailDocument,
    "\n  query ConsoleProjectTokenCount($id: ID!) {\n    project(id: $id) { id tokens(status: ACTIVE) { totalCount } }\n  }\n": typeof types.ConsoleProjectTokenCountDocument,
    "\n  mutation ConsoleCreateProject($name: String!) { createProject(name: $name) { id name } }\n": typeof types.ConsoleCreateProjectDocument,
    "\n  mutation ConsoleUpdateProject($id: ID!, $name: String!) { updateProject(id: $id, name: $name) { id name } }\n": typeof types.ConsoleUpdateProjectDocument,
    "\n  mutation ConsoleDeleteProject($id: ID!) { deleteProject(id: $id) }\n": typeof types.ConsoleDeleteProjectDocument,
    "\n  mutation ConsoleAddMember($projectId: ID!, $userId: ID!, $role: ProjectRole!) {\n    addProjectMember(projectId: $projectId, userId: $userId, role: $role) { role user { id email } }\n  }\n": typeof types.ConsoleAddMemberDocument,
    "\n  mutation ConsoleRemoveMember($projectId: ID!, $userId: ID!) { removeProjectMember(projectId: $projectId, userId: $userId) }\n": typeof types.ConsoleRemoveMemberDocument,
    "\n  query ConsoleDeviceList($projectId: ID!, $after: String) {\n    devices(projectId: $projectId, first: 50, after: $after) {\n      nodes { id name status lastSeenAt metadata createdAt }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n": typeof types.ConsoleDeviceListDocument,
    "\n  query ConsoleMemberList($id: ID!, $after: String) {\n    project(id: $id) {\n      id\n      members(first: 100, after: $after) {\n        nodes { role user { id email name } }\n        pageInfo { hasNextPage endCursor }\n        totalCount\n      }\n    }\n  }\n": typeof types.ConsoleMemberListDocument,
    "\n  mutation ConsoleCreateDevice($projectId: ID!, $name: String!, $metadata: JSON) {\n    createDevice(projectId: $projectId, name: $name, metadata: $metadata) { id name }\n  }\n": typeof types.ConsoleCreateDeviceDocument,
    "\n  mutation ConsoleUpdateDevice($id: ID!, $name: String, $metadata: JSON) {\n    updateDevice(id: $id, name: $name, metadata: $metadata) { id name }\n  }\n": typeof types.ConsoleUpdateDeviceDocument,
    "\n  mutation ConsoleDeleteDevice($id: ID!) { deleteDevice(id: $id) }\n": typeof types.ConsoleDeleteDeviceDocument,
    "\n  mutation ConsoleSetPolicy($input: TokenPolicyInput!) {\n    setTokenPolicy(input: $input) {\n      defaultLifetimeDays maxLifetimeDays requireExpiry customTokensAdminOnly maxRotationOverlapSeconds revokeOnRotatedSecretReuse\n      expiryNoticeDays revokeUnusedAfterDays requestsPerMinute costPerHour\n    }\n  }\n": typeof types.ConsoleSetPolicyDocument,
    "\n  query ConsoleAudit($filter: AuditEventFilter, $after: String) {\n    auditEvents(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id kind createdAt ip details actor { id email } token { id name } }\n    }\n  }\n": typeof types.ConsoleAuditDocument,
    "\n  query ConsoleTrustPolicies($projectId: ID, $after: String) {\n    trustPolicies(projectId: $projectId, first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes {\n      id name issuer jwksUri audience claims apiMethods maxLifetimeSeconds projectId createdAt\n      grants { entity action projectId deviceId project { name } device { name } }\n    } }\n  }\n": typeof types.ConsoleTrustPoliciesDocument,
    "\n  mutation ConsoleCreateTrustPolicy($input: CreateTrustPolicyInput!) { createTrustPolicy(input: $input) { id name } }\n": typeof types.ConsoleCreateTrustPolicyDocument,
    "\n  mutation ConsoleUpdateTrustPolicy($id: ID!, $input: UpdateTrustPolicyInput!) { updateTrustPolicy(id: $id, input: $input) { id name } }\n": typeof types.ConsoleUpdateTrustPolicyDocument,
    "\n  mutation ConsoleDeleteTrustPolicy($id: ID!) { deleteTrustPolicy(id: $id) }\n": typeof types.ConsoleDeleteTrustPolicyDocument,
    "\n  query ConsoleEnrollmentTokens($projectId: ID!, $after: String) {\n    enrollmentTokens(projectId: $projectId, first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id name displayPrefix status uses maxUses remainingUses expiresAt revokedAt createdAt deviceMetadata } }\n  }\n": typeof types.ConsoleEnrollmentTokensDocument,
    "\n  mutation ConsoleCreateEnrollmentToken($input: CreateEnrollmentTokenInput!) {\n    createEnrollmentToken(input: $input) { secret enrollmentToken { id name } }\n  }\n": typeof types.ConsoleCreateEnrollmentTokenDocument,
    "\n  mutation ConsoleRevokeEnrollmentToken($id: ID!) { revokeEnrollmentToken(id: $id) { id name status } }\n": typeof types.ConsoleRevokeEnrollmentTokenDocument,
    "\n  query ConsoleDeviceCode($userCode: String!) {\n    deviceCode(userCode: $userCode) { userCode projectId projectName deviceName status requestedFrom createdAt expiresAt }\n  }\n": typeof types.ConsoleDeviceCodeDocument,
    "\n  mutation ConsoleApproveDeviceCode($userCode: String!) { approveDeviceCode(userCode: $userCode) { userCode status projectName deviceName } }\n": typeof types.ConsoleApproveDeviceCodeDocument,
    "\n  mutation ConsoleDenyDeviceCode($userCode: String!) { denyDeviceCode(userCode: $userCode) { userCode status projectName deviceName } }\n": typeof types.ConsoleDenyDeviceCodeDocument,
    "\n  query ConsoleWebhooks($after: String) {\n    webhooks(first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id url events enabled createdAt disabledAt disabledReason failingSince project { id name } } }\n  }\n": typeof types.ConsoleWebhooksDocument,
    "\n  mutation ConsoleCreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) { secret webhook { id url } }\n  }\n": typeof types.ConsoleCreateWebhookDocument,
    "\n  mutation ConsoleUpdateWebhook($id: ID!, $input: UpdateWebhookInput!) {\n    updateWebhook(id: $id, input: $input) { id url enabled events }\n  }\n": typeof types.ConsoleUpdateWebhookDocument,
    "\n  mutation ConsoleDeleteWebhook($id: ID!) { deleteWebhook(id: $id) }\n": typeof types.ConsoleDeleteWebhookDocument,
    "\n  query ConsoleWebhookDeliveries($webhookId: ID!, $after: String) {\n    # 10 rows keep this well inside the gateway's cost limit (armor multiplies by first).\n    webhookDeliveries(webhookId: $webhookId, first: 10, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      nodes { id event status attempts lastResponseStatus lastError createdAt lastAttemptAt deliveredAt nextAttemptAt messageId }\n    }\n  }\n": typeof types.ConsoleWebhookDeliveriesDocument,
    "\n  mutation ConsoleRedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) { id status }\n  }\n": typeof types.ConsoleRedeliverWebhookDocument,
    "\n  fragment TokenRow on AccessToken {\n    id\n    name\n    description\n    kind\n    displayPrefix\n    status\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n    revokeReason\n    revokedBy { email }\n    apiMethodSet\n    apiMethods\n    allowedCidrs\n    selfRotate\n    previousSecretValidUntil\n    owner { id email name }\n    project { id name }\n    grants { entity action projectId deviceId project { name } device { name } }\n  }\n": typeof types.TokenRowFragmentDoc,
    "\n  query ConsoleViewer {\n    viewer {\n      authMethod\n      user { id email name role mustChangePassword }\n    }\n  }\n": typeof types.ConsoleViewerDocument,
    "\n  mutation ConsoleLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { user { id email name role mustChangePassword } }\n  }\n": typeof types.ConsoleLoginDocument,
    "\n  mutation ConsoleLogout { logout }\n": typeof types.ConsoleLogoutDocument,
    "\n  query ConsoleSetup {\n    tokenPolicy { defaultLifetimeDays maxLifetimeDays requireExpiry customTokensAdminOnly maxRotationOverlapSeconds revokeOnRotatedSecretReuse expiryNoticeDays revokeUnusedAfterDays requestsPerMinute costPerHour }\n    apiMethods\n    apiMethodSets { key name description methods }\n    projects(first: 100) { ...ProjectPage }\n  }\n": typeof types.ConsoleSetupDocument,
    "\n  fragment ProjectPage on ProjectConnection {\n    nodes { id name createdAt viewerRole members { totalCount } }\n    pageInfo { hasNextPage endCursor }\n  }\n": typeof types.ProjectPageFragmentDoc,
    "\n  query ConsoleMoreProjects($after: String!) {\n    projects(first: 100, after: $after) { ...ProjectPage }\n  }\n": typeof types.ConsoleMoreProjectsDocument,
    "\n  query ConsoleDevices($projectId: ID!) {\n    devices(projectId: $projectId, first: 100) { nodes { id name } totalCount }\n  }\n": typeof types.ConsoleDevicesDocument,
    "\n  query ConsoleMyTokens($status: TokenStatus, $after: String) {\n    myTokens(status: $status, first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ...TokenRow } }\n  }\n": typeof types.ConsoleMyTokensDocument,
    "\n  query ConsoleProjectTokens($id: ID!, $status: TokenStatus, $after: String) {\n    project(id: $id) { id name tokens(status: $status, first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ...TokenRow } } }\n  }\n": typeof types.ConsoleProjectTokensDocument,
    "\n  query ConsoleAdminTokens(\n    $search: String\n    $status: TokenStatus\n    $after: String\n    $lastUsedBefore: DateTime\n    $neverUsed: Boolean\n    $expiresBefore: DateTime\n    $allowsAnyAddress: Boolean\n    $hasWriteGrants: Boolean\n  ) {\n    # 20 rows keep this query well inside the gateway's cost limit (armor multiplies by first).\n    adminTokens(\n      search: $search\n      status: $status\n      first: 20\n      after: $after\n      lastUsedBefore: $lastUsedBefore\n      neverUsed: $neverUsed\n      expiresBefore: $expiresBefore\n      allowsAnyAddress: $allowsAnyAddress\n      hasWriteGrants: $hasWriteGrants\n    ) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...TokenRow }\n    }\n  }\n": typeof types.ConsoleAdminTokensDocument,
    "\n  query ConsoleNotifications($after: String) {\n    viewer { notifications(first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id kind message createdAt readAt token { id name } } } }\n  }\n": typeof types.ConsoleNotificationsDocument,
    "\n  query ConsoleUnread {\n    viewer { notifications(unreadOnly: true) { totalCount } }\n  }\n": typeof types.ConsoleUnreadDocument,
    "\n  mutation ConsoleMarkRead($ids: [ID!]) { markNotificationsRead(ids: $ids) }\n": typeof types.ConsoleMarkReadDocument,
    "\n  mutation ConsoleCreateToken($input: CreateTokenInput!, $password: String!) {\n    createToken(input: $input, password: $password) { secret token { ...TokenRow } }\n  }\n": typeof types.ConsoleCreateTokenDocument,
    "\n  mutation ConsoleUpdateToken($id: ID!, $input: UpdateTokenInput!, $password: String!) {\n    updateToken(id: $id, input: $input, password: $password) { ...TokenRow }\n  }\n": typeof types.ConsoleUpdateTokenDocument,
    "\n  mutation ConsoleRegenerateToken($id: ID!, $expiresAt: DateTime, $password: String!, $overlapSeconds: Int) {\n    regenerateToken(id: $id, expiresAt: $expiresAt, password: $password, overlapSeconds: $overlapSeconds) { secret token { ...TokenRow } }\n  }\n": typeof types.ConsoleRegenerateTokenDocument,
    "\n  mutation ConsoleCopyToken($id: ID!, $name: String!, $password: String!) {\n    copyToken(id: $id, name: $name, password: $password) { secret token { ...TokenRow } }\n  }\n": typeof types.ConsoleCopyTokenDocument,
    "\n  mutation ConsoleRevokeToken($id: ID!, $reason: String) {\n    revokeToken(id: $id, reason: $reason) { ...TokenRow }\n  }\n": typeof types.ConsoleRevokeTokenDocument,
    "\n  query ConsoleSuggestion($id: ID!, $days: Int!) {\n    token(id: $id) {\n      id\n      kind\n      apiMethodSet\n      apiMethods\n      grants { entity action projectId deviceId project { name } device { name } }\n      suggestedGrants(days: $days) {\n        basedOnUses\n        apiMethods\n        grants { entity action projectId deviceId project { name } device { name } }\n      }\n    }\n  }\n": typeof types.ConsoleSuggestionDocument,
    "\n  mutation ConsoleApplySuggestion($id: ID!, $days: Int!, $password: String!) {\n    applySuggestedGrants(id: $id, days: $days, password: $password) { ...TokenRow }\n  }\n": typeof types.ConsoleApplySuggestionDocument,
    "\n  query ConsoleToken($id: ID!) {\n    token(id: $id) { ...TokenRow }\n  }\n": typeof types.ConsoleTokenDocument,
};
const documents: Documents = {
    "\n  query ConsoleUserSuggestions($search: String!) {\n    users(first: 10, search: $search) { nodes { id email } }\n  }\n": types.ConsoleUserSuggestionsDocument,
    "\n  query ConsoleUsersPage($after: String, $search: String) {\n    users(first: 20, after: $after, search: $search) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id email name role createdAt mustChangePassword }\n    }\n  }\n": types.ConsoleUsersPageDocument,
    "\n  mutation ConsoleCreateUser($email: String!, $name: String, $password: String!, $role: UserRole) {\n    createUser(email: $email, name: $name, password: $password, role: $role) { id email }\n  }\n": types.ConsoleCreateUserDocument,
    "\n  mutation ConsoleDeleteUser($id: ID!) { deleteUser(id: $id) }\n": types.ConsoleDeleteUserDocument,
    "\n  mutation ConsoleResetPassword($userId: ID!) {\n    resetPassword(userId: $userId) { temporaryPassword user { id email } }\n  }\n": types.ConsoleResetPasswordDocument,
    "\n  mutation ConsoleChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.ConsoleChangePasswordDocument,
    "\n  query ConsoleProjectDetail($id: ID!) {\n    project(id: $id) { id name devices { totalCount } members { totalCount } }\n  }\n": types.ConsoleProjectDetailDocument,
    "\n  query ConsoleProjectTokenCount($id: ID!) {\n    project(id: $id) { id tokens(status: ACTIVE) { totalCount } }\n  }\n": types.ConsoleProjectTokenCountDocument,
    "\n  mutation ConsoleCreateProject($name: String!) { createProject(name: $name) { id name } }\n": types.ConsoleCreateProjectDocument,
    "\n  mutation ConsoleUpdateProject($id: ID!, $name: String!) { updateProject(id: $id, name: $name) { id name } }\n": types.ConsoleUpdateProjectDocument,
    "\n  mutation ConsoleDeleteProject($id: ID!) { deleteProject(id: $id) }\n": types.ConsoleDeleteProjectDocument,
    "\n  mutation ConsoleAddMember($projectId: ID!, $userId: ID!, $role: ProjectRole!) {\n    addProjectMember(projectId: $projectId, userId: $userId, role: $role) { role user { id email } }\n  }\n": types.ConsoleAddMemberDocument,
    "\n  mutation ConsoleRemoveMember($projectId: ID!, $userId: ID!) { removeProjectMember(projectId: $projectId, userId: $userId) }\n": types.ConsoleRemoveMemberDocument,
    "\n  query ConsoleDeviceList($projectId: ID!, $after: String) {\n    devices(projectId: $projectId, first: 50, after: $after) {\n      nodes { id name status lastSeenAt metadata createdAt }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n": types.ConsoleDeviceListDocument,
    "\n  query ConsoleMemberList($id: ID!, $after: String) {\n    project(id: $id) {\n      id\n      members(first: 100, after: $after) {\n        nodes { role user { id email name } }\n        pageInfo { hasNextPage endCursor }\n        totalCount\n      }\n    }\n  }\n": types.ConsoleMemberListDocument,
    "\n  mutation ConsoleCreateDevice($projectId: ID!, $name: String!, $metadata: JSON) {\n    createDevice(projectId: $projectId, name: $name, metadata: $metadata) { id name }\n  }\n": types.ConsoleCreateDeviceDocument,
    "\n  mutation ConsoleUpdateDevice($id: ID!, $name: String, $metadata: JSON) {\n    updateDevice(id: $id, name: $name, metadata: $metadata) { id name }\n  }\n": types.ConsoleUpdateDeviceDocument,
    "\n  mutation ConsoleDeleteDevice($id: ID!) { deleteDevice(id: $id) }\n": types.ConsoleDeleteDeviceDocument,
    "\n  mutation ConsoleSetPolicy($input: TokenPolicyInput!) {\n    setTokenPolicy(input: $input) {\n      defaultLifetimeDays maxLifetimeDays requireExpiry customTokensAdminOnly maxRotationOverlapSeconds revokeOnRotatedSecretReuse\n      expiryNoticeDays revokeUnusedAfterDays requestsPerMinute costPerHour\n    }\n  }\n": types.ConsoleSetPolicyDocument,
    "\n  query ConsoleAudit($filter: AuditEventFilter, $after: String) {\n    auditEvents(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id kind createdAt ip details actor { id email } token { id name } }\n    }\n  }\n": types.ConsoleAuditDocument,
    "\n  query ConsoleTrustPolicies($projectId: ID, $after: String) {\n    trustPolicies(projectId: $projectId, first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes {\n      id name issuer jwksUri audience claims apiMethods maxLifetimeSeconds projectId createdAt\n      grants { entity action projectId deviceId project { name } device { name } }\n    } }\n  }\n": types.ConsoleTrustPoliciesDocument,
    "\n  mutation ConsoleCreateTrustPolicy($input: CreateTrustPolicyInput!) { createTrustPolicy(input: $input) { id name } }\n": types.ConsoleCreateTrustPolicyDocument,
    "\n  mutation ConsoleUpdateTrustPolicy($id: ID!, $input: UpdateTrustPolicyInput!) { updateTrustPolicy(id: $id, input: $input) { id name } }\n": types.ConsoleUpdateTrustPolicyDocument,
    "\n  mutation ConsoleDeleteTrustPolicy($id: ID!) { deleteTrustPolicy(id: $id) }\n": types.ConsoleDeleteTrustPolicyDocument,
    "\n  query ConsoleEnrollmentTokens($projectId: ID!, $after: String) {\n    enrollmentTokens(projectId: $projectId, first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id name displayPrefix status uses maxUses remainingUses expiresAt revokedAt createdAt deviceMetadata } }\n  }\n": types.ConsoleEnrollmentTokensDocument,
    "\n  mutation ConsoleCreateEnrollmentToken($input: CreateEnrollmentTokenInput!) {\n    createEnrollmentToken(input: $input) { secret enrollmentToken { id name } }\n  }\n": types.ConsoleCreateEnrollmentTokenDocument,
    "\n  mutation ConsoleRevokeEnrollmentToken($id: ID!) { revokeEnrollmentToken(id: $id) { id name status } }\n": types.ConsoleRevokeEnrollmentTokenDocument,
    "\n  query ConsoleDeviceCode($userCode: String!) {\n    deviceCode(userCode: $userCode) { userCode projectId projectName deviceName status requestedFrom createdAt expiresAt }\n  }\n": types.ConsoleDeviceCodeDocument,
    "\n  mutation ConsoleApproveDeviceCode($userCode: String!) { approveDeviceCode(userCode: $userCode) { userCode status projectName deviceName } }\n": types.ConsoleApproveDeviceCodeDocument,
    "\n  mutation ConsoleDenyDeviceCode($userCode: String!) { denyDeviceCode(userCode: $userCode) { userCode status projectName deviceName } }\n": types.ConsoleDenyDeviceCodeDocument,
    "\n  query ConsoleWebhooks($after: String) {\n    webhooks(first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id url events enabled createdAt disabledAt disabledReason failingSince project { id name } } }\n  }\n": types.ConsoleWebhooksDocument,
    "\n  mutation ConsoleCreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) { secret webhook { id url } }\n  }\n": types.ConsoleCreateWebhookDocument,
    "\n  mutation ConsoleUpdateWebhook($id: ID!, $input: UpdateWebhookInput!) {\n    updateWebhook(id: $id, input: $input) { id url enabled events }\n  }\n": types.ConsoleUpdateWebhookDocument,
    "\n  mutation ConsoleDeleteWebhook($id: ID!) { deleteWebhook(id: $id) }\n": types.ConsoleDeleteWebhookDocument,
    "\n  query ConsoleWebhookDeliveries($webhookId: ID!, $after: String) {\n    # 10 rows keep this well inside the gateway's cost limit (armor multiplies by first).\n    webhookDeliveries(webhookId: $webhookId, first: 10, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      nodes { id event status attempts lastResponseStatus lastError createdAt lastAttemptAt deliveredAt nextAttemptAt messageId }\n    }\n  }\n": types.ConsoleWebhookDeliveriesDocument,
    "\n  mutation ConsoleRedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) { id status }\n  }\n": types.ConsoleRedeliverWebhookDocument,
    "\n  fragment TokenRow on AccessToken {\n    id\n    name\n    description\n    kind\n    displayPrefix\n    status\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n    revokeReason\n    revokedBy { email }\n    apiMethodSet\n    apiMethods\n    allowedCidrs\n    selfRotate\n    previousSecretValidUntil\n    owner { id email name }\n    project { id name }\n    grants { entity action projectId deviceId project { name } device { name } }\n  }\n": types.TokenRowFragmentDoc,
    "\n  query ConsoleViewer {\n    viewer {\n      authMethod\n      user { id email name role mustChangePassword }\n    }\n  }\n": types.ConsoleViewerDocument,
    "\n  mutation ConsoleLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { user { id email name role mustChangePassword } }\n  }\n": types.ConsoleLoginDocument,
    "\n  mutation ConsoleLogout { logout }\n": types.ConsoleLogoutDocument,
    "\n  query ConsoleSetup {\n    tokenPolicy { defaultLifetimeDays maxLifetimeDays requireExpiry customTokensAdminOnly maxRotationOverlapSeconds revokeOnRotatedSecretReuse expiryNoticeDays revokeUnusedAfterDays requestsPerMinute costPerHour }\n    apiMethods\n    apiMethodSets { key name description methods }\n    projects(first: 100) { ...ProjectPage }\n  }\n": types.ConsoleSetupDocument,
    "\n  fragment ProjectPage on ProjectConnection {\n    nodes { id name createdAt viewerRole members { totalCount } }\n    pageInfo { hasNextPage endCursor }\n  }\n": types.ProjectPageFragmentDoc,
    "\n  query ConsoleMoreProjects($after: String!) {\n    projects(first: 100, after: $after) { ...ProjectPage }\n  }\n": types.ConsoleMoreProjectsDocument,
    "\n  query ConsoleDevices($projectId: ID!) {\n    devices(projectId: $projectId, first: 100) { nodes { id name } totalCount }\n  }\n": types.ConsoleDevicesDocument,
    "\n  query ConsoleMyTokens($status: TokenStatus, $after: String) {\n    myTokens(status: $status, first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ...TokenRow } }\n  }\n": types.ConsoleMyTokensDocument,
    "\n  query ConsoleProjectTokens($id: ID!, $status: TokenStatus, $after: String) {\n    project(id: $id) { id name tokens(status: $status, first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ...TokenRow } } }\n  }\n": types.ConsoleProjectTokensDocument,
    "\n  query ConsoleAdminTokens(\n    $search: String\n    $status: TokenStatus\n    $after: String\n    $lastUsedBefore: DateTime\n    $neverUsed: Boolean\n    $expiresBefore: DateTime\n    $allowsAnyAddress: Boolean\n    $hasWriteGrants: Boolean\n  ) {\n    # 20 rows keep this query well inside the gateway's cost limit (armor multiplies by first).\n    adminTokens(\n      search: $search\n      status: $status\n      first: 20\n      after: $after\n      lastUsedBefore: $lastUsedBefore\n      neverUsed: $neverUsed\n      expiresBefore: $expiresBefore\n      allowsAnyAddress: $allowsAnyAddress\n      hasWriteGrants: $hasWriteGrants\n    ) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...TokenRow }\n    }\n  }\n": types.ConsoleAdminTokensDocument,
    "\n  query ConsoleNotifications($after: String) {\n    viewer { notifications(first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id kind message createdAt readAt token { id name } } } }\n  }\n": types.ConsoleNotificationsDocument,
    "\n  query ConsoleUnread {\n    viewer { notifications(unreadOnly: true) { totalCount } }\n  }\n": types.ConsoleUnreadDocument,
    "\n  mutation ConsoleMarkRead($ids: [ID!]) { markNotificationsRead(ids: $ids) }\n": types.ConsoleMarkReadDocument,
    "\n  mutation ConsoleCreateToken($input: CreateTokenInput!, $password: String!) {\n    createToken(input: $input, password: $password) { secret token { ...TokenRow } }\n  }\n": types.ConsoleCreateTokenDocument,
    "\n  mutation ConsoleUpdateToken($id: ID!, $input: UpdateTokenInput!, $password: String!) {\n    updateToken(id: $id, input: $input, password: $password) { ...TokenRow }\n  }\n": types.ConsoleUpdateTokenDocument,
    "\n  mutation ConsoleRegenerateToken($id: ID!, $expiresAt: DateTime, $password: String!, $overlapSeconds: Int) {\n    regenerateToken(id: $id, expiresAt: $expiresAt, password: $password, overlapSeconds: $overlapSeconds) { secret token { ...TokenRow } }\n  }\n": types.ConsoleRegenerateTokenDocument,
    "\n  mutation ConsoleCopyToken($id: ID!, $name: String!, $password: String!) {\n    copyToken(id: $id, name: $name, password: $password) { secret token { ...TokenRow } }\n  }\n": types.ConsoleCopyTokenDocument,
    "\n  mutation ConsoleRevokeToken($id: ID!, $reason: String) {\n    revokeToken(id: $id, reason: $reason) { ...TokenRow }\n  }\n": types.ConsoleRevokeTokenDocument,
    "\n  query ConsoleSuggestion($id: ID!, $days: Int!) {\n    token(id: $id) {\n      id\n      kind\n      apiMethodSet\n      apiMethods\n      grants { entity action projectId deviceId project { name } device { name } }\n      suggestedGrants(days: $days) {\n        basedOnUses\n        apiMethods\n        grants { entity action projectId deviceId project { name } device { name } }\n      }\n    }\n  }\n": types.ConsoleSuggestionDocument,
    "\n  mutation ConsoleApplySuggestion($id: ID!, $days: Int!, $password: String!) {\n    applySuggestedGrants(id: $id, days: $days, password: $password) { ...TokenRow }\n  }\n": types.ConsoleApplySuggestionDocument,
    "\n  query ConsoleToken($id: ID!) {\n    token(id: $id) { ...TokenRow }\n  }\n": types.ConsoleTokenDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleUserSuggestions($search: String!) {\n    users(first: 10, search: $search) { nodes { id email } }\n  }\n"): typeof import('./graphql.js').ConsoleUserSuggestionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleUsersPage($after: String, $search: String) {\n    users(first: 20, after: $after, search: $search) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id email name role createdAt mustChangePassword }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleUsersPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateUser($email: String!, $name: String, $password: String!, $role: UserRole) {\n    createUser(email: $email, name: $name, password: $password, role: $role) { id email }\n  }\n"): typeof import('./graphql.js').ConsoleCreateUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleDeleteUser($id: ID!) { deleteUser(id: $id) }\n"): typeof import('./graphql.js').ConsoleDeleteUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleResetPassword($userId: ID!) {\n    resetPassword(userId: $userId) { temporaryPassword user { id email } }\n  }\n"): typeof import('./graphql.js').ConsoleResetPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"): typeof import('./graphql.js').ConsoleChangePasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleProjectDetail($id: ID!) {\n    project(id: $id) { id name devices { totalCount } members { totalCount } }\n  }\n"): typeof import('./graphql.js').ConsoleProjectDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleProjectTokenCount($id: ID!) {\n    project(id: $id) { id tokens(status: ACTIVE) { totalCount } }\n  }\n"): typeof import('./graphql.js').ConsoleProjectTokenCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateProject($name: String!) { createProject(name: $name) { id name } }\n"): typeof import('./graphql.js').ConsoleCreateProjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateProject($id: ID!, $name: String!) { updateProject(id: $id, name: $name) { id name } }\n"): typeof import('./graphql.js').ConsoleUpdateProjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleDeleteProject($id: ID!) { deleteProject(id: $id) }\n"): typeof import('./graphql.js').ConsoleDeleteProjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleAddMember($projectId: ID!, $userId: ID!, $role: ProjectRole!) {\n    addProjectMember(projectId: $projectId, userId: $userId, role: $role) { role user { id email } }\n  }\n"): typeof import('./graphql.js').ConsoleAddMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRemoveMember($projectId: ID!, $userId: ID!) { removeProjectMember(projectId: $projectId, userId: $userId) }\n"): typeof import('./graphql.js').ConsoleRemoveMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleDeviceList($projectId: ID!, $after: String) {\n    devices(projectId: $projectId, first: 50, after: $after) {\n      nodes { id name status lastSeenAt metadata createdAt }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n"): typeof import('./graphql.js').ConsoleDeviceListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMemberList($id: ID!, $after: String) {\n    project(id: $id) {\n      id\n      members(first: 100, after: $after) {\n        nodes { role user { id email name } }\n        pageInfo { hasNextPage endCursor }\n        totalCount\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleMemberListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateDevice($projectId: ID!, $name: String!, $metadata: JSON) {\n    createDevice(projectId: $projectId, name: $name, metadata: $metadata) { id name }\n  }\n"): typeof import('./graphql.js').ConsoleCreateDeviceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateDevice($id: ID!, $name: String, $metadata: JSON) {\n    updateDevice(id: $id, name: $name, metadata: $metadata) { id name }\n  }\n"): typeof import('./graphql.js').ConsoleUpdateDeviceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleDeleteDevice($id: ID!) { deleteDevice(id: $id) }\n"): typeof import('./graphql.js').ConsoleDeleteDeviceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSetPolicy($input: TokenPolicyInput!) {\n    setTokenPolicy(input: $input) {\n      defaultLifetimeDays maxLifetimeDays requireExpiry customTokensAdminOnly maxRotationOverlapSeconds revokeOnRotatedSecretReuse\n      expiryNoticeDays revokeUnusedAfterDays requestsPerMinute costPerHour\n    }\n  }\n"): typeof import('./graphql.js').ConsoleSetPolicyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAudit($filter: AuditEventFilter, $after: String) {\n    auditEvents(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id kind createdAt ip details actor { id email } token { id name } }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleAuditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTrustPolicies($projectId: ID, $after: String) {\n    trustPolicies(projectId: $projectId, first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes {\n      id name issuer jwksUri audience claims apiMethods maxLifetimeSeconds projectId createdAt\n      grants { entity action projectId deviceId project { name } device { name } }\n    } }\n  }\n"): typeof import('./graphql.js').ConsoleTrustPoliciesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateTrustPolicy($input: CreateTrustPolicyInput!) { createTrustPolicy(input: $input) { id name } }\n"): typeof import('./graphql.js').ConsoleCreateTrustPolicyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateTrustPolicy($id: ID!, $input: UpdateTrustPolicyInput!) { updateTrustPolicy(id: $id, input: $input) { id name } }\n"): typeof import('./graphql.js').ConsoleUpdateTrustPolicyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleDeleteTrustPolicy($id: ID!) { deleteTrustPolicy(id: $id) }\n"): typeof import('./graphql.js').ConsoleDeleteTrustPolicyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleEnrollmentTokens($projectId: ID!, $after: String) {\n    enrollmentTokens(projectId: $projectId, first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id name displayPrefix status uses maxUses remainingUses expiresAt revokedAt createdAt deviceMetadata } }\n  }\n"): typeof import('./graphql.js').ConsoleEnrollmentTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateEnrollmentToken($input: CreateEnrollmentTokenInput!) {\n    createEnrollmentToken(input: $input) { secret enrollmentToken { id name } }\n  }\n"): typeof import('./graphql.js').ConsoleCreateEnrollmentTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRevokeEnrollmentToken($id: ID!) { revokeEnrollmentToken(id: $id) { id name status } }\n"): typeof import('./graphql.js').ConsoleRevokeEnrollmentTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleDeviceCode($userCode: String!) {\n    deviceCode(userCode: $userCode) { userCode projectId projectName deviceName status requestedFrom createdAt expiresAt }\n  }\n"): typeof import('./graphql.js').ConsoleDeviceCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleApproveDeviceCode($userCode: String!) { approveDeviceCode(userCode: $userCode) { userCode status projectName deviceName } }\n"): typeof import('./graphql.js').ConsoleApproveDeviceCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleDenyDeviceCode($userCode: String!) { denyDeviceCode(userCode: $userCode) { userCode status projectName deviceName } }\n"): typeof import('./graphql.js').ConsoleDenyDeviceCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleWebhooks($after: String) {\n    webhooks(first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id url events enabled createdAt disabledAt disabledReason failingSince project { id name } } }\n  }\n"): typeof import('./graphql.js').ConsoleWebhooksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) { secret webhook { id url } }\n  }\n"): typeof import('./graphql.js').ConsoleCreateWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateWebhook($id: ID!, $input: UpdateWebhookInput!) {\n    updateWebhook(id: $id, input: $input) { id url enabled events }\n  }\n"): typeof import('./graphql.js').ConsoleUpdateWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleDeleteWebhook($id: ID!) { deleteWebhook(id: $id) }\n"): typeof import('./graphql.js').ConsoleDeleteWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleWebhookDeliveries($webhookId: ID!, $after: String) {\n    # 10 rows keep this well inside the gateway's cost limit (armor multiplies by first).\n    webhookDeliveries(webhookId: $webhookId, first: 10, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      nodes { id event status attempts lastResponseStatus lastError createdAt lastAttemptAt deliveredAt nextAttemptAt messageId }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleWebhookDeliveriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) { id status }\n  }\n"): typeof import('./graphql.js').ConsoleRedeliverWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TokenRow on AccessToken {\n    id\n    name\n    description\n    kind\n    displayPrefix\n    status\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n    revokeReason\n    revokedBy { email }\n    apiMethodSet\n    apiMethods\n    allowedCidrs\n    selfRotate\n    previousSecretValidUntil\n    owner { id email name }\n    project { id name }\n    grants { entity action projectId deviceId project { name } device { name } }\n  }\n"): typeof import('./graphql.js').TokenRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleViewer {\n    viewer {\n      authMethod\n      user { id email name role mustChangePassword }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { user { id email name role mustChangePassword } }\n  }\n"): typeof import('./graphql.js').ConsoleLoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleLogout { logout }\n"): typeof import('./graphql.js').ConsoleLogoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSetup {\n    tokenPolicy { defaultLifetimeDays maxLifetimeDays requireExpiry customTokensAdminOnly maxRotationOverlapSeconds revokeOnRotatedSecretReuse expiryNoticeDays revokeUnusedAfterDays requestsPerMinute costPerHour }\n    apiMethods\n    apiMethodSets { key name description methods }\n    projects(first: 100) { ...ProjectPage }\n  }\n"): typeof import('./graphql.js').ConsoleSetupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProjectPage on ProjectConnection {\n    nodes { id name createdAt viewerRole members { totalCount } }\n    pageInfo { hasNextPage endCursor }\n  }\n"): typeof import('./graphql.js').ProjectPageFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMoreProjects($after: String!) {\n    projects(first: 100, after: $after) { ...ProjectPage }\n  }\n"): typeof import('./graphql.js').ConsoleMoreProjectsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleDevices($projectId: ID!) {\n    devices(projectId: $projectId, first: 100) { nodes { id name } totalCount }\n  }\n"): typeof import('./graphql.js').ConsoleDevicesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMyTokens($status: TokenStatus, $after: String) {\n    myTokens(status: $status, first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ...TokenRow } }\n  }\n"): typeof import('./graphql.js').ConsoleMyTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleProjectTokens($id: ID!, $status: TokenStatus, $after: String) {\n    project(id: $id) { id name tokens(status: $status, first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ...TokenRow } } }\n  }\n"): typeof import('./graphql.js').ConsoleProjectTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAdminTokens(\n    $search: String\n    $status: TokenStatus\n    $after: String\n    $lastUsedBefore: DateTime\n    $neverUsed: Boolean\n    $expiresBefore: DateTime\n    $allowsAnyAddress: Boolean\n    $hasWriteGrants: Boolean\n  ) {\n    # 20 rows keep this query well inside the gateway's cost limit (armor multiplies by first).\n    adminTokens(\n      search: $search\n      status: $status\n      first: 20\n      after: $after\n      lastUsedBefore: $lastUsedBefore\n      neverUsed: $neverUsed\n      expiresBefore: $expiresBefore\n      allowsAnyAddress: $allowsAnyAddress\n      hasWriteGrants: $hasWriteGrants\n    ) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...TokenRow }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleAdminTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleNotifications($after: String) {\n    viewer { notifications(first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id kind message createdAt readAt token { id name } } } }\n  }\n"): typeof import('./graphql.js').ConsoleNotificationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleUnread {\n    viewer { notifications(unreadOnly: true) { totalCount } }\n  }\n"): typeof import('./graphql.js').ConsoleUnreadDocument;
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
export function graphql(source: "\n  mutation ConsoleRegenerateToken($id: ID!, $expiresAt: DateTime, $password: String!, $overlapSeconds: Int) {\n    regenerateToken(id: $id, expiresAt: $expiresAt, password: $password, overlapSeconds: $overlapSeconds) { secret token { ...TokenRow } }\n  }\n"): typeof import('./graphql.js').ConsoleRegenerateTokenDocument;
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleToken($id: ID!) {\n    token(id: $id) { ...TokenRow }\n  }\n"): typeof import('./graphql.js').ConsoleTokenDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
