import { parseSetCookie } from 'cookie';
import { describe, expect, it } from 'vitest';
import { createUser, PASSWORD } from '../helpers/factories.js';
import { setupGateway, type TestGateway } from '../helpers/gateway.js';

// Behind one proxy of ours: its X-Forwarded-Proto says whether the client came over TLS.
const proxied = await setupGateway({ env: { TRUST_PROXY: '1' } });
// No proxy trusted: X-Forwarded-* headers are the client's own claims.
const direct = await setupGateway();
const { prisma, config } = proxied;

const Login = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { sessionToken } }';

const post = (target: TestGateway, query: string, headers: Record<string, string> = {}, variables = {}, url = 'http://scopegate.test/graphql') =>
  target.gateway.fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });

const setCookies = (response: Response) => response.headers.getSetCookie().map((c) => parseSetCookie(c));

describe('the session cookie', () => {
  const signIn = async (target: TestGateway, headers: Record<string, string> = {}, url?: string) => {
    const user = await createUser(prisma);
    const response = await post(target, Login, headers, { e: user.email, p: PASSWORD }, url);
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    return { user, sessionToken: body.data.login.sessionToken as string, cookies: setCookies(response) };
  };
  const maxAge = config.sessionTtlMs / 1000;

  it('behind TRUST_PROXY with X-Forwarded-Proto: https, it is Secure and named __Host-', async () => {
    const { user, sessionToken, cookies } = await signIn(proxied, { 'x-forwarded-proto': 'https' });
    // __Host- rules: Secure, Path=/ and no Domain.
    expect(cookies).toEqual([{ name: '__Host-scopegate_session', value: sessionToken, maxAge, path: '/', httpOnly: true, secure: true, sameSite: 'strict' }]);
    // The browser sends it back under that name, and it works.
    const viewer = await post(proxied, '{ viewer { authMethod user { id } } }', { cookie: `__Host-scopegate_session=${sessionToken}` });
    expect((await viewer.json()).data.viewer).toEqual({ authMethod: 'SESSION', user: { id: user.id } });
    // Logout over TLS clears it, and a plain-named cookie left from before TLS.
    const logout = await post(proxied, 'mutation { logout }', { cookie: `__Host-scopegate_session=${sessionToken}`, 'x-forwarded-proto': 'https' });
    expect(setCookies(logout)).toEqual([
      { name: '__Host-scopegate_session', value: '', maxAge: 0, path: '/', httpOnly: true, secure: true, sameSite: 'strict' },
      { name: 'scopegate_session', value: '', maxAge: 0, path: '/', httpOnly: true, sameSite: 'strict' },
    ]);
  });

  it('is Secure on an https URL without any proxy', async () => {
    const { cookies } = await signIn(direct, {}, 'https://scopegate.test/graphql');
    expect(cookies).toMatchObject([{ name: '__Host-scopegate_session', secure: true, path: '/' }]);
  });

  it('is not Secure when X-Forwarded-Proto is forged: without TRUST_PROXY, or left of the proxy’s entry', async () => {
    const forged = await signIn(direct, { 'x-forwarded-proto': 'https' });
    expect(forged.cookies).toEqual([{ name: 'scopegate_session', value: forged.sessionToken, maxAge, path: '/', httpOnly: true, sameSite: 'strict' }]);
    // The proxy appended what it saw (http); the client's "https" to its left is not believed.
    const appended = await signIn(proxied, { 'x-forwarded-proto': 'https, http' });
    expect(appended.cookies).toEqual([{ name: 'scopegate_session', value: appended.sessionToken, maxAge, path: '/', httpOnly: true, sameSite: 'strict' }]);
    const logout = await post(direct, 'mutation { logout }', { cookie: `scopegate_session=${forged.sessionToken}`, 'x-forwarded-proto': 'https' });
    expect(logout.headers.getSetCookie()).toEqual(['scopegate_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict']);
  });

  it('is read under either name; the __Host- one wins when both are sent', async () => {
    const hosted = await createUser(prisma);
    const plain = await createUser(prisma);
    const viewerWith = async (cookie: string) => (await (await post(direct, '{ viewer { user { id } } }', { cookie })).json()).data.viewer.user.id;
    expect(await viewerWith(`scopegate_session=${plain.session}`)).toBe(plain.id);
    expect(await viewerWith(`__Host-scopegate_session=${hosted.session}`)).toBe(hosted.id);
    expect(await viewerWith(`scopegate_session=${plain.session}; __Host-scopegate_session=${hosted.session}`)).toBe(hosted.id);
    expect(await viewerWith(`__Host-scopegate_session=${hosted.session}; scopegate_session=${plain.session}`)).toBe(hosted.id);
  });

  it('over TLS only the __Host- name counts: a sibling subdomain cannot plant a plain one', async () => {
    const planted = await createUser(prisma);
    const tls = { 'x-forwarded-proto': 'https' };
    const answer = await (await post(proxied, '{ viewer { authMethod } }', { ...tls, cookie: `scopegate_session=${planted.session}` })).json();
    expect(answer.data.viewer.authMethod).toBe('ANONYMOUS');
    const hosted = await (await post(proxied, '{ viewer { user { id } } }', { ...tls, cookie: `__Host-scopegate_session=${planted.session}` })).json();
    expect(hosted.data.viewer.user.id).toBe(planted.id);
  });
});
