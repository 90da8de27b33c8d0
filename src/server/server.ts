/**
 * The browser-mode server: serves the built renderer and the host API on 127.0.0.1 only.
 *
 * It is guarded like a local development server. The Host header must name this server, so a
 * DNS-rebinding page on another domain is rejected. Cross-site API requests are rejected.
 * Writes need the per-run token that the page receives in its HTML, and bodies are size-limited.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HostError, type HostApi } from '../host/api.ts';
import { MAX_NOTEBOOK_BYTES } from '../host/nodeHost.ts';
import { handleApiRequest, isWriteRoute, readBodyText } from './apiRoutes.ts';
import { HttpError, STATUS_BY_CODE, sendError, setSecurityHeaders } from './httpResponses.ts';
import type { Logger } from './log.ts';
import { serveStaticFile } from './staticFiles.ts';

/** The only address the server listens on. */
export const LOOPBACK_ADDRESS = '127.0.0.1';

/** Header that carries the per-run token on write requests. */
export const TOKEN_HEADER = 'x-perflens-token';

export interface ServerOptions {
  host: HostApi;
  /** Folder of the built renderer, normally `dist/renderer`. */
  rendererDir: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  logger: Logger;
  /** Per-run token for writes; defaults to 32 random bytes in hex. */
  token?: string;
  /** Largest request body in bytes; defaults to the notebook size limit plus 1 MiB. */
  maxBodyBytes?: number;
}

export interface RunningServer {
  /** Page URL, such as `http://127.0.0.1:41234/`. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Starts the server and resolves once it listens; rejects when the port is taken. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const maxBodyBytes = options.maxBodyBytes ?? MAX_NOTEBOOK_BYTES + 1024 * 1024;
  const { logger } = options;
  let port = 0;

  const server = createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      logger.error(`Unhandled error on ${request.method} ${request.url}: ${describe(error)}`);
      response.destroy();
    });
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    setSecurityHeaders(response);
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', `http://${LOOPBACK_ADDRESS}:${port}`);

    try {
      checkHostHeader(request, port);

      if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
        checkSameSite(request, port);
        if (isWriteRoute(method, url.pathname)) checkToken(request, token);

        const readBody = () => readBodyText(request, maxBodyBytes);
        await handleApiRequest(options.host, { method, url, readBody }, response);
        return;
      }

      if (method !== 'GET' && method !== 'HEAD') {
        throw new HttpError(405, 'invalid', `Method ${method} is not allowed for files.`, {
          Allow: 'GET, HEAD',
        });
      }
      await serveStaticFile(response, options.rendererDir, url.pathname, token, method === 'HEAD');
    } catch (error) {
      const httpError = toHttpError(error);
      if (httpError.status >= 500 || httpError.status === 403) {
        logger[httpError.status >= 500 ? 'error' : 'warn'](
          `${method} ${url.pathname} failed with ${httpError.status}: ${httpError.message}`,
        );
      }
      if (response.headersSent) {
        response.destroy();
        return;
      }
      sendError(response, httpError);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK_ADDRESS, () => {
      server.off('error', reject);
      resolve();
    });
  });

  port = (server.address() as AddressInfo).port;
  server.on('error', (error) => logger.error(`Server error: ${describe(error)}`));
  const url = `http://${LOOPBACK_ADDRESS}:${port}/`;
  logger.info(`Started browser-mode server at ${url} serving ${options.rendererDir}`);

  return {
    url,
    port,
    token,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) return reject(error);
          logger.info(`Stopped browser-mode server at ${url}`);
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

/** Rejects requests whose Host header names another host, as a DNS-rebinding page sends. */
function checkHostHeader(request: IncomingMessage, port: number): void {
  const host = (request.headers.host ?? '').toLowerCase();
  if (host === `${LOOPBACK_ADDRESS}:${port}` || host === `localhost:${port}`) return;

  throw new HttpError(
    403,
    'forbidden',
    `Host header ${JSON.stringify(host)} is not allowed. Open http://${LOOPBACK_ADDRESS}:${port}/.`,
  );
}

/**
 * Rejects API requests that the browser marks as cross-site or that carry a foreign Origin,
 * so that another web page cannot call the API in the user's browser.
 */
function checkSameSite(request: IncomingMessage, port: number): void {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    throw new HttpError(403, 'forbidden', `Cross-site API request rejected (${fetchSite}).`);
  }

  const origin = request.headers.origin;
  const allowed = [`http://${LOOPBACK_ADDRESS}:${port}`, `http://localhost:${port}`];
  if (origin !== undefined && !allowed.includes(origin.toLowerCase())) {
    throw new HttpError(403, 'forbidden', `API request from origin ${origin} rejected.`);
  }
}

function checkToken(request: IncomingMessage, token: string): void {
  const sent = request.headers[TOKEN_HEADER];
  const expected = Buffer.from(token, 'utf8');
  const actual = Buffer.from(typeof sent === 'string' ? sent : '', 'utf8');
  if (actual.length === expected.length && timingSafeEqual(actual, expected)) return;

  throw new HttpError(
    403,
    'forbidden',
    `Missing or wrong ${TOKEN_HEADER} header. Reload the page to get this server's token.`,
  );
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof HostError) {
    return new HttpError(STATUS_BY_CODE[error.code], error.code, error.message);
  }
  return new HttpError(500, 'io', `Internal server error: ${describe(error)}`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
