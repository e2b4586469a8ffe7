import { describe, expect, it } from 'vitest';
import { AuthCache } from '../../src/auth/auth-cache.js';

describe('AuthCache', () => {
  it('expires entries after the TTL and evicts the oldest beyond its size', () => {
    const cache = new AuthCache<string>(1000, 2);
    cache.set('a', 'A', 0);
    cache.set('b', 'B', 0);
    cache.set('c', 'C', 0);
    expect([cache.get('a', 10), cache.get('b', 10), cache.get('c', 10)]).toEqual([undefined, 'B', 'C']);
    expect(cache.get('b', 1000)).toBeUndefined();
  });

  it('does not store a value read before a clear (a lookup racing a revocation)', () => {
    const cache = new AuthCache<string>(1000, 10);
    const version = cache.version; // a lookup starts and reads "valid" from the database …
    cache.clear(); // … a revocation commits and clears the cache …
    cache.set('token', 'valid', 0, Infinity, version); // … and the stale read arrives
    expect(cache.get('token', 1)).toBeUndefined();
    cache.set('token', 'revoked', 0, Infinity, cache.version);
    expect(cache.get('token', 1)).toBe('revoked');
  });

  it('takes its TTL from a function, so it can shrink while invalidation is down', () => {
    let ttl = 1000;
    const cache = new AuthCache<string>(() => ttl, 10);
    ttl = 50;
    cache.set('a', 'A', 0);
    expect(cache.get('a', 49)).toBe('A');
    expect(cache.get('a', 50)).toBeUndefined();
  });
});
