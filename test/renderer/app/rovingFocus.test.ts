import { describe, expect, it } from 'vitest';

import { isActivationKey, movedIndex } from '../../../renderer/app/rovingFocus.ts';

describe('roving focus movement', () => {
  it('moves down a vertical list', () => {
    expect(movedIndex('ArrowDown', 0, 3, 'vertical')).toBe(1);
  });

  it('wraps at both ends', () => {
    expect(movedIndex('ArrowDown', 2, 3, 'vertical')).toBe(0);
    expect(movedIndex('ArrowUp', 0, 3, 'vertical')).toBe(2);
  });

  it('ignores sideways keys in a list', () => {
    expect(movedIndex('ArrowRight', 0, 3, 'vertical')).toBeNull();
  });

  it('moves a radiogroup sideways', () => {
    expect(movedIndex('ArrowRight', 1, 3, 'both')).toBe(2);
    expect(movedIndex('ArrowLeft', 1, 3, 'both')).toBe(0);
  });

  it('jumps with Home and End', () => {
    expect(movedIndex('Home', 2, 3, 'both')).toBe(0);
    expect(movedIndex('End', 0, 3, 'both')).toBe(2);
  });

  it('starts from the ends without focus', () => {
    expect(movedIndex('ArrowDown', -1, 3, 'vertical')).toBe(0);
    expect(movedIndex('ArrowUp', -1, 3, 'vertical')).toBe(2);
  });

  it('does nothing in an empty group', () => {
    expect(movedIndex('ArrowDown', 0, 0, 'vertical')).toBeNull();
  });

  it('activates with Enter and Space', () => {
    expect(isActivationKey('Enter')).toBe(true);
    expect(isActivationKey(' ')).toBe(true);
    expect(isActivationKey('Tab')).toBe(false);
  });
});
