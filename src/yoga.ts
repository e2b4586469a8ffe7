import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { AuthenticationError, Authenticator } from './auth/authenticator.js';
import { ANONYMOUS } from './auth/principal.js';
import type { Config } from './config.js';
import type { PrismaClient } from './db/client.js';
import type { Context } from './schema/context.js';
import { unauthenticated } from './schema/errors.js';
import { schema } from './schema/index.js';

export interface GatewayDeps {
  prisma: PrismaClient;
  config: Config;
  authenticator?: Authenticator;
}

export type Gateway = YogaServerInstance<Record<string, unknown>, Context> & { authenticator: Authenticator };

const pendingHeaders = new WeakMap<Request, [string, string][]>();

/** Copies headers that resolvers asked for (Set-Cookie) onto the response. */
const responseHeadersPlugin: Plugin = {
  onResponse({ request, response }) {
    for (const [name, value] of pendingHeaders.get(request) ?? []) response.headers.append(name, value);
  },
};

export function createGateway({ prisma, config, authenticator }: GatewayDeps): Gateway {
  const auth =
    authenticator ?? new Authenticator(prisma, { cacheTtlMs: config.authCacheTtlMs, cacheMaxEntries: config.authCacheMaxEntries });
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    // Unexpected errors become INTERNAL_SERVER_ERROR with no message; GraphQLErrors with a code pass.
    maskedErrors: config.nodeEnv === 'development' ? { isDev: true } : true,
    plugins: [responseHeadersPlugin],
    context: async ({ request }) => {
      let principal = ANONYMOUS;
      try {
        principal = await auth.authenticate(request);
      } catch (error) {
        if (error instanceof AuthenticationError) throw unauthenticated(`Authentication failed: ${error.message}.`, 401);
        throw error;
      }
      const responseHeaders: [string, string][] = [];
      pendingHeaders.set(request, responseHeaders);
      return { principal, prisma, authenticator: auth, config, request, responseHeaders };
    },
  });
  return Object.assign(yoga, { authenticator: auth });
}
