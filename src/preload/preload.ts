/**
 * Electron preload: exposes exactly the HostApi methods as `window.perflens` (returning IPC
 * envelopes that renderer/host/client.ts unwraps) and the window shell as `window.perflensShell`.
 * Runs sandboxed, so it is bundled to CommonJS and imports nothing but `electron`.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

import {
  HOST_METHODS,
  SHELL_CHANNELS,
  hostChannel,
  type HostBridge,
  type MenuCommand,
  type ShellBridge,
} from '../host/ipc.ts';

const hostBridge = Object.fromEntries(
  HOST_METHODS.map((method) => [
    method,
    (...args: string[]) => ipcRenderer.invoke(hostChannel(method), ...args),
  ]),
) as HostBridge;

const shellBridge: ShellBridge = {
  onMenuCommand(listener) {
    const handler = (_event: IpcRendererEvent, command: MenuCommand) => listener(command);
    ipcRenderer.on(SHELL_CHANNELS.menuCommand, handler);
    return () => {
      ipcRenderer.off(SHELL_CHANNELS.menuCommand, handler);
    };
  },
  setUnsavedChanges(unsaved) {
    ipcRenderer.send(SHELL_CHANNELS.unsavedChanges, unsaved === true);
  },
};

contextBridge.exposeInMainWorld('perflens', hostBridge);
contextBridge.exposeInMainWorld('perflensShell', shellBridge);
