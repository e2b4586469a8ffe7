/* eslint-disable */
import * as types from './graphql';
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
    "query EnfViewer { viewer { authMethod } }": typeof types.EnfViewerDocument,
    "query EnfProjects { projects { id } }": typeof types.EnfProjectsDocument,
    "query EnfProject($id: ID!) { project(id: $id) { id name } }": typeof types.EnfProjectDocument,
    "query EnfDevices($projectId: ID!) { devices(projectId: $projectId) { id } }": typeof types.EnfDevicesDocument,
    "query EnfDevice($id: ID!) { device(id: $id) { id } }": typeof types.EnfDeviceDocument,
    "query EnfMyTokens { myTokens { id } }": typeof types.EnfMyTokensDocument,
    "query EnfAdminTokens { adminTokens(first: 5) { totalCount edges { node { id } } } }": typeof types.EnfAdminTokensDocument,
    "query EnfUsers { users { id } }": typeof types.EnfUsersDocument,
    "query EnfTokenPolicy { tokenPolicy { requireExpiry } }": typeof types.EnfTokenPolicyDocument,
    "query EnfApiMethodSets { apiMethodSets { key methods } }": typeof types.EnfApiMethodSetsDocument,
    "query EnfApiMethods { apiMethods }": typeof types.EnfApiMethodsDocument,
    "mutation EnfLogin($email: String!, $password: String!) { login(email: $email, password: $password) { user { id } } }": typeof types.EnfLoginDocument,
    "mutation EnfLogout { logout }": typeof types.EnfLogoutDocument,
    "mutation EnfCreateUser($email: String!) { createUser(email: $email, password: \"a long enough password\") { id } }": typeof types.EnfCreateUserDocument,
    "mutation EnfDeleteUser($id: ID!) { deleteUser(id: $id) }": typeof types.EnfDeleteUserDocument,
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
    "mutation EnfSetPolicy { setTokenPolicy(input: { customTokensAdminOnly: false }) { customTokensAdminOnly } }": typeof types.EnfSetPolicyDocument,
};
const documents: Documents = {
    "query EnfViewer { viewer { authMethod } }": types.EnfViewerDocument,
    "query EnfProjects { projects { id } }": types.EnfProjectsDocument,
    "query EnfProject($id: ID!) { project(id: $id) { id name } }": types.EnfProjectDocument,
    "query EnfDevices($projectId: ID!) { devices(projectId: $projectId) { id } }": types.EnfDevicesDocument,
    "query EnfDevice($id: ID!) { device(id: $id) { id } }": types.EnfDeviceDocument,
    "query EnfMyTokens { myTokens { id } }": types.EnfMyTokensDocument,
    "query EnfAdminTokens { adminTokens(first: 5) { totalCount edges { node { id } } } }": types.EnfAdminTokensDocument,
    "query EnfUsers { users { id } }": types.EnfUsersDocument,
    "query EnfTokenPolicy { tokenPolicy { requireExpiry } }": types.EnfTokenPolicyDocument,
    "query EnfApiMethodSets { apiMethodSets { key methods } }": types.EnfApiMethodSetsDocument,
    "query EnfApiMethods { apiMethods }": types.EnfApiMethodsDocument,
    "mutation EnfLogin($email: String!, $password: String!) { login(email: $email, password: $password) { user { id } } }": types.EnfLoginDocument,
    "mutation EnfLogout { logout }": types.EnfLogoutDocument,
    "mutation EnfCreateUser($email: String!) { createUser(email: $email, password: \"a long enough password\") { id } }": types.EnfCreateUserDocument,
    "mutation EnfDeleteUser($id: ID!) { deleteUser(id: $id) }": types.EnfDeleteUserDocument,
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
    "mutation EnfSetPolicy { setTokenPolicy(input: { customTokensAdminOnly: false }) { customTokensAdminOnly } }": types.EnfSetPolicyDocument,
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
export function graphql(source: "query EnfViewer { viewer { authMethod } }"): (typeof documents)["query EnfViewer { viewer { authMethod } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfProjects { projects { id } }"): (typeof documents)["query EnfProjects { projects { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfProject($id: ID!) { project(id: $id) { id name } }"): (typeof documents)["query EnfProject($id: ID!) { project(id: $id) { id name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfDevices($projectId: ID!) { devices(projectId: $projectId) { id } }"): (typeof documents)["query EnfDevices($projectId: ID!) { devices(projectId: $projectId) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfDevice($id: ID!) { device(id: $id) { id } }"): (typeof documents)["query EnfDevice($id: ID!) { device(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfMyTokens { myTokens { id } }"): (typeof documents)["query EnfMyTokens { myTokens { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfAdminTokens { adminTokens(first: 5) { totalCount edges { node { id } } } }"): (typeof documents)["query EnfAdminTokens { adminTokens(first: 5) { totalCount edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnfUsers { users { id } }"): (typeof documents)["query EnfUsers { users { id } }"];
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
export function graphql(source: "mutation EnfSetPolicy { setTokenPolicy(input: { customTokensAdminOnly: false }) { customTokensAdminOnly } }"): (typeof documents)["mutation EnfSetPolicy { setTokenPolicy(input: { customTokensAdminOnly: false }) { customTokensAdminOnly } }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;