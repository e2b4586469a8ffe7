/**
 * The best gateway a performance-minded team builds without field-level rules, for comparison:
 * graphql-yoga executing through graphql-jit, Prisma on the same database, an EdDSA JWT checked
 * with jose once per token string (the verified claims are cached for a minute, as a team would
 * cache them), Yoga's body limit off, and the same device query. Authorization is
 * one check at the door: a valid JWT may read every device.
 */
import { createServer } from 'node:http';
import { GraphQLError, type DocumentNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { _createLRUCache, createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { importJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { createPrisma } from '../../src/db/client.js';

const prisma = createPrisma(process.env.DATABASE_URL!);
const publicKey = await importJWK(JSON.parse(process.env.TUNED_PUBLIC_JWK!) as JWK, 'EdDSA');

const verified = _createLRUCache<Promise<JWTPayload>>({ max: 10_000, ttl: 60_000 });
function verify(token: string): Promise<JWTPayload> {
  let claims = verified.get(token);
  if (!claims) {
    claims = jwtVerify(token, publicKey, { algorithms: ['EdDSA'] }).then(({ payload }) => payload);
    // A refused token is not remembered: the next request checks it again.
    claims.catch(() => verified.delete(token));
    verified.set(token, claims);
  }
  return claims;
}

/** Executes every operation with graphql-jit, compiled once per parsed document (Yoga caches parses). */
function useGraphqlJit(): Plugin {
  const compiled = new WeakMap<DocumentNode, CompiledQuery>();
  return {
    onExecute({ setExecuteFn }) {
      setExecuteFn((args) => {
        let query = compiled.get(args.document);
        if (!query) {
          const result = compileQuery(args.schema, args.document, args.operationName ?? undefined);
          if (!isCompiledQuery(result)) return result;
          compiled.set(args.document, (query = result));
        }
        return query.query(args.rootValue, args.contextValue, args.variableValues);
      });
    },
  };
}

const yoga = createYoga<{ req: unknown }, { userId: string }>({
  schema: createSchema({
    typeDefs: /* GraphQL */ `
      scalar DateTime
      scalar JSON
      enum DeviceStatus { ONLINE OFFLINE UNKNOWN }
      type Device { id: ID! name: String! status: DeviceStatus! metadata: JSON lastSeenAt: DateTime createdAt: DateTime! }
      type DeviceConnection { nodes: [Device!]! }
      type Query { devices(projectId: ID!, first: Int): DeviceConnection! }
    `,
    resolvers: {
      DateTime: { serialize: (value: unknown) => (value as Date).toISOString() },
      Query: {
        devices: async (_root: unknown, args: { projectId: string; first?: number | null }) => ({
          nodes: await prisma.device.findMany({ where: { projectId: args.projectId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: args.first ?? 20 }),
        }),
      },
    },
  }),
  plugins: [useGraphqlJit()],
  logging: false,
  maxRequestBodySize: false,
  landingPage: false,
  graphiql: false,
  context: async ({ request }) => {
    const token = request.headers.get('authorization')?.replace(/^Bearer /, '');
    if (!token) throw new GraphQLError('no token', { extensions: { http: { status: 401 } } });
    return { userId: String((await verify(token)).sub) };
  },
});
const server = createServer(yoga);
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => prisma.$disconnect().then(() => process.exit(0))));
