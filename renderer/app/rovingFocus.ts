/**
 * Keyboard movement between the options of a listbox or the radios of a radiogroup. Arrow keys
 * move to the next or previous option and wrap around at the ends, and Home and End jump to the
 * first and last. The components keep one option in the tab order (roving tabindex). Pure, so
 * it is tested under Node.
 */

/** Arrow keys that move within a group: a vertical listbox, or a radiogroup in either axis. */
export type Orientation = 'vertical' | 'both';

const PREVIOUS: Record<Orientation, readonly string[]> = {
  vertical: ['ArrowUp'],
  both: ['ArrowUp', 'ArrowLeft'],
};

const NEXT: Record<Orientation, readonly string[]> = {
  vertical: ['ArrowDown'],
  both: ['ArrowDown', 'ArrowRight'],
};

/**
 * Returns the index that `key` moves to from `current` among `count` options, or null when the
 * key does not move focus (including in an empty group).
 */
export function movedIndex(
  key: string,
  current: number,
  count: number,
  orientation: Orientation,
): number | null {
  if (count === 0) return null;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;

  // An index outside the group, such as -1 when nothing is active, starts from the ends.
  const from = current >= 0 && current < count ? current : -1;
  if (NEXT[orientation].includes(key)) return (from + 1) % count;
  if (PREVIOUS[orientation].includes(key)) return from <= 0 ? count - 1 : from - 1;
  return null;
}

/** True for the keys that activate a focused option: Enter and Space. */
export function isActivationKey(key: string): boolean {
  return key === 'Enter' || key === ' ';
}
