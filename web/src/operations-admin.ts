// The operations of the pages around tokens: users, projects, members, devices, policy, audit.
import { graphql } from './gql/index.js';

/** Users whose e-mail or name contains what is typed: suggestions for the e-mail pickers. */
export const UserSuggestionsQuery = graphql(`
  query ConsoleUserSuggestions($search: String!) {
    users(first: 10, search: $search) { nodes { id email } }
  }
`);

/** The users page: twenty at a time, searched on the server. */
export const UsersPageQuery = graphql(`
  query ConsoleUsersPage($after: String, $search: String) {
    users(first: 20, after: $after, search: $search) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id email name role createdAt mustChangePassword }
    }
  }
`);

export const CreateUserMutation = graphql(`
  mutation ConsoleCreateUser($email: String!, $name: String, $password: String!, $role: UserRole) {
    createUser(email: $email, name: $name, password: $password, role: $role) { id email }
  }
`);

export const DeleteUserMutation = graphql(`
  mutation ConsoleDeleteUser($id: ID!) { deleteUser(id: $id) }
`);

export const ResetPasswordMutation = graphql(`
  mutation ConsoleResetPassword($userId: ID!) {
    resetPassword(userId: $userId) { temporaryPassword user { id email } }
  }
`);

export const ChangePasswordMutation = graphql(`
  mutation ConsoleChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

export const ProjectDetailQuery = graphql(`
  query ConsoleProjectDetail($id: ID!) {
    project(id: $id) { id name devices { totalCount } members { totalCount } }
  }
`);

export const ProjectTokenCountQuery = graphql(`
  query ConsoleProjectTokenCount($id: ID!) {
    project(id: $id) { id tokens(status: ACTIVE) { totalCount } }
  }
`);

export const CreateProjectMutation = graphql(`
  mutation ConsoleCreateProject($name: String!) { createProject(name: $name) { id name } }
`);

export const UpdateProjectMutation = graphql(`
  mutation ConsoleUpdateProject($id: ID!, $name: String!) { updateProject(id: $id, name: $name) { id name } }
`);

export const DeleteProjectMutation = graphql(`
  mutation ConsoleDeleteProject($id: ID!) { deleteProject(id: $id) }
`);

export const AddMemberMutation = graphql(`
  mutation ConsoleAddMember($projectId: ID!, $userId: ID!, $role: ProjectRole!) {
    addProjectMember(projectId: $projectId, userId: $userId, role: $role) { role user { id email } }
  }
`);

export const RemoveMemberMutation = graphql(`
  mutation ConsoleRemoveMember($projectId: ID!, $userId: ID!) { removeProjectMember(projectId: $projectId, userId: $userId) }
`);

export const DeviceListQuery = graphql(`
  query ConsoleDeviceList($projectId: ID!, $after: String) {
    devices(projectId: $projectId, first: 50, after: $after) {
      nodes { id name status lastSeenAt metadata createdAt }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
`);

export const MemberListQuery = graphql(`
  query ConsoleMemberList($id: ID!, $after: String) {
    project(id: $id) {
      id
      members(first: 100, after: $after) {
        nodes { role user { id email name } }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }
  }
`);

export const CreateDeviceMutation = graphql(`
  mutation ConsoleCreateDevice($projectId: ID!, $name: String!, $metadata: JSON) {
    createDevice(projectId: $projectId, name: $name, metadata: $metadata) { id name }
  }
`);

export const UpdateDeviceMutation = graphql(`
  mutation ConsoleUpdateDevice($id: ID!, $name: String, $metadata: JSON) {
    updateDevice(id: $id, name: $name, metadata: $metadata) { id name }
  }
`);

export const DeleteDeviceMutation = graphql(`
  mutation ConsoleDeleteDevice($id: ID!) { deleteDevice(id: $id) }
`);

export const SetPolicyMutation = graphql(`
  mutation ConsoleSetPolicy($input: TokenPolicyInput!) {
    setTokenPolicy(input: $input) {
      defaultLifetimeDays maxLifetimeDays requireExpiry customTokensAdminOnly maxRotationOverlapSeconds revokeOnRotatedSecretReuse
      expiryNoticeDays revokeUnusedAfterDays requestsPerMinute costPerHour
    }
  }
`);

export const AuditQuery = graphql(`
  query ConsoleAudit($filter: AuditEventFilter, $after: String) {
    auditEvents(filter: $filter, first: 25, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id kind createdAt ip details actor { id email } token { id name } }
    }
  }
`);
