/** Seeded pseudo-random numbers for reproducible shuffles and initializers. */

import { createRandom } from '../core/explain/random.ts';

/** Returns a mulberry32 generator of floats in [0, 1) for a 32-bit seed. */
export const seededRandom: (seed: number) => () => number = createRandom;

/** Shuffles an array in place with Fisher-Yates and the given generator; returns it. */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
