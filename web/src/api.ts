import type { TypedDocumentString } from './gql/graphql.js';

/** A refusal or failure from the gateway, with the SPEC's error code when it gave one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly reason?: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

let onSignedOut: () => void = () => {};
/** Called when the session is gone (expired, revoked elsewhere, signed out in another tab). */
export function whenSignedOut(listener: () => void) {
  onSignedOut = listener;
}

type Variables<V> = V extends Record<string, never> ? [] : [V];

/**
 * POSTs one operation to /graphql. The session travels in its HttpOnly cookie; the JSON body and
 * the X-Scopegate-CSRF header are what make the gateway accept that cookie (no cross-site form
 * can send either).
 */
export async function request<R, V>(document: TypedDocumentString<R, V>, ...[variables]: Variables<V>): Promise<R> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        'x-scopegate-csrf': '1',
      },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch {
    throw new ApiError('The gateway cannot be reached. Check your connection and try again.', 'NETWORK');
  }
  let body: { data?: R | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The gateway answered ${response.status} without a GraphQL result.`, 'INTERNAL_SERVER_ERROR');
  }
  const error = body.errors?.[0];
  if (error) {
    const code = typeof error.extensions?.code === 'string' ? error.extensions.code : undefined;
    const reason = typeof error.extensions?.reason === 'string' ? error.extensions.reason : undefined;
    const field = typeof error.extensions?.field === 'string' ? error.extensions.field : undefined;
    if (code === 'UNAUTHENTICATED') onSignedOut();
    throw new ApiError(error.message, code, reason, field);
  }
  if (!body.data) throw new ApiError('The gateway answered without data.', 'INTERNAL_SERVER_ERROR');
  return body.data;
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.reason ? `${error.message} (${error.reason})` : error.message;
  return error instanceof Error ? error.message : String(error);
}
