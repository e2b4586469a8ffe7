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

  it('beyond its size drops the oldest 64th at once, never a newer entry, and stays bounded', () => {
    const cache = new AuthCache<number>(60_000, 640);
    for (let i = 0; i < 640; i++) cache.set(`k${i}`, i, 0);
    cache.set('k640', 640, 0);
    expect(cache.size).toBe(631);
    expect([cache.get('k9', 0), cache.get('k10', 0), cache.get('k640', 0)]).toEqual([undefined, 10, 640]);
    for (let i = 641; i < 20_000; i++) cache.set(`k${i}`, i, 0);
    expect(cache.size).toBeLessThanOrEqual(640);
    expect(cache.get('k19999', 0)).toBe(19_999);
  });

  it('does not store a value read before a clear (a lookup racing a revocation)', async () => {
    const cache = new AuthCache<string>(1000, 10);
    let release!: (value: string) => void;
    // A lookup starts and reads "valid" from the database …
    const stale = cache.getOrLoad('token', () => new Promise<string>((resolve) => (release = resolve)), 0);
    cache.clear(); // … a revocation commits and clears the cache …
    release('valid'); // … and the stale read arrives
    expect(await stale).toBe('valid');
    expect(cache.get('token', 1)).toBeUndefined();
    expect(await cache.getOrLoad('token', async () => 'revoked', 0)).toBe('revoked');
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

  it('makes one load for lookups of a key that miss together, and keeps its result', async () => {
    const cache = new AuthCache<string>(1000, 10);
    let reads = 0;
    const read = async () => {
      reads++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return 'principal';
    };
    const lookups = Array.from({ length: 50 }, () => cache.getOrLoad('token', read, 0));
    expect(await Promise.all(lookups)).toEqual(Array(50).fill('principal'));
    expect(reads).toBe(1);
    expect(cache.getOrLoad('token', read, 1)).toBe('principal');
    expect(reads).toBe(1);
  });

  it('does not hand a load begun before a clear to a lookup made after it', async () => {
    const cache = new AuthCache<string>(1000, 10);
    let release!: (value: string) => void;
    const before = cache.getOrLoad('token', () => new Promise<string>((resolve) => (release = resolve)), 0);
    cache.clear(); // a revocation commits while the first read is under way
    const after = cache.getOrLoad('token', async () => 'revoked', 0);
    release('valid');
    expect(await before).toBe('valid');
    expect(await after).toBe('revoked');
    expect(cache.get('token', 1)).toBe('revoked');
  });

  it('lets the next lookup try again after a load fails', async () => {
    const cache = new AuthCache<string>(1000, 10);
    await expect(cache.getOrLoad('token', () => Promise.reject(new Error('database down')), 0)).rejects.toThrow('database down');
    expect(await cache.getOrLoad('token', async () => 'principal', 0)).toBe('principal');
  });
});
