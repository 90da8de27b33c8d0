/** Serves the built renderer (`dist/renderer`) with correct MIME types and the page token. */
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, posix } from 'node:path';

import { isInside } from '../host/notebookFiles.ts';
import { HttpError } from './httpResponses.ts';

/** Name of the `<meta>` tag that hands the per-run write token to the page. */
export const TOKEN_META_NAME = 'perflens-token';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.bin': 'application/octet-stream',
};

/** Returns the Content-Type for a file name; unknown extensions are sent as raw bytes. */
export function mimeTypeOf(fileName: string): string {
  return MIME_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PerfLens: renderer not built</title></head>
<body style="font-family: sans-serif; margin: 3em">
<h1>The PerfLens renderer is not built</h1>
<p>dist/renderer/index.html is missing. Run <code>npm run build</code> in the project folder
(or start with <code>npm start</code>, which builds it), then reload this page.</p>
</body></html>
`;

/**
 * Serves the file of `dist/renderer` that `pathname` names (`/` is index.html). The HTML page
 * gets the token injected as `<meta name="perflens-token">`. Raises HttpError 404 for missing
 * files and paths leaving the folder, and 503 when the renderer is not built.
 */
export async function serveStaticFile(
  response: ServerResponse,
  rendererDir: string,
  pathname: string,
  token: string,
  headOnly: boolean,
): Promise<void> {
  const isPage = isPagePath(pathname);
  const realFile = await findRendererFile(rendererDir, pathname);
  if (realFile === null) {
    if (isPage) {
      response.writeHead(503, {
        'Content-Type': MIME_TYPES['.html']!,
        'Cache-Control': 'no-store',
      });
      response.end(headOnly ? undefined : NOT_BUILT_PAGE);
      return;
    }
    throw new HttpError(404, 'not-found', `File not found: ${pathname}.`);
  }

  if (isPage) {
    const html = injectToken(await readFile(realFile, 'utf8'), token);
    const body = Buffer.from(html, 'utf8');
    response.writeHead(200, {
      'Content-Type': MIME_TYPES['.html']!,
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
    });
    response.end(headOnly ? undefined : body);
    return;
  }

  const info = await stat(realFile);
  response.writeHead(200, {
    'Content-Type': mimeTypeOf(realFile),
    'Content-Length': info.size,
    'Cache-Control': 'no-cache',
  });
  if (headOnly) {
    response.end();
    return;
  }

  await new Promise<void>((resolvePromise, reject) => {
    const stream = createReadStream(realFile);
    stream.once('error', reject);
    response.once('close', () => {
      stream.destroy();
      resolvePromise();
    });
    stream.pipe(response);
  });
}

function isPagePath(pathname: string): boolean {
  return pathname === '/' || pathname === '/index.html';
}

/**
 * Returns the real path of the renderer file that a URL path names (`/` is index.html), or
 * null when it is missing or outside `rendererDir`. Raises HttpError 400 on a malformed path.
 * The Electron main process serves its custom protocol with this function too.
 */
export async function findRendererFile(
  rendererDir: string,
  pathname: string,
): Promise<string | null> {
  const relativePath = decodePathname(pathname);
  const filePath = join(rendererDir, relativePath === '/' ? 'index.html' : relativePath);
  return resolveInside(rendererDir, filePath);
}

/** Decodes and normalizes a URL path; raises HttpError 400 on bad escapes or NUL bytes. */
function decodePathname(pathname: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    throw new HttpError(400, 'invalid', `Invalid URL path ${JSON.stringify(pathname)}.`);
  }
  if (decoded.includes('\0') || decoded.includes('\\')) {
    throw new HttpError(400, 'invalid', `Invalid URL path ${JSON.stringify(pathname)}.`);
  }
  return posix.normalize(decoded);
}

/**
 * Returns the real path of a regular file inside `dir`, or null when it is missing, a folder,
 * or (after resolving symbolic links) outside `dir`.
 */
async function resolveInside(dir: string, filePath: string): Promise<string | null> {
  try {
    const realDir = await realpath(dir);
    const realFile = await realpath(filePath);
    if (!isInside(realDir, realFile)) return null;
    return (await stat(realFile)).isFile() ? realFile : null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

/** Adds the token `<meta>` tag right after `<head>`, or at the start when there is none. */
export function injectToken(html: string, token: string): string {
  const tag = `<meta name="${TOKEN_META_NAME}" content="${token}">`;
  const head = /<head[^>]*>/i.exec(html);
  if (head === null) return `${tag}\n${html}`;

  const end = head.index + head[0].length;
  return `${html.slice(0, end)}\n    ${tag}${html.slice(end)}`;
}
