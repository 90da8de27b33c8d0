import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';

import type { MenuCommand } from '../../src/host/ipc.ts';
import { buildMenuTemplate } from '../../src/main/menu.ts';

/** Builds the menu and records what its items send. */
function buildRecorded(platform: NodeJS.Platform) {
  const sent: MenuCommand[] = [];
  let quits = 0;
  const template = buildMenuTemplate(platform, {
    sendCommand: (command) => sent.push(command),
    quit: () => {
      quits++;
    },
  });
  const file = template.find((menu) => menu.label === 'File');
  const items = (file?.submenu ?? []) as MenuItemConstructorOptions[];
  const item = (label: string) => items.find((entry) => entry.label === label);
  return { template, sent, item, quits: () => quits };
}

/** Clicks a menu item the way Electron does, without a window. */
function click(entry: MenuItemConstructorOptions | undefined): void {
  const handler = entry?.click as ((...args: unknown[]) => void) | undefined;
  if (handler === undefined) throw new Error('menu item has no click handler');
  handler({}, undefined, {});
}

describe('buildMenuTemplate', () => {
  const accelerators: Array<[string, string, MenuCommand]> = [
    ['Open…', 'CmdOrCtrl+O', 'open'],
    ['Save', 'CmdOrCtrl+S', 'save'],
    ['Save As…', 'Shift+CmdOrCtrl+S', 'save-as'],
  ];

  for (const [label, accelerator, command] of accelerators) {
    it(`binds ${label} to ${accelerator}`, () => {
      const menu = buildRecorded('linux');
      expect(menu.item(label)?.accelerator).toBe(accelerator);
      click(menu.item(label));
      expect(menu.sent).toEqual([command]);
    });
  }

  it('quits from the File menu', () => {
    const menu = buildRecorded('linux');
    expect(menu.item('Quit')?.accelerator).toBe('CmdOrCtrl+Q');
    click(menu.item('Quit'));
    expect(menu.quits()).toBe(1);
  });

  it('moves Quit to the macOS app menu', () => {
    const menu = buildRecorded('darwin');
    expect(menu.item('Quit')).toBeUndefined();
    expect(menu.template[0]?.role).toBe('appMenu');
  });

  it('keeps the standard edit menu', () => {
    const roles = buildRecorded('linux').template.map((menu) => menu.role);
    expect(roles).toContain('editMenu');
  });

  it('leaves Ctrl+M to the editor', () => {
    const window = buildRecorded('linux').template.find((menu) => menu.label === 'Window');
    const items = (window?.submenu ?? []) as MenuItemConstructorOptions[];
    expect(items.map((entry) => entry.label ?? entry.role)).toContain('Minimize');
    expect(items.some((entry) => entry.role === 'minimize')).toBe(false);
    expect(items.some((entry) => entry.accelerator === 'CmdOrCtrl+M')).toBe(false);
  });

  it('keeps the macOS window menu', () => {
    const roles = buildRecorded('darwin').template.map((menu) => menu.role);
    expect(roles).toContain('windowMenu');
  });
});
