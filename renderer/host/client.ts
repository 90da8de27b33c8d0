/**
 * The renderer's host client. `getHost()` returns the HostApi over Electron IPC when the preload
 * exposed `window.perflens`, else over HTTP (`/api/...` on the page's origin, browser mode).
 * Errors are HostError with the host's message and code. Works in the page and in workers;
 * writes need the page's token, so only the page can save notebooks.
 */
import { HostError, type HostApi } from '../../src/host/api.ts';
import {
  hostFromBridge,
  type HostBridge,
  type MenuCommand,
  type ShellBridge,
} from '../../src/host/ipc.ts';

declare global {
  /** Set by the Electron preload; undefined in browser mode. */
  var perflens: HostBridge | undefined;
  /** Set by the Electron preload; undefined in browser mode. */
  var perflensShell: ShellBridge | undefined;
}

/** Name of the `<meta>` tag in which the browser-mode server hands over the write token. */
export const TOKEN_META_NAME = 'perflens-token';
export const TOKEN_HEADER = 'X-PerfLens-Token';

const HOST_ERROR_CODES: ReadonlyArray<HostError['code']> = [
  'not-found',
  'invalid',
  'io',
  'forbidden',
];

let cachedHost: HostApi | null = null;

/** Returns the host of this window or worker, created on first use. */
export function getHost(): HostApi {
  if (cachedHost !== null) return cachedHost;

  const protocol = globalThis.location?.protocol;
  if (globalThis.perflens !== undefined) {
    cachedHost = hostFromBridge(globalThis.perflens);
  } else if (protocol === 'http:' || protocol === 'https:') {
    const baseUrl = `${globalThis.location.origin}/`;
    cachedHost = createHttpHost({ baseUrl, token: readPageToken() });
  } else {
    throw new Error(
      'No PerfLens host: the page has no Electron preload and was not served over HTTP. ' +
        'Start PerfLens with `npm start` instead of opening the HTML file directly.',
    );
  }
  return cachedHost;
}

/** Reads the write token from the page's `<meta>` tag; null in workers and without the tag. */
function readPageToken(): string | null {
  if (typeof document === 'undefined') return null;
  return document.querySelector(`meta[name="${TOKEN_META_NAME}"]`)?.getAttribute('content') ?? null;
}

export interface HttpHostOptions {
  /** Server root ending in `/`, such as `http://127.0.0.1:41234/`. */
  baseUrl: string;
  /** Per-run write token, or null when this context cannot write. */
  token: string | null;
}

/** Creates the HostApi over the browser-mode server's HTTP API. */
export function createHttpHost(options: HttpHostOptions): HostApi {
  const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(path, options.baseUrl);
    const method = init.method ?? 'GET';
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      throw new HostError(
        `PerfLens server at ${url.origin} is not reachable (${(error as Error).message}). ` +
          'Check that `npm start` or `perflens serve` is still running, then reload.',
        'io',
      );
    }

    if (!response.ok) throw await readErrorResponse(response, method, url.pathname);
    return response;
  };

  const tokenHeader = (): Record<string, string> => {
    if (options.token === null) {
      throw new HostError(
        'Cannot write the recovery file: this context has no write token.',
        'forbidden',
      );
    }
    return { [TOKEN_HEADER]: options.token };
  };

  const getJson = async <T>(path: string): Promise<T> => (await (await request(path)).json()) as T;
  const pathQuery = (path: string): string => `?path=${encodeURIComponent(path)}`;

  return {
    info: () => getJson('api/info'),
    listModels: () => getJson('api/models'),
    readModelFile: async (modelId, fileName) => {
      const names = `${encodeURIComponent(modelId)}/files/${encodeURIComponent(fileName)}`;
      return new Uint8Array(await (await request(`api/models/${names}`)).arrayBuffer());
    },
    listNotebooks: () => getJson('api/notebooks'),
    listRecentNotebooks: () => getJson('api/notebooks/recent'),
    readNotebook: async (path) => (await request(`api/notebooks/read${pathQuery(path)}`)).text(),
    writeNotebook: async (path, text) => {
      if (options.token === null) {
        throw new HostError(
          'Cannot save: this context has no write token. Save from the PerfLens page.',
          'forbidden',
        );
      }
      const response = await request(`api/notebooks/write${pathQuery(path)}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'text/plain; charset=utf-8', [TOKEN_HEADER]: options.token },
        body: text,
      });
      return response.json();
    },
    writeRecovery: async (text) => {
      await request('api/recovery', {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', ...tokenHeader() },
        body: text,
      });
    },
    readRecovery: async () => {
      const response = await request('api/recovery');
      return response.status === 204 ? null : response.text();
    },
    discardRecovery: async () => {
      await request('api/recovery', { method: 'DELETE', headers: tokenHeader() });
    },
  };
}

/** Builds a HostError from the server's `{ error, code }` body, or from the status alone. */
async function readErrorResponse(
  response: Response,
  method: string,
  pathname: string,
): Promise<HostError> {
  try {
    const body = (await response.json()) as { error?: unknown; code?: unknown };
    if (typeof body.error === 'string') {
      const code = HOST_ERROR_CODES.find((known) => known === body.code) ?? 'io';
      return new HostError(body.error, code);
    }
  } catch {
    // Not a JSON error body, such as a proxy's HTML page; fall through to the status.
  }

  let code: HostError['code'] = 'io';
  if (response.status === 404) code = 'not-found';
  if (response.status === 403) code = 'forbidden';
  return new HostError(
    `Host request ${method} ${pathname} failed with HTTP ${response.status}.`,
    code,
  );
}

/**
 * Calls `listener` for each File menu command of the Electron window. Browser mode has no
 * application menu, so there it never calls. Returns a function that removes the listener.
 */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return globalThis.perflensShell?.onMenuCommand(listener) ?? (() => undefined);
}

let beforeUnloadGuard: ((event: BeforeUnloadEvent) => void) | null = null;

/**
 * Marks whether the notebook has unsaved changes, so that closing the window shows a prompt
 * first: Save / Don't Save / Cancel in Electron, the browser's own leave prompt in a tab.
 */
export function setUnsavedChanges(unsaved: boolean): void {
  if (globalThis.perflensShell !== undefined) {
    globalThis.perflensShell.setUnsavedChanges(unsaved);
    return;
  }
  if (typeof window === 'undefined') return;

  if (unsaved && beforeUnloadGuard === null) {
    beforeUnloadGuard = (event) => event.preventDefault();
    window.addEventListener('beforeunload', beforeUnloadGuard);
  } else if (!unsaved && beforeUnloadGuard !== null) {
    window.removeEventListener('beforeunload', beforeUnloadGuard);
    beforeUnloadGuard = null;
  }
}
