// The operations of the machine-identity pages: trust policies, enrollment tokens, device codes.
import { graphql } from './gql/index.js';

export const TrustPoliciesQuery = graphql(`
  query ConsoleTrustPolicies($projectId: ID, $after: String) {
    trustPolicies(projectId: $projectId, first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes {
      id name issuer jwksUri audience claims apiMethods maxLifetimeSeconds projectId createdAt
      grants { entity action projectId deviceId project { name } device { name } }
    } }
  }
`);

export const CreateTrustPolicyMutation = graphql(`
  mutation ConsoleCreateTrustPolicy($input: CreateTrustPolicyInput!) { createTrustPolicy(input: $input) { id name } }
`);

export const UpdateTrustPolicyMutation = graphql(`
  mutation ConsoleUpdateTrustPolicy($id: ID!, $input: UpdateTrustPolicyInput!) { updateTrustPolicy(id: $id, input: $input) { id name } }
`);

export const DeleteTrustPolicyMutation = graphql(`
  mutation ConsoleDeleteTrustPolicy($id: ID!) { deleteTrustPolicy(id: $id) }
`);

export const EnrollmentTokensQuery = graphql(`
  query ConsoleEnrollmentTokens($projectId: ID!, $after: String) {
    enrollmentTokens(projectId: $projectId, first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id name displayPrefix status uses maxUses remainingUses expiresAt revokedAt createdAt deviceMetadata } }
  }
`);

export const CreateEnrollmentTokenMutation = graphql(`
  mutation ConsoleCreateEnrollmentToken($input: CreateEnrollmentTokenInput!) {
    createEnrollmentToken(input: $input) { secret enrollmentToken { id name } }
  }
`);

export const RevokeEnrollmentTokenMutation = graphql(`
  mutation ConsoleRevokeEnrollmentToken($id: ID!) { revokeEnrollmentToken(id: $id) { id name status } }
`);

export const DeviceCodeQuery = graphql(`
  query ConsoleDeviceCode($userCode: String!) {
    deviceCode(userCode: $userCode) { userCode projectId projectName deviceName status requestedFrom createdAt expiresAt }
  }
`);

export const ApproveDeviceCodeMutation = graphql(`
  mutation ConsoleApproveDeviceCode($userCode: String!) { approveDeviceCode(userCode: $userCode) { userCode status projectName deviceName } }
`);

export const DenyDeviceCodeMutation = graphql(`
  mutation ConsoleDenyDeviceCode($userCode: String!) { denyDeviceCode(userCode: $userCode) { userCode status projectName deviceName } }
`);
