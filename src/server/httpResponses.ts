/** Response helpers of the browser-mode server: JSON bodies, errors and common headers. */
import type { ServerResponse } from 'node:http';

import type { HostError } from '../host/api.ts';

/** HTTP status for each HostError code. */
export const STATUS_BY_CODE: Record<HostError['code'], number> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  io: 500,
};

/** Error sent to the client as `{ error, code }` with an HTTP status. */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    readonly code: HostError['code'],
    message: string,
    /** Extra response headers, such as `Allow` on a 405. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Headers sent on every response: no MIME sniffing, no framing, no use by other sites. */
export function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

export function sendError(response: ServerResponse, error: HttpError): void {
  for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
  sendJson(response, error.status, { error: error.message, code: error.code });
}

export function sendBytes(
  response: ServerResponse,
  contentType: string,
  bytes: Uint8Array,
  headOnly: boolean,
): void {
  response.writeHead(200, {
    'Content-Type': contentType,
    'Content-Length': bytes.byteLength,
    'Cache-Control': 'no-store',
  });
  response.end(headOnly ? undefined : bytes);
}
