/**
 * Electron main process: one window on the built renderer, the application menu, and IPC
 * handlers that call the Node host. Kept thin because it cannot run on machines without the
 * Electron binary; the logic it uses (IPC dispatch, menu, close guard) is tested under Node.
 *
 * Bundled by scripts/build-electron.mjs to dist-electron/main.js (ESM) and started with the
 * project folder as the app path.
 */
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, type IpcMainEvent } from 'electron';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { windowDefaults } from '../../electron.config.ts';
import {
  HOST_METHODS,
  SHELL_CHANNELS,
  dispatchHostCall,
  hostChannel,
  type MenuCommand,
} from '../host/ipc.ts';
import { createNodeHost } from '../host/nodeHost.ts';
import { resolveWorkspaceDir } from '../host/workspace.ts';
import { createLogger } from '../server/log.ts';
import { findRendererFile, mimeTypeOf } from '../server/staticFiles.ts';
import { CLOSE_PROMPT_BUTTONS, CloseGuard } from './closeGuard.ts';
import { buildMenuTemplate } from './menu.ts';

/** Privileged scheme serving dist/renderer, so that fetch, workers and wasm work as on HTTP. */
const APP_SCHEME = 'perflens';
const APP_ORIGIN = `${APP_SCHEME}://app`;

const bundleDir = dirname(fileURLToPath(import.meta.url));
const projectRoot = app.getAppPath();
const rendererDir = join(projectRoot, 'dist', 'renderer');
const logger = createLogger('perflens electron');

protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
  },
]);

function readWorkspaceFlag(): string | undefined {
  const { values } = parseArgs({
    args: process.argv.slice(1),
    options: { workspace: { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  return typeof values.workspace === 'string' ? values.workspace : undefined;
}

const host = createNodeHost({
  projectRoot,
  workspaceDir: resolveWorkspaceDir(readWorkspaceFlag()),
  mode: 'electron',
  onWarning: (message) => logger.warn(message),
});

/** Serves `perflens://app/...` from dist/renderer, with the same path checks as the server. */
function registerAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'app' ? await findRendererFile(rendererDir, url.pathname) : null;
    if (file === null) return new Response('Not found', { status: 404 });

    return new Response(await readFile(file), { headers: { 'Content-Type': mimeTypeOf(file) } });
  });
}

/** Accepts IPC only from our own page, never from a frame that navigated elsewhere. */
function isTrustedSender(event: { senderFrame: { url: string } | null }): boolean {
  return event.senderFrame?.url.startsWith(`${APP_ORIGIN}/`) ?? false;
}

function registerHostHandlers(): void {
  for (const method of HOST_METHODS) {
    ipcMain.handle(hostChannel(method), async (event, ...args: unknown[]) => {
      if (!isTrustedSender(event)) {
        logger.warn(`Rejected host call ${method} from ${event.senderFrame?.url ?? 'no frame'}`);
        const message = 'Host call from an untrusted page.';
        return { ok: false, error: { message, code: 'forbidden' } };
      }

      const result = await dispatchHostCall(host, method, args);
      if (!result.ok && result.error.code === 'io') {
        logger.error(`Host call ${method} failed: ${result.error.message}`);
      }
      return result;
    });
  }
}

const guards = new Map<number, CloseGuard>();

function sendMenuCommand(window: BrowserWindow, command: MenuCommand): void {
  window.webContents.send(SHELL_CHANNELS.menuCommand, command);
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    ...windowDefaults,
    show: false,
    webPreferences: {
      preload: join(bundleDir, 'preload.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
    },
  });
  const guard = new CloseGuard();
  guards.set(window.webContents.id, guard);

  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });

  window.on('close', (event) => {
    if (guard.onCloseRequested() === 'close') return;
    event.preventDefault();

    const answer = dialog.showMessageBoxSync(window, {
      type: 'warning',
      message: 'The notebook has unsaved changes.',
      detail: 'Save them before closing?',
      buttons: CLOSE_PROMPT_BUTTONS.map((button) => button.label),
      defaultId: 0,
      cancelId: CLOSE_PROMPT_BUTTONS.length - 1,
    });
    const action = guard.onPromptAnswered(CLOSE_PROMPT_BUTTONS[answer]?.choice ?? 'cancel');
    if (action === 'close') window.close();
    if (action === 'save') sendMenuCommand(window, 'save');
  });
  window.on('closed', () => guards.delete(window.webContents.id));
  window.once('ready-to-show', () => window.show());

  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

function onUnsavedChanges(event: IpcMainEvent, unsaved: unknown): void {
  const window = BrowserWindow.fromWebContents(event.sender);
  const guard = guards.get(event.sender.id);
  if (window === null || guard === undefined || typeof unsaved !== 'boolean') return;

  window.setDocumentEdited(unsaved);
  if (guard.onUnsavedChanged(unsaved) === 'close') window.close();
}

app.whenReady().then(() => {
  registerAppProtocol();
  registerHostHandlers();
  ipcMain.on(SHELL_CHANNELS.unsavedChanges, onUnsavedChanges);

  const template = buildMenuTemplate(process.platform, {
    sendCommand: (command, window) => {
      const target = window instanceof BrowserWindow ? window : BrowserWindow.getFocusedWindow();
      if (target !== null) sendMenuCommand(target, command);
    },
    quit: () => app.quit(),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));

  createWindow();
  logger.info(`Started Electron window on ${rendererDir}`);

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}).catch((error: unknown) => {
  logger.error(`Failed to start: ${(error as Error).message}`);
  app.exit(1);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
