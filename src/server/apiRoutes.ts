/** The host API over HTTP: routes under `/api/` that call one HostApi. */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { HostApi } from '../host/api.ts';
import { HttpError, sendBytes, sendJson } from './httpResponses.ts';

export interface ApiRequest {
  method: string;
  url: URL;
  /** Reads the request body as UTF-8 text within the size limit. */
  readBody(): Promise<string>;
}

/** Routes that change files; they need the per-run token. */
export function isWriteRoute(method: string, pathname: string): boolean {
  if (pathname === '/api/recovery') return method !== 'GET' && method !== 'HEAD';
  return method === 'PUT' && pathname === '/api/notebooks/write';
}

/**
 * Handles one `/api/` request. Routes: GET info, models, models/:id/files/:name (bytes),
 * notebooks, notebooks/recent, notebooks/read?path= (text), and PUT notebooks/write?path= with
 * the notebook text as body. Raises HttpError for unknown routes and methods.
 */
export async function handleApiRequest(
  host: HostApi,
  request: ApiRequest,
  response: ServerResponse,
): Promise<void> {
  const { method, url } = request;
  const path = url.pathname;
  const headOnly = method === 'HEAD';

  const modelFile = /^\/api\/models\/([^/]+)\/files\/([^/]+)$/.exec(path);
  if (modelFile !== null) {
    requireMethod(method, ['GET', 'HEAD']);
    const [modelId, fileName] = [decodeSegment(modelFile[1]!), decodeSegment(modelFile[2]!)];
    const bytes = await host.readModelFile(modelId, fileName);
    sendBytes(response, 'application/octet-stream', bytes, headOnly);
    return;
  }

  switch (path) {
    case '/api/info':
      requireMethod(method, ['GET']);
      return sendJson(response, 200, await host.info());
    case '/api/models':
      requireMethod(method, ['GET']);
      return sendJson(response, 200, await host.listModels());
    case '/api/notebooks':
      requireMethod(method, ['GET']);
      return sendJson(response, 200, await host.listNotebooks());
    case '/api/notebooks/recent':
      requireMethod(method, ['GET']);
      return sendJson(response, 200, await host.listRecentNotebooks());
    case '/api/notebooks/read': {
      requireMethod(method, ['GET']);
      const text = await host.readNotebook(requirePathParameter(url));
      const bytes = Buffer.from(text, 'utf8');
      return sendBytes(response, 'text/plain; charset=utf-8', bytes, false);
    }
    case '/api/notebooks/write': {
      requireMethod(method, ['PUT']);
      const notebookPath = requirePathParameter(url);
      const text = await request.readBody();
      return sendJson(response, 200, await host.writeNotebook(notebookPath, text));
    }
    case '/api/recovery':
      return handleRecovery(host, request, response);
    default:
      throw new HttpError(404, 'not-found', `Unknown API route ${method} ${path}.`);
  }
}

/** GET returns the recovery text (204 when there is none), PUT stores it, DELETE removes it. */
async function handleRecovery(
  host: HostApi,
  request: ApiRequest,
  response: ServerResponse,
): Promise<void> {
  requireMethod(request.method, ['GET', 'PUT', 'DELETE']);

  if (request.method === 'GET') {
    const text = await host.readRecovery();
    if (text === null) {
      response.writeHead(204).end();
      return;
    }
    return sendBytes(response, 'application/json; charset=utf-8', Buffer.from(text, 'utf8'), false);
  }

  if (request.method === 'PUT') {
    await host.writeRecovery(await request.readBody());
  } else {
    await host.discardRecovery();
  }
  response.writeHead(204).end();
}

function requireMethod(method: string, allowed: string[]): void {
  if (allowed.includes(method)) return;
  throw new HttpError(
    405,
    'invalid',
    `Method ${method} is not allowed here; use ${allowed.join(' or ')}.`,
    { Allow: allowed.join(', ') },
  );
}

function requirePathParameter(url: URL): string {
  const path = url.searchParams.get('path');
  if (path === null || path === '') {
    throw new HttpError(400, 'invalid', `Missing query parameter path in ${url.pathname}.`);
  }
  return path;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'invalid', `Invalid URL escape in ${JSON.stringify(segment)}.`);
  }
}

/**
 * Reads a request body as UTF-8 text. Raises HttpError 413 above `maxBytes` (checked against
 * Content-Length first, then while reading) and 400 on invalid UTF-8.
 */
export async function readBodyText(request: IncomingMessage, maxBytes: number): Promise<string> {
  const tooLarge = (): HttpError =>
    new HttpError(
      413,
      'invalid',
      `Request body is larger than the limit of ${maxBytes} bytes.`,
      // The rest of the body is never read, so the connection cannot be reused.
      { Connection: 'close' },
    );

  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge();

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }

  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, 'invalid', 'Request body is not valid UTF-8 text.');
  }
}
