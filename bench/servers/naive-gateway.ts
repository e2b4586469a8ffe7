/**
 * The gateway teams usually build by hand, for comparison: graphql-yoga and Prisma on the same
 * database, a jose verification of an EdDSA JWT on every request, and the same device query,
 * with no field-level checks at all.
 *
 * NAIVE_BODY_LIMIT=off turns Yoga's default 25 MB body limit off, as scopegate does (it has its
 * own): the bench runs that variant too, to show how much of scopegate's lead is that one setting.
 */
import { createServer } from 'node:http';
import { GraphQLError } from 'graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import { importJWK, jwtVerify, type JWK } from 'jose';
import { createPrisma } from '../../src/db/client.js';

const prisma = createPrisma(process.env.DATABASE_URL!);
const publicKey = await importJWK(JSON.parse(process.env.NAIVE_PUBLIC_JWK!) as JWK, 'EdDSA');

const yoga = createYoga<{ req: unknown }, { userId: string }>({
  schema: createSchema({
    typeDefs: /* GraphQL */ `
      scalar DateTime
      scalar JSON
      enum DeviceStatus { ONLINE OFFLINE UNKNOWN }
      type Device { id: ID! name: String! status: DeviceStatus! metadata: JSON lastSeenAt: DateTime createdAt: DateTime! }
      type Query { devices(projectId: ID!): [Device!]! }
    `,
    resolvers: {
      DateTime: { serialize: (value: unknown) => (value as Date).toISOString() },
      Query: {
        devices: (_root: unknown, args: { projectId: string }) =>
          prisma.device.findMany({ where: { projectId: args.projectId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      },
    },
  }),
  logging: false,
  ...(process.env.NAIVE_BODY_LIMIT === 'off' ? { maxRequestBodySize: false as const } : {}),
  landingPage: false,
  graphiql: false,
  context: async ({ request }) => {
    const token = request.headers.get('authorization')?.replace(/^Bearer /, '');
    if (!token) throw new GraphQLError('no token', { extensions: { http: { status: 401 } } });
    const { payload } = await jwtVerify(token, publicKey, { algorithms: ['EdDSA'] });
    return { userId: String(payload.sub) };
  },
});
const server = createServer(yoga);
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => prisma.$disconnect().then(() => process.exit(0))));
