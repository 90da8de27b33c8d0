import { describe, expect, it } from 'vitest';

import { CLOSE_PROMPT_BUTTONS, CloseGuard } from '../../src/main/closeGuard.ts';

describe('CloseGuard', () => {
  it('closes without unsaved changes', () => {
    expect(new CloseGuard().onCloseRequested()).toBe('close');
  });

  it('prompts with unsaved changes', () => {
    const guard = new CloseGuard();
    guard.onUnsavedChanged(true);
    expect(guard.onCloseRequested()).toBe('prompt');
  });

  it('closes after discard', () => {
    const guard = new CloseGuard();
    guard.onUnsavedChanged(true);
    expect(guard.onPromptAnswered('discard')).toBe('close');
    expect(guard.onCloseRequested()).toBe('close');
  });

  it('stays after cancel', () => {
    const guard = new CloseGuard();
    guard.onUnsavedChanged(true);
    expect(guard.onPromptAnswered('cancel')).toBe('stay');
    expect(guard.onCloseRequested()).toBe('prompt');
  });

  it('closes once the save finishes', () => {
    const guard = new CloseGuard();
    guard.onUnsavedChanged(true);
    expect(guard.onPromptAnswered('save')).toBe('save');
    expect(guard.onUnsavedChanged(false)).toBe('close');
    expect(guard.onCloseRequested()).toBe('close');
  });

  it('stays open while saving fails', () => {
    const guard = new CloseGuard();
    guard.onUnsavedChanged(true);
    guard.onPromptAnswered('save');
    expect(guard.onUnsavedChanged(true)).toBe('none');
    expect(guard.onCloseRequested()).toBe('prompt');
  });

  it('ignores a save without close', () => {
    const guard = new CloseGuard();
    guard.onUnsavedChanged(true);
    expect(guard.onUnsavedChanged(false)).toBe('none');
  });

  it('lists Cancel as the last button', () => {
    expect(CLOSE_PROMPT_BUTTONS.map((button) => button.choice)).toEqual([
      'save',
      'discard',
      'cancel',
    ]);
  });
});
