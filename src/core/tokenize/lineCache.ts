/**
 * Bounded cache of per-line tokenization results, keyed by line text. Explanation searches
 * featurize thousands of edited copies of one diff that share almost every line, so tokenizing
 * each distinct line once removes most of the tokenization work. When full, the cache evicts
 * the entry stored first: a hit does not reorder entries, because that costs more than it saves
 * for a search whose lines all fit in the cache.
 */
export class LineCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new Error(`Invalid line cache size ${maxEntries}; pass a whole number >= 1.`);
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
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
