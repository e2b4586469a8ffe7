import { parseCookie, stringifySetCookie } from 'cookie';

export const SESSION_COOKIE = 'scopegate_session';
/**
 * The name over TLS. Browsers accept a `__Host-` cookie only when it is Secure, has Path=/ and no
 * Domain, so a sibling subdomain or a plain-HTTP page can neither set nor shadow the session.
 */
export const SECURE_SESSION_COOKIE = '__Host-scopegate_session';

/**
 * The session in a Cookie header. Over TLS only the `__Host-` name counts: it is the one only
 * this origin over TLS could have set, while a sibling subdomain or a plain-HTTP page can plant a
 * plain-named cookie. Without TLS the plain name is the one we set. A value with a broken `%`
 * escape is returned as sent, and is then refused like any other unrecognised credential.
 */
export function sessionFromCookies(header: string | null, overTls: boolean): string | undefined {
  if (!header) return undefined;
  const cookies = parseCookie(header);
  return (overTls ? cookies[SECURE_SESSION_COOKIE] : cookies[SECURE_SESSION_COOKIE] || cookies[SESSION_COOKIE]) || undefined;
}

/** Set-Cookie for a session; `secure` when the request reached us over TLS. */
export function sessionSetCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return stringifySetCookie({
    name: secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE,
    value,
    maxAge: maxAgeSeconds,
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
  });
}

/**
 * Set-Cookie headers that remove the session cookie. Over TLS the plain-named one goes too: one
 * left from before the gateway was behind TLS would otherwise be sent, and used, after logout.
 */
export function clearedSessionCookies(secure: boolean): string[] {
  const cleared = [sessionSetCookie('', 0, false)];
  return secure ? [sessionSetCookie('', 0, true), ...cleared] : cleared;
}
