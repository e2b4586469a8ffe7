import type { IncomingMessage } from 'node:http';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { AuthenticationError, Authenticator } from './auth/authenticator.js';
import { ANONYMOUS } from './auth/principal.js';
import type { Config } from './config.js';
import type { PrismaClient } from './db/client.js';
import { UsageRecorder } from './lifecycle/usage.js';
import type { Context } from './schema/context.js';
import { unauthenticated } from './schema/errors.js';
import { schema } from './schema/index.js';

export interface GatewayDeps {
  prisma: PrismaClient;
  config: Config;
}

interface ServerContext {
  req?: IncomingMessage;
}

export type Gateway = YogaServerInstance<ServerContext, Context> & {
  authenticator: Authenticator;
  usage: UsageRecorder;
  /** Stops timers and writes what is still buffered (last use of tokens). */
  close(): Promise<void>;
};

const pendingHeaders = new WeakMap<Request, [string, string][]>();

/** Copies headers decided during the request (Set-Cookie, token expiry) onto the response. */
const responseHeadersPlugin: Plugin = {
  onResponse({ request, response }) {
    for (const [name, value] of pendingHeaders.get(request) ?? []) response.headers.append(name, value);
  },
};

export function createGateway({ prisma, config }: GatewayDeps): Gateway {
  const authenticator = new Authenticator(prisma, { cacheTtlMs: config.authCacheTtlMs, cacheMaxEntries: config.authCacheMaxEntries });
  const usage = new UsageRecorder(prisma, config.lastUsedFlushMs);
  const yoga = createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    // Unexpected errors become INTERNAL_SERVER_ERROR with no message; GraphQLErrors with a code pass.
    maskedErrors: config.nodeEnv === 'development' ? { isDev: true } : true,
    plugins: [responseHeadersPlugin],
    context: async ({ request, req }) => {
      let principal = ANONYMOUS;
      try {
        principal = await authenticator.authenticate(request);
      } catch (error) {
        if (error instanceof AuthenticationError) throw unauthenticated(`Authentication failed: ${error.message}.`, 401);
        throw error;
      }
      const clientIp = req?.socket.remoteAddress ?? null;
      const responseHeaders: [string, string][] = [];
      pendingHeaders.set(request, responseHeaders);
      if (principal.token) {
        usage.record(principal.token.id, clientIp);
        // As SonarQube and GitHub do: tell every caller of an expiring token when it stops working.
        if (principal.token.expiresAt) responseHeaders.push(['Scopegate-Token-Expiration', principal.token.expiresAt.toISOString()]);
      }
      return { principal, prisma, authenticator, config, request, clientIp, usage, responseHeaders };
    },
  });
  return Object.assign(yoga, {
    authenticator,
    usage,
    close: () => usage.close(),
  });
}
