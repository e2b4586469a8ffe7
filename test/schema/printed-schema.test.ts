import { readFile } from 'node:fs/promises';
import { parse, print, type ObjectTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { printedSchema, schemaFile } from '../../scripts/printed-schema.js';

/** Root fields as SPEC section 4b names them: public API. Lists are connections since issue 17 (no unbounded lists). */
const SPEC_ROOT = `
type Query {
  viewer: Viewer!
  projects(first: Int, after: String): ProjectConnection!
  project(id: ID!): Project
  devices(projectId: ID!, first: Int, after: String): DeviceConnection!
  device(id: ID!): Device
  myTokens(status: TokenStatus, first: Int, after: String): AccessTokenConnection!
  adminTokens(status: TokenStatus, search: String, ownerId: ID, first: Int, after: String): AccessTokenConnection!
  users(first: Int, after: String): UserConnection!
  tokenPolicy: TokenPolicy!
  apiMethodSets: [ApiMethodSet!]!
  apiMethods: [String!]!
}
type Mutation {
  login(email: String!, password: String!): Session!
  logout: Boolean!
  createUser(email: String!, password: String!, name: String, role: UserRole = MEMBER): User!
  deleteUser(id: ID!): Boolean!
  createProject(name: String!): Project!
  updateProject(id: ID!, name: String!): Project!
  deleteProject(id: ID!): Boolean!
  addProjectMember(projectId: ID!, userId: ID!, role: ProjectRole!): ProjectMember!
  removeProjectMember(projectId: ID!, userId: ID!): Boolean!
  createDevice(projectId: ID!, name: String!, metadata: JSON): Device!
  updateDevice(id: ID!, name: String, status: DeviceStatus, metadata: JSON): Device!
  deleteDevice(id: ID!): Boolean!
  createToken(input: CreateTokenInput!, password: String!): TokenSecret!
  revokeToken(id: ID!, reason: String): AccessToken!
  setTokenPolicy(input: TokenPolicyInput!): TokenPolicy!
}`;

describe('schema.graphql', () => {
  it('matches the code-first schema (run `npm run schema:print` after a change)', async () => {
    expect(await readFile(schemaFile, 'utf8')).toBe(printedSchema());
  });

  it('keeps the names, arguments and types of SPEC section 4b', () => {
    for (const definition of parse(SPEC_ROOT).definitions as ObjectTypeDefinitionNode[]) {
      const type = definition.name.value === 'Query' ? schema.getQueryType()! : schema.getMutationType()!;
      for (const field of definition.fields ?? []) {
        const actual = type.getFields()[field.name.value];
        expect(actual, `${type.name}.${field.name.value}`).toBeDefined();
        expect(String(actual!.type), `${type.name}.${field.name.value}`).toBe(print(field.type));
        for (const arg of field.arguments ?? []) {
          const actualArg = actual!.args.find((a) => a.name === arg.name.value);
          expect(actualArg && String(actualArg.type), `${type.name}.${field.name.value}(${arg.name.value})`).toBe(print(arg.type));
        }
      }
    }
  });
});
