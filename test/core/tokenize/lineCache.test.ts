import { describe, expect, it } from 'vitest';

import { LineCache } from '../../../src/core/tokenize/lineCache.ts';

describe('LineCache', () => {
  it('computes each key once', () => {
    const cache = new LineCache<number>(4);
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
    const cache = new LineCache<string>(2);
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

  it('rejects a size below one', () => {
    expect(() => new LineCache<number>(0)).toThrow(/Invalid line cache size 0/);
  });
});
