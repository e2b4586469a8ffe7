import { randomUUID } from 'node:crypto';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { characterLimitPlugin } from '@escape.tech/graphql-armor-character-limit';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { GraphQLError, visit, type DocumentNode, type ValidationContext } from 'graphql';
import { maskError, type Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { CSRF_HEADER } from '../auth/authenticator.js';
import type { Config } from '../config.js';
import type { Context } from '../schema/context.js';

/**
 * The operation limits. Our deepest legitimate query (a token's grants' project's devices' project)
 * is 7 levels; the rest are GraphQL Armor's defaults, with no alias allow-list so that even
 * `__typename` aliases count.
 */
export const LIMITS = {
  depth: 10,
  cost: 5000,
  aliases: 15,
  directives: 5,
  tokens: 1000,
  characters: 15_000,
};

/**
 * Armor's own rejection is a "Syntax Error" thrown out of validation, which reaches the client as
 * a 200 without a code. Reported instead as an ordinary validation error: 400 and a code.
 */
function reject(context: ValidationContext | null, error: GraphQLError): void {
  const refusal = new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
  });
  if (context) context.reportError(refusal);
  else throw refusal;
}

export function armorPlugins(): Plugin[] {
  const callbacks = { propagateOnRejection: false, onReject: [reject] };
  const armor = new EnvelopArmor({
    maxDepth: { n: LIMITS.depth, ...callbacks },
    // A fragment spread costs what its fields would cost written inline: without this, armor
    // charges every spread an extra depth factor (x1.5), punishing the typed fragments codegen
    // clients are built from.
    costLimit: { maxCost: LIMITS.cost, flattenFragments: true, ...callbacks },
    maxAliases: { n: LIMITS.aliases, allowList: [], ...callbacks },
    maxDirectives: { n: LIMITS.directives, ...callbacks },
    maxTokens: { n: LIMITS.tokens, ...callbacks },
    blockFieldSuggestion: { enabled: true },
  });
  return [...(armor.protect().plugins as Plugin[]), characterLimitPlugin({ maxLength: LIMITS.characters, ...callbacks }) as Plugin];
}

/**
 * Any request a browser would send cross-site without a CORS preflight is refused unless it
 * carries one of these headers. `Authorization` counts: it forces a preflight too.
 */
export function csrfPlugin(): Plugin {
  return useCSRFPrevention({ requestHeaders: [CSRF_HEADER, 'x-graphql-yoga-csrf', 'authorization'] }) as Plugin;
}

function jsonError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/**
 * Refuses bodies over the limit before anything reads them: by Content-Length when there is one,
 * and by counting the bytes of a chunked body as they arrive.
 */
export function bodyLimitPlugin(maxBytes: number): Plugin {
  const tooLarge = (headers?: Record<string, string>) => jsonError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`, headers);
  return {
    onRequest({ request, setRequest, endResponse }) {
      if (request.method === 'GET' || request.method === 'HEAD') return;
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (Number(declared) > maxBytes) endResponse(tooLarge());
        return;
      }
      // Asked only now: the getter builds a web stream over the socket, and a body read through
      // that stream costs Yoga more than the direct read it does otherwise.
      if (!request.body) return;
      // Only a chunked body, whose size nobody declared, is read here with a running count.
      return (async () => {
        const reader = request.body!.getReader();
        const chunks: Uint8Array[] = [];
        let size = 0;
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          size += read.value.byteLength;
          if (size > maxBytes) {
            // Not cancelled: that destroys the socket before the 413 is written (breaking out of
            // `for await` did, and the client got an empty reply). The rest of the body is left
            // unread and the connection closed once the answer is out.
            reader.releaseLock();
            return endResponse(tooLarge({ connection: 'close' }));
          }
          chunks.push(read.value);
        }
        setRequest(new Request(request.url, { method: request.method, headers: request.headers, body: Buffer.concat(chunks) }));
      })();
    },
  };
}

// Yoga caches parsed documents, so each distinct operation is inspected once.
const introspective = new WeakMap<DocumentNode, boolean>();

function isIntrospection(document: DocumentNode): boolean {
  const known = introspective.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  introspective.set(document, found);
  return found;
}

/**
 * Introspection answers admin sessions only (everyone under NODE_ENV=development). Checked at
 * execution, where the caller is known; `__typename` is not introspection.
 */
export function introspectionPlugin(config: Config): Plugin<Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (config.nodeEnv === 'development') return;
      const { principal } = args.contextValue;
      if (principal.authMethod === 'SESSION' && principal.user?.role === 'ADMIN') return;
      if (!isIntrospection(args.document)) return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError('Introspection is available to admin sessions only.', {
            extensions: { code: 'FORBIDDEN', reason: 'ROLE' },
          }),
        ],
      });
    },
  };
}

const requestIds = new WeakMap<Request, string>();

export function requestIdOf(request: Request): string | undefined {
  return requestIds.get(request);
}

/** Gives every request an id, echoed as `X-Request-Id` and written with every log line about it. */
export function requestIdPlugin(): Plugin {
  return {
    onRequest({ request }) {
      requestIds.set(request, randomUUID());
    },
    onResponse({ request, response }) {
      const id = requestIds.get(request);
      if (id) response.headers.set('X-Request-Id', id);
    },
  };
}

/**
 * Logs what is unexpected, with the request id. It runs before Yoga masks the errors (Yoga adds
 * its masking plugin after ours), so the real cause is still attached here.
 */
export function errorLoggingPlugin(logger: Logger): Plugin<Context> {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result }) {
          if (!('errors' in result) || !result.errors) return;
          for (const error of result.errors) {
            const original = error.originalError;
            if (original && !(original instanceof GraphQLError)) {
              logger.error({ requestId: args.contextValue.requestId, err: original, path: error.path }, 'unexpected error');
            }
          }
        },
      };
    },
  };
}

/**
 * Unexpected errors leave as a 500 INTERNAL_SERVER_ERROR with no message, stack or SQL;
 * GraphQLErrors with a code are for the client and pass unchanged.
 */
export function maskUnexpected(isDev: boolean) {
  return (error: unknown, message: string): Error => {
    const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
    if (original instanceof GraphQLError) {
      const passed = maskError(error, message, isDev) as GraphQLError;
      if (passed.extensions?.code) return passed;
      // Libraries refuse input without a code (Pothos' relay: a negative `first`, a forged cursor):
      // it is still bad input, and clients read the code.
      return new GraphQLError(passed.message, {
        nodes: passed.nodes,
        path: passed.path,
        extensions: { ...passed.extensions, code: 'BAD_USER_INPUT' },
      });
    }
    const masked = maskError(error, message, isDev) as GraphQLError;
    // A 500, as SPEC section 6 asks; Yoga takes the status from here and never shows `http`.
    return new GraphQLError(masked.message, {
      nodes: masked.nodes,
      path: masked.path,
      extensions: { ...masked.extensions, code: 'INTERNAL_SERVER_ERROR', http: { status: 500 } },
    });
  };
}
