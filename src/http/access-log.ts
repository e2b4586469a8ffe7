import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { GraphQLString, Kind, valueFromAST, type DocumentNode, type FieldNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Context } from '../schema/context.js';
import { factsOf } from './request-facts.js';

/** Probes and scrapes come every few seconds: at info they would drown the requests that matter. */
const QUIET_PATHS = new Set(['/livez', '/readyz', '/health', '/metrics']);

/**
 * One line per request, written when its response leaves: request id, method, path (never the
 * query string, which can carry `api_token`), status, duration, GraphQL operation and outcome,
 * and who called (principal kind, user id, token id, address). Nothing from the request's
 * headers or body is copied, so no secret, Authorization header or cookie can reach the log.
 * Below 500 the line is info, client refusals included; 5xx lines are errors, and the cause is
 * logged on its own with the same request id.
 *
 * A Yoga hook rather than pino-http: pino-http wraps Node's (req, res) and would see neither the
 * GraphQL operation nor the principal, and nothing at all of requests made through `fetch`.
 */
export function accessLogPlugin(logger: Logger): Plugin<Context> {
  return {
    onResponse({ request, response }) {
      const facts = factsOf(request);
      if (!facts || facts.internal) return;
      const level = response.status >= 500 ? 'error' : QUIET_PATHS.has(facts.path) ? 'debug' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const { principal, auth } = facts;
      logger[level](
        {
          requestId: facts.id,
          method: request.method,
          path: facts.path,
          status: response.status,
          durationMs: Math.round((performance.now() - facts.startedAt) * 1000) / 1000,
          operation: facts.operation,
          outcome: facts.outcome ?? (response.status < 400 ? 'ok' : undefined),
          authMethod: principal?.authMethod,
          // Why a credential was refused (a fixed word, never the credential).
          authRefused: auth && auth.result !== 'ok' ? auth.reason : undefined,
          userId: principal?.user?.id,
          tokenId: principal?.token?.id,
          ip: facts.clientIp ?? undefined,
        },
        'request',
      );
    },
  };
}

// Yoga caches parsed documents, so each distinct operation is searched once.
const loginFields = new WeakMap<DocumentNode, FieldNode[]>();

/** The `login` fields at the top of a mutation (aliases included). */
function loginFieldsOf(document: DocumentNode): FieldNode[] {
  let found = loginFields.get(document);
  if (found) return found;
  found = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation !== 'mutation') continue;
    for (const selection of definition.selectionSet.selections) {
      if (selection.kind === Kind.FIELD && selection.name.value === 'login') found.push(selection);
    }
  }
  loginFields.set(document, found);
  return found;
}

/** The same folding `login` applies before looking the address up, so one person has one hash. */
const emailHash = (email: string) => createHash('sha256').update(email.normalize('NFC').trim().toLowerCase()).digest('hex');

/**
 * Failed sign-ins, at info, with the SHA-256 of the e-mail address and not the address: repeated
 * failures against one account can be followed (hash a known address to compare) without the log
 * holding a list of addresses people tried.
 */
export function signInLogPlugin(logger: Logger): Plugin<Context> {
  return {
    onExecute({ args }) {
      const fields = loginFieldsOf(args.document);
      if (fields.length === 0) return;
      return {
        onExecuteDone({ result }) {
          if (!('errors' in result) || !result.errors) return;
          for (const field of fields) {
            const key = field.alias?.value ?? field.name.value;
            // Refusals only: a fault while signing in is logged as one, with its cause.
            const code = result.errors.find((e) => e.path?.[0] === key)?.extensions?.code;
            if (code !== 'UNAUTHENTICATED' && code !== 'RATE_LIMITED') continue;
            const argument = field.arguments?.find((a) => a.name.value === 'email');
            const email = argument ? valueFromAST(argument.value, GraphQLString, args.variableValues ?? undefined) : undefined;
            logger.info(
              {
                requestId: args.contextValue.requestId,
                emailSha256: typeof email === 'string' ? emailHash(email) : undefined,
                reason: code === 'RATE_LIMITED' ? 'rate_limited' : 'wrong_credentials',
                ip: args.contextValue.clientIp ?? undefined,
              },
              'sign-in failed',
            );
          }
        },
      };
    },
  };
}
