/**
 * The HostApi over Electron IPC: channel names, the result envelope, and the two pure halves
 * of the mapping (main-side dispatch and renderer-side unwrap). Host errors travel as data in
 * the envelope because Electron drops the custom fields (such as `code`) of thrown errors.
 * No Node or DOM imports: main, preload and renderer all import this file.
 */
import { HostError, type HostApi } from './api.ts';

/** Every HostApi method, in a fixed order; the type check below keeps it complete. */
export const HOST_METHODS = [
  'info',
  'listModels',
  'readModelFile',
  'listNotebooks',
  'listRecentNotebooks',
  'readNotebook',
  'writeNotebook',
  'writeRecovery',
  'readRecovery',
  'discardRecovery',
] as const satisfies ReadonlyArray<keyof HostApi>;

export type HostMethod = (typeof HOST_METHODS)[number];

// Fails to compile when HostApi gains a method that HOST_METHODS does not list.
const everyMethodListed: Exclude<keyof HostApi, HostMethod> extends never ? true : never = true;
void everyMethodListed;

/** Number of string arguments of each method; IPC arguments are checked against it. */
const STRING_ARGUMENT_COUNT: Record<HostMethod, number> = {
  info: 0,
  listModels: 0,
  readModelFile: 2,
  listNotebooks: 0,
  listRecentNotebooks: 0,
  readNotebook: 1,
  writeNotebook: 2,
  writeRecovery: 1,
  readRecovery: 0,
  discardRecovery: 0,
};

export function hostChannel(method: HostMethod): string {
  return `perflens:host:${method}`;
}

export type IpcResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: { message: string; code: HostError['code'] } };

/** The preload's `window.perflens`: the HostApi methods, returning envelopes. */
export type HostBridge = {
  [K in HostMethod]: (
    ...args: Parameters<HostApi[K]>
  ) => Promise<IpcResult<Awaited<ReturnType<HostApi[K]>>>>;
};

/** Commands that the application menu sends to the renderer. */
export type MenuCommand = 'open' | 'save' | 'save-as';

/** Channels of the window shell, next to the host API. */
export const SHELL_CHANNELS = {
  /** main -> renderer: a MenuCommand. */
  menuCommand: 'perflens:shell:menu-command',
  /** renderer -> main: whether the notebook has unsaved changes (boolean). */
  unsavedChanges: 'perflens:shell:unsaved-changes',
} as const;

/** The preload's `window.perflensShell`: menu commands and the unsaved-changes flag. */
export interface ShellBridge {
  /** Calls `listener` on each menu command; returns a function that removes it. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Tells the main process whether closing the window would lose changes. */
  setUnsavedChanges(unsaved: boolean): void;
}

/**
 * Runs one IPC request on `host` (main process side). An unknown method, or arguments that are
 * not strings of the expected count, return an `invalid` error without calling the host.
 */
export async function dispatchHostCall(
  host: HostApi,
  method: string,
  args: unknown[],
): Promise<IpcResult<unknown>> {
  if (!(HOST_METHODS as readonly string[]).includes(method)) {
    return failure(new HostError(`Unknown host method ${JSON.stringify(method)}.`, 'invalid'));
  }

  const hostMethod = method as HostMethod;
  const expected = STRING_ARGUMENT_COUNT[hostMethod];
  if (args.length !== expected || !args.every((arg) => typeof arg === 'string')) {
    const noun = expected === 1 ? 'argument' : 'arguments';
    return failure(
      new HostError(`Host method ${method} takes ${expected} string ${noun}.`, 'invalid'),
    );
  }

  try {
    const call = host[hostMethod] as (...strings: string[]) => Promise<unknown>;
    return { ok: true, value: await call.apply(host, args as string[]) };
  } catch (error) {
    return failure(error);
  }
}

function failure(error: unknown): IpcResult<never> {
  if (error instanceof HostError) {
    return { ok: false, error: { message: error.message, code: error.code } };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { message: `Host call failed: ${message}`, code: 'io' } };
}

/** Turns the preload's bridge into a HostApi that raises HostError (renderer side). */
export function hostFromBridge(bridge: HostBridge): HostApi {
  const unwrap = async <T>(result: Promise<IpcResult<T>>): Promise<T> => {
    const settled = await result;
    if (settled.ok) return settled.value;
    throw new HostError(settled.error.message, settled.error.code);
  };

  return {
    info: () => unwrap(bridge.info()),
    listModels: () => unwrap(bridge.listModels()),
    readModelFile: (modelId, fileName) => unwrap(bridge.readModelFile(modelId, fileName)),
    listNotebooks: () => unwrap(bridge.listNotebooks()),
    listRecentNotebooks: () => unwrap(bridge.listRecentNotebooks()),
    readNotebook: (path) => unwrap(bridge.readNotebook(path)),
    writeNotebook: (path, text) => unwrap(bridge.writeNotebook(path, text)),
    writeRecovery: (text) => unwrap(bridge.writeRecovery(text)),
    readRecovery: () => unwrap(bridge.readRecovery()),
    discardRecovery: () => unwrap(bridge.discardRecovery()),
  };
}
