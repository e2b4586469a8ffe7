import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { expect } from 'vitest';
import type { Gateway } from '../../src/yoga.js';

export type Credential =
  | { token: string }
  | { session: string }
  | { basic: string }
  | { headers: Record<string, string> }
  | undefined;

export interface Response<TData> {
  status: number;
  headers: Headers;
  body: ExecutionResult<TData> & { errors?: GraphQLFormattedError[] };
  /** The data, after asserting there were no errors. */
  expectData(): TData;
  /** The first error, after asserting there was one with this code. */
  expectError(code: string): GraphQLFormattedError;
}

export function credentialHeaders(credential: Credential): Record<string, string> {
  if (!credential) return {};
  if ('token' in credential) return { authorization: `Bearer ${credential.token}` };
  if ('session' in credential) return { authorization: `Bearer ${credential.session}` };
  if ('basic' in credential) return { authorization: `Basic ${Buffer.from(`${credential.basic}:`).toString('base64')}` };
  return credential.headers;
}

/**
 * Runs an operation through the gateway's whole HTTP handling: in process (`yoga.fetch`, no port
 * needed) for a Gateway, or over real HTTP for the URL of a listening `/graphql`.
 */
export async function execute<TData, TVariables>(
  target: Gateway | string,
  document: TypedDocumentNode<TData, TVariables> | string,
  variables?: TVariables,
  credential?: Credential,
): Promise<Response<TData>> {
  const query = typeof document === 'string' ? document : print(document);
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...credentialHeaders(credential) },
    body: JSON.stringify({ query, variables }),
  };
  const response = typeof target === 'string' ? await fetch(target, init) : await target.fetch('http://scopegate.test/graphql', init);
  const body = (await response.json()) as Response<TData>['body'];
  return {
    status: response.status,
    headers: response.headers,
    body,
    expectData() {
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      return body.data as TData;
    },
    expectError(code: string) {
      expect(body.errors?.[0]?.extensions?.code, JSON.stringify(body.errors)).toBe(code);
      return body.errors![0]!;
    },
  };
}
