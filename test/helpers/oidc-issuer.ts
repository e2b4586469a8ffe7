import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type CryptoKey } from 'jose';
import { listen } from './servers.js';

export interface FakeIssuer {
  /** The issuer URL, also its `iss`. */
  issuer: string;
  jwksUri: string;
  /** How many times the JWKS was fetched. */
  fetches(): number;
  /** A JWT signed with this issuer's key (or `key`), with `iat` now and `exp` in 5 minutes unless given. */
  sign(claims: JWTPayload, options?: { kid?: string; key?: CryptoKey; alg?: string; iss?: string }): Promise<string>;
  /** Publishes another key, as an issuer does before it rotates; returns its private half. */
  addKey(kid: string): Promise<CryptoKey>;
  publicKey: CryptoKey;
  privateKey: CryptoKey;
  kid: string;
}

/**
 * An OIDC issuer as a CI system runs one: its own RS256 key pair, and its public JWKS served over
 * real HTTP on loopback (closed after the file's tests).
 */
export async function startIssuer(kid = 'key-1'): Promise<FakeIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const keys = [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }];
  let fetches = 0;
  const { url } = await listen((request, response) => {
    if (request.url === '/.well-known/jwks') {
      fetches++;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys }));
      return;
    }
    response.writeHead(404).end();
  });
  const base = url.replace(/\/graphql$/, '');
  const issuer = `${base}/issuer`;
  return {
    issuer,
    jwksUri: `${base}/.well-known/jwks`,
    fetches: () => fetches,
    publicKey,
    privateKey,
    kid,
    async addKey(newKid) {
      const pair = await generateKeyPair('RS256', { extractable: true });
      keys.push({ ...(await exportJWK(pair.publicKey)), kid: newKid, alg: 'RS256', use: 'sig' });
      return pair.privateKey;
    },
    async sign(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iat: now, exp: now + 300, ...claims })
        .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? kid, typ: 'JWT' })
        .setIssuer(options.iss ?? issuer)
        .sign(options.key ?? privateKey);
    },
  };
}
