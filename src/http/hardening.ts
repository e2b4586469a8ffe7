import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { characterLimitPlugin } from '@escape.tech/graphql-armor-character-limit';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { GraphQLError, Kind, visit, type DocumentNode, type ValidationContext } from 'graphql';
import { maskError, type Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { CSRF_HEADER } from '../auth/authenticator.js';
import type { Config } from '../config.js';
import type { Context } from '../schema/context.js';
import { beginRequest, carryFacts, factsOf } from './request-facts.js';

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

/**
 * GraphQL Armor's cost of each operation of a validated document, in document order, as its cost
 * limit computed it: a token's cost budget is charged exactly what the limit measured. Yoga caches
 * validation by document object, so a document executed without being validated again was
 * validated (and costed) earlier as the same object.
 */
const costs = new WeakMap<DocumentNode, { by: ValidationContext; costs: number[] }>();

function recordCost(context: ValidationContext | null, { n }: { n: number }): void {
  if (!context) return;
  const document = context.getDocument();
  const known = costs.get(document);
  // A second validation of the same document (another rule set) starts the list again.
  if (known && known.by === context) known.costs.push(n);
  else costs.set(document, { by: context, costs: [n] });
}

/** The cost GraphQL Armor measured for the operation `operationName` selects; undefined if never measured. */
export function operationCost(document: DocumentNode, operationName: string | null | undefined): number | undefined {
  const known = costs.get(document)?.costs;
  if (!known) return undefined;
  if (!operationName) return known[0];
  let index = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (definition.name?.value === operationName) return known[index];
    index++;
  }
  return undefined;
}

export function armorPlugins(): Plugin[] {
  const callbacks = { propagateOnRejection: false, onReject: [reject] };
  const armor = new EnvelopArmor({
    maxDepth: { n: LIMITS.depth, ...callbacks },
    // A fragment spread costs what its fields would cost written inline: without this, armor
    // charges every spread an extra depth factor (x1.5), punishing the typed fragments codegen
    // clients are built from.
    costLimit: { maxCost: LIMITS.cost, flattenFragments: true, ...callbacks, onAccept: [recordCost] },
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
        const whole = new Request(request.url, { method: request.method, headers: request.headers, body: Buffer.concat(chunks) });
        carryFacts(request, whole);
        setRequest(whole);
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

export function requestIdOf(request: Request): string | undefined {
  return factsOf(request)?.id;
}

/**
 * Gives every request an id, echoed as `X-Request-Id` and written with every log line about it,
 * and starts the facts the access log and the metrics read (http/request-facts.ts).
 */
export function requestIdPlugin(): Plugin {
  return {
    onRequest({ request, url, serverContext }) {
      beginRequest(request, url.pathname, (serverContext as { dryRunAs?: unknown } | undefined)?.dryRunAs !== undefined);
    },
    onResponse({ request, response }) {
      const id = factsOf(request)?.id;
      if (id) response.headers.set('X-Request-Id', id);
    },
  };
}

/**
 * Errors already written with their request id. Yoga writes every error it masks to its own
 * logger as well (twice: once when masking, once when handling), without the request id; those
 * copies are dropped.
 */
const reported = new WeakSet<object>();

/** Writes an unexpected error once, at error level, with the request it broke. */
export function reportUnexpected(logger: Logger, requestId: string, error: unknown, path?: readonly (string | number)[]): void {
  if (typeof error === 'object' && error !== null) {
    if (reported.has(error)) return;
    reported.add(error);
  }
  logger.error({ requestId, err: error, path }, 'unexpected error');
}

/** A refusal meant for the client (a GraphQLError made as such, below HTTP 500), not a fault of ours. */
function isClientError(error: unknown): boolean {
  let current: unknown = error;
  while (current instanceof GraphQLError) {
    const status = (current.extensions?.http as { status?: number } | undefined)?.status;
    if (status !== undefined && status >= 500) return false;
    if (!current.originalError) return true;
    current = current.originalError;
  }
  return false;
}

type YogaLogging = Record<'debug' | 'info' | 'warn' | 'error', (...args: unknown[]) => void>;

/**
 * Yoga's own log lines, through pino. Yoga calls `error` for every error it masks, client
 * refusals included (a missing CSRF header, a body that is not JSON): those are written at debug,
 * since the access log already records each request's outcome. Unexpected errors keep error
 * level, once each.
 */
export function yogaLogging(logger: Logger): YogaLogging {
  const text = (args: unknown[]) => args.map(String).join(' ');
  return {
    // Yoga logs a few debug lines per request: build them only when the level is on.
    debug: (...args) => void (logger.isLevelEnabled('debug') && logger.debug(text(args))),
    info: (...args) => void (logger.isLevelEnabled('info') && logger.info(text(args))),
    warn: (...args) => logger.warn(text(args)),
    error: (...args) => {
      const [error] = args;
      if (args.length !== 1 || typeof error !== 'object' || error === null) return logger.error(text(args));
      const cause = error instanceof GraphQLError && error.originalError ? error.originalError : error;
      if (reported.has(cause) || reported.has(error)) return;
      reported.add(cause);
      if (isClientError(error)) return void (logger.isLevelEnabled('debug') && logger.debug({ reason: (error as Error).message }, 'request refused'));
      logger.error({ err: cause }, 'unexpected error');
    },
  };
}

/**
 * Logs what is unexpected, with the request id: errors in the result, and errors thrown out of
 * execution itself (a mutation's transaction that fails to begin or commit). It runs before Yoga
 * masks the errors (Yoga adds its masking plugin after ours), so the real cause is still attached
 * here. Errors a resolver raised for the client (GraphQLErrors with a code: FORBIDDEN,
 * BAD_USER_INPUT) are not faults and are left to the access log.
 */
export function errorLoggingPlugin(logger: Logger): Plugin<Context> {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const requestId = args.contextValue.requestId;
      const thrown = (error: unknown): never => {
        reportUnexpected(logger, requestId, error);
        throw error;
      };
      setExecuteFn((execArgs) => {
        try {
          const result = executeFn(execArgs);
          // Yoga's executors may answer with a thenable that is not a native Promise.
          return typeof (result as PromiseLike<unknown>)?.then === 'function' ? Promise.resolve(result).catch(thrown) : result;
        } catch (error) {
          return thrown(error);
        }
      });
      return {
        onExecuteDone({ result }) {
          if (!('errors' in result) || !result.errors) return;
          for (const error of result.errors) {
            const original = error.originalError;
            if (original && !(original instanceof GraphQLError)) reportUnexpected(logger, args.contextValue.requestId, original, error.path);
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
      // Libraries refuse without a code. Yoga's CSRF prevention answers 403 to a request a browser
      // could send cross-site (a GET, a form POST) that carries no CSRF header: a refusal of a
      // well-formed request. The rest (Pothos' relay: a negative `first`, a forged cursor) is bad
      // input. Clients read the code.
      const csrf = (passed.extensions?.http as { status?: number } | undefined)?.status === 403;
      return new GraphQLError(passed.message, {
        nodes: passed.nodes,
        path: passed.path,
        extensions: { ...passed.extensions, ...(csrf ? { code: 'FORBIDDEN', reason: 'CSRF' } : { code: 'BAD_USER_INPUT' }) },
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
