import { describe, expect, it } from 'vitest';

import { notebookCommandForKey, type KeyInput } from '../../../renderer/notebook/notebookKeys.ts';

function key(name: string, modifiers: Partial<KeyInput> = {}): KeyInput {
  return { key: name, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...modifiers };
}

const outside = { inTextField: false, presenting: false };
const typing = { inTextField: true, presenting: false };
const presenting = { inTextField: false, presenting: true };

describe('notebookCommandForKey', () => {
  const cases: Array<[string, KeyInput, typeof outside, string | null]> = [
    ['Ctrl+Z undoes', key('z', { ctrlKey: true }), outside, 'undo'],
    ['Ctrl+Shift+Z redoes', key('Z', { ctrlKey: true, shiftKey: true }), outside, 'redo'],
    ['Cmd+Y redoes', key('y', { metaKey: true }), outside, 'redo'],
    ['Ctrl+Z in a text field is native', key('z', { ctrlKey: true }), typing, null],
    ['Alt+ArrowUp moves up', key('ArrowUp', { altKey: true }), outside, 'move-up'],
    ['Alt+ArrowDown moves down', key('ArrowDown', { altKey: true }), outside, 'move-down'],
    ['j selects next', key('j'), outside, 'select-next'],
    ['a adds above', key('a'), outside, 'add-above'],
    ['a in a text field types', key('a'), typing, null],
    ['Escape in a text field stops editing', key('Escape'), typing, 'stop-editing'],
    ['Delete deletes', key('Delete'), outside, 'delete'],
    ['o toggles collapse', key('o'), outside, 'toggle-collapse'],
    ['p presents', key('p'), outside, 'present'],
    ['ArrowRight next slide', key('ArrowRight'), presenting, 'slide-next'],
    ['PageUp previous slide', key('PageUp'), presenting, 'slide-previous'],
    ['End last slide', key('End'), presenting, 'slide-last'],
    ['Escape leaves presentation', key('Escape'), presenting, 'stop-presenting'],
    ['Shift+A is not a shortcut', key('A', { shiftKey: true }), outside, null],
  ];

  for (const [name, event, context, expected] of cases) {
    it(name, () => {
      expect(notebookCommandForKey(event, context)).toBe(expected);
    });
  }
});
