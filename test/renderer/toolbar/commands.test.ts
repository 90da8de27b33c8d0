import { describe, expect, it } from 'vitest';

import { commandForKey } from '../../../renderer/toolbar/commands.ts';

function key(letter: string, modifiers: { shift?: boolean; alt?: boolean; meta?: boolean } = {}) {
  return {
    key: letter,
    ctrlKey: modifiers.meta !== true,
    metaKey: modifiers.meta === true,
    shiftKey: modifiers.shift === true,
    altKey: modifiers.alt === true,
  };
}

describe('commandForKey', () => {
  it.each([
    ['s', {}, 'save'],
    ['S', { shift: true }, 'save-as'],
    ['o', {}, 'open'],
    ['n', {}, 'new'],
    ['s', { meta: true }, 'save'],
  ] as const)('maps %s %o to %s', (letter, modifiers, expected) => {
    expect(commandForKey(key(letter, modifiers))).toBe(expected);
  });

  it('ignores keys without Ctrl or Cmd', () => {
    expect(commandForKey({ ...key('s'), ctrlKey: false })).toBeNull();
  });

  it('ignores Ctrl+Alt combinations', () => {
    expect(commandForKey(key('s', { alt: true }))).toBeNull();
  });

  it('ignores unrelated letters', () => {
    expect(commandForKey(key('x'))).toBeNull();
  });
});
