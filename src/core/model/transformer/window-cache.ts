/** Least-recently-used cache of window encodings, keyed by window content. */
export class WindowCache {
  private readonly entries = new Map<string, Float32Array>();

  constructor(readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** Returns the cached vector and marks it as recently used, or undefined. */
  get(key: string): Float32Array | undefined {
    const vector = this.entries.get(key);
    if (vector === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, vector);
    return vector;
  }

  /** Stores a vector, evicting the least recently used entry when the cache is full. */
  set(key: string, vector: Float32Array): void {
    this.entries.delete(key);
    this.entries.set(key, vector);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
