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

  // Electron's windowMenu binds Minimize to Ctrl+M, which on Windows and Linux would take the
  // key from Monaco's "toggle Tab key moves focus", the way out of the editor without a mouse.
  // macOS keeps the standard menu: there Minimize is Cmd+M and Monaco's toggle Ctrl+Shift+M.
  const windowMenu: MenuItemConstructorOptions = platform === 'darwin'
    ? { role: 'windowMenu' }
    : {
        label: 'Window',
        submenu: [
          { label: 'Minimize', click: (_item, window) => window?.minimize() },
          { role: 'zoom' },
          { role: 'close' },
        ],
      };
  const standardMenus: MenuItemConstructorOptions[] = [
    { role: 'editMenu' },
    { role: 'viewMenu' },
    windowMenu,
  ];

  return platform === 'darwin'
    ? [{ role: 'appMenu' }, fileMenu, ...standardMenus]
    : [fileMenu, ...standardMenus];
}
