/** The application menu: File commands that message the renderer, plus the standard menus. */
import type { BaseWindow, MenuItemConstructorOptions } from 'electron';

import type { MenuCommand } from '../host/ipc.ts';

export interface MenuActions {
  /** Sends a File command to the renderer of `window` (the focused window, if any). */
  sendCommand(command: MenuCommand, window: BaseWindow | undefined): void;
  quit(): void;
}

/** Builds the menu template; on macOS Quit sits in the application menu, as users expect. */
export function buildMenuTemplate(
  platform: NodeJS.Platform,
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const command = (label: string, accelerator: string, name: MenuCommand) => ({
    label,
    accelerator,
    click: (_item: unknown, window: BaseWindow | undefined) => actions.sendCommand(name, window),
  });

  const fileMenu: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      command('Open…', 'CmdOrCtrl+O', 'open'),
      command('Save', 'CmdOrCtrl+S', 'save'),
      command('Save As…', 'Shift+CmdOrCtrl+S', 'save-as'),
      ...(platform === 'darwin'
        ? []
        : [
            { type: 'separator' as const },
            { label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() },
          ]),
    ],
  };

  const standardMenus: MenuItemConstructorOptions[] = [
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];

  return platform === 'darwin'
    ? [{ role: 'appMenu' }, fileMenu, ...standardMenus]
    : [fileMenu, ...standardMenus];
}
