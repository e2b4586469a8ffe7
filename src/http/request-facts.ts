import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { getOperationAST, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Principal } from '../auth/principal.js';
import type { BudgetState } from '../security/token-budgets.js';
import type { AuthOutcome } from './observed-entry.js';

/**
 * What one request came to, gathered by the plugins that learn it (the request id, the entry's
 * principal, the GraphQL operation and its first error code) and read once its response leaves,
 * by the access log and the metrics. Keyed by the request object, so nothing is threaded through
 * Yoga's context; `carryFacts` follows a request that a plugin replaced.
 */
export interface RequestFacts {
  /** Sent back as `X-Request-Id` and written with every log line about the request. */
  readonly id: string;
  /** performance.now() when the request came in. */
  readonly startedAt: number;
  /** The URL's path only: a query string can carry a secret (`/auth/token?api_token=`). */
  readonly path: string;
  /** explainToken's in-process dry runs: neither logged nor counted as requests of their own. */
  internal: boolean;
  /** How the credential fared at the entry (http/observed-entry.ts). */
  auth?: AuthOutcome;
  principal?: Principal;
  clientIp?: string | null;
  /** The GraphQL operation's name, when the request got as far as naming one. */
  operation?: string;
  /** `ok`, or the first error's `extensions.code`. */
  outcome?: string;
  /** A token's budgets after this request took its share: the RateLimit headers and viewer.rateLimit. */
  rateLimits?: BudgetState[];
  /** The GraphQL Armor cost of the operation executed, for a token's request. */
  cost?: number;
}

const facts = new WeakMap<Request, RequestFacts>();

export function beginRequest(request: Request, path: string, internal = false): RequestFacts {
  const begun: RequestFacts = { id: randomUUID(), startedAt: performance.now(), path, internal };
  facts.set(request, begun);
  return begun;
}

export function factsOf(request: Request): RequestFacts | undefined {
  return facts.get(request);
}

/** For a plugin that replaces the request (a chunked body read in full): the facts go along. */
export function carryFacts(from: Request, to: Request): void {
  const known = facts.get(from);
  if (known) facts.set(to, known);
}

/** A GraphQL name as the spec defines it: what a client sends as operationName is not trusted. */
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/**
 * Notes each GraphQL request's operation name and outcome in its facts. The outcome is read where
 * Yoga hands over the final result, after masking, so every way a request can fail (a refused
 * credential, a validation error, a resolver's FORBIDDEN, a masked fault) has its code there.
 */
export function operationFactsPlugin(): Plugin {
  return {
    onParams({ request, params }) {
      const facts = factsOf(request);
      if (facts && typeof params.operationName === 'string' && GRAPHQL_NAME.test(params.operationName)) facts.operation = params.operationName;
    },
    // At parse, not execution: a request refused after parsing (a bad credential, a validation
    // error) is still reported under the operation it named.
    onParse({ context }) {
      const facts = factsOf((context as { request: Request }).request);
      if (!facts) return;
      return ({ result }) => {
        if (result instanceof Error || result === null || !('definitions' in result)) return;
        const operation = getOperationAST(result, facts.operation);
        // A requested name the document lacks stays as sent: execution will refuse it.
        if (operation || !facts.operation) facts.operation = operation?.name?.value ?? '(anonymous)';
      };
    },
    onResultProcess({ request, result }) {
      const facts = factsOf(request);
      if (!facts || Array.isArray(result) || Symbol.asyncIterator in result) return;
      const code = (result as ExecutionResult).errors?.[0]?.extensions?.code;
      facts.outcome = (result as ExecutionResult).errors?.length ? (typeof code === 'string' ? code : 'ERROR') : 'ok';
    },
  };
}
