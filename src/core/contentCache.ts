/**
 * Bounded cache of values computed from content, keyed by that content (a line's text, a
 * window's token ids). Explanation searches score thousands of edited copies of one diff that
 * share almost all of it, so computing each distinct piece once removes most of the work. When
 * full, the cache evicts the entry stored first: a hit does not reorder entries, because that
 * costs more than it saves for a search whose pieces all fit in the cache.
 */
export class ContentCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new Error(`Invalid cache size ${maxEntries}; pass a whole number >= 1.`);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Returns the cached value of `key`, or computes, stores and returns it. Callers must not
   * change the returned value, because later lookups of the same key return the same object.
   */
  getOrCompute(key: string, compute: (key: string) => V): V {
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached;

    const value = compute(key);
    this.set(key, value);
    return value;
  }

  /** Returns the cached value of `key`, or undefined. */
  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Stores a value, evicting the entry stored first when the cache is full. */
  set(key: string, value: V): void {
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
