import { describe, expect, it } from 'vitest';

import { ContentCache } from '../../src/core/contentCache.ts';

describe('ContentCache', () => {
  it('computes each key once', () => {
    const cache = new ContentCache<number>(4);
    let calls = 0;
    const compute = (key: string) => {
      calls++;
      return key.length;
    };

    expect(cache.getOrCompute('abc', compute)).toBe(3);
    expect(cache.getOrCompute('abc', compute)).toBe(3);
    expect(calls).toBe(1);
  });

  it('evicts the first stored key', () => {
    const cache = new ContentCache<string>(2);
    const computed: string[] = [];
    const compute = (key: string) => {
      computed.push(key);
      return key.toUpperCase();
    };

    cache.getOrCompute('a', compute);
    cache.getOrCompute('b', compute);
    cache.getOrCompute('a', compute);
    cache.getOrCompute('c', compute);
    cache.getOrCompute('a', compute);
    cache.getOrCompute('b', compute);

    expect(computed).toEqual(['a', 'b', 'c', 'a', 'b']);
    expect(cache.size).toBe(2);
  });

  it('set replaces and get reads', () => {
    const cache = new ContentCache<number>(2);

    cache.set('a', 1);
    cache.set('a', 2);

    expect(cache.get('a')).toBe(2);
    expect(cache.get('b')).toBeUndefined();
  });

  it('rejects a size below one', () => {
    expect(() => new ContentCache<number>(0)).toThrow(/Invalid cache size 0/);
  });
});
