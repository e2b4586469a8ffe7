/**
 * The in-process cache in front of every credential lookup: digest -> resolved principal (or the
 * reason it was refused). Bounded in size and in age, so a change made by another process is seen
 * within `ttlMs`; changes made in this process clear it at once.
 */
export class AuthCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  /**
   * Bumped by clear(). A lookup that began before a clear must not store what it read: it may
   * predate the revocation that caused the clear (read, revoke, clear, then store = a revoked
   * token cached as valid).
   */
  private generation = 0;
  /** Loads under way, one per key; emptied by clear(). */
  private readonly loading = new Map<string, Promise<V>>();
  /**
   * For the metrics, read when they are scraped: plain numbers, since get() is on every request's
   * path. A hit is a value served from memory; a miss is a value loaded and offered to set()
   * (a database read or a JWT verification), so a lookup that found nothing and then failed the
   * format check, or joined a load already under way, is neither.
   */
  hits = 0;
  misses = 0;

  /** `ttlMs` may be a function: the gateway shortens it while cross-process invalidation is down. */
  constructor(
    private readonly ttlMs: number | (() => number),
    private readonly maxEntries: number,
  ) {}

  /** Changes with every clear(): what was read before a change may be kept only while it holds. */
  get version(): number {
    return this.generation;
  }

  /** How long an entry stored now would live. */
  ttl(): number {
    return typeof this.ttlMs === 'function' ? this.ttlMs() : this.ttlMs;
  }

  get(key: string, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    this.hits++;
    return entry.value;
  }

  /** `version`: the generation a load began in (getOrLoad); a clear() since then drops the value. */
  set(key: string, value: V, now = Date.now(), maxAgeMs = Infinity, version = this.generation): void {
    this.misses++;
    if (version !== this.generation) return;
    const ttl = Math.min(this.ttl(), maxAgeMs);
    if (ttl <= 0) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: the first keys are the oldest entries. A 64th of them go
      // at once: a deleted entry stays a hole at the front of V8's table until it is rebuilt, and
      // every new iterator walks the holes, so dropping one entry per insertion cost 4 µs per
      // insertion at 10,000 entries (a token missing from the cache), and this 0.2.
      let drop = Math.max(1, this.maxEntries >> 6);
      for (const oldest of this.entries.keys()) {
        this.entries.delete(oldest);
        if (--drop === 0) break;
      }
    }
    this.entries.set(key, { value, expiresAt: now + ttl });
  }

  /**
   * The cached value, else the value `read` loads, stored for next time. Lookups of one key that
   * miss together share one load: when a busy token's entry expires, its concurrent requests (50
   * in the benchmark) would otherwise each read the database at once. A load that began before a
   * clear() is never shared with a lookup made after it: that lookup might follow a revocation the
   * load did not see.
   */
  getOrLoad(key: string, read: () => Promise<V>, now = Date.now()): V | Promise<V> {
    const hit = this.get(key, now);
    if (hit !== undefined) return hit;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const version = this.generation;
    const load = read().then((value) => {
      this.set(key, value, now, Infinity, version);
      return value;
    });
    this.loading.set(key, load);
    // Only this load's own entry: a clear() may have let a newer load take the key.
    const done = () => {
      if (this.loading.get(key) === load) this.loading.delete(key);
    };
    load.then(done, done);
    return load;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Revocations, membership changes and deletions are rare: dropping everything is simplest and safe. */
  clear(): void {
    this.generation++;
    this.entries.clear();
    this.loading.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
