// The OAuth endpoints as a client calls them: /auth/token (RFC 8693 token exchange, the device
// grant's polling, GET with a Bearer token) and /auth/device. Tests that are about one of these
// doors keep their own requests; the rest get a JWT from here.
import { expect } from 'vitest';
import type { Gateway } from '../../src/yoga.js';

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const JWT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt';

/** A gateway in process, or the base URL of one listening (`http://127.0.0.1:port`). */
export type Target = Gateway | string;

function send(target: Target, path: string, init: RequestInit): Promise<Response> {
  return typeof target === 'string' ? fetch(`${target}${path}`, init) : Promise.resolve(target.fetch(`http://scopegate.test${path}`, init));
}

/**
 * POSTs `params` to `path`, as JSON when `contentType` says so and form-encoded under any other;
 * answers the status and the parsed JSON body.
 */
export async function postForm(
  target: Target,
  path: string,
  params: Record<string, string>,
  contentType = 'application/x-www-form-urlencoded',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- OAuth answers of every shape
): Promise<{ status: number; body: Record<string, any> }> {
  const body = contentType === 'application/json' ? JSON.stringify(params) : new URLSearchParams(params).toString();
  const response = await send(target, path, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** RFC 8693: an access token exchanged at POST /auth/token, narrowed to `scope` when one is given. */
export const exchangeForm = (target: Target, secret: string, scope?: string, extra: Record<string, string> = {}) =>
  postForm(target, '/auth/token', { grant_type: TOKEN_EXCHANGE_GRANT, subject_token: secret, ...(scope === undefined ? {} : { scope }), ...extra });

/** A CI job's OIDC token exchanged for a project's JWT (`resource`: the project asked for). */
export const federatedExchange = (target: Target, subjectToken: string, resource?: string, extra: Record<string, string> = {}) =>
  postForm(target, '/auth/token', {
    grant_type: TOKEN_EXCHANGE_GRANT,
    subject_token: subjectToken,
    subject_token_type: JWT_TOKEN_TYPE,
    ...(resource === undefined ? {} : { resource }),
    ...extra,
  });

/** The JWT of an access token narrowed to `scope`; the exchange must succeed. */
export async function narrowedJwt(target: Target, secret: string, scope?: string, extra: Record<string, string> = {}): Promise<string> {
  const { status, body } = await exchangeForm(target, secret, scope, extra);
  expect(status, JSON.stringify(body)).toBe(200);
  return body.access_token as string;
}

/** GET /auth/token with the token as Bearer: its JWT, with all its permissions; must succeed. */
export async function exchangedJwt(target: Target, secret: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await send(target, '/auth/token', { headers: { authorization: `Bearer ${secret}`, ...headers } });
  const body = (await response.json()) as { token?: string };
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body.token!;
}
