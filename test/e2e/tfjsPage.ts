/**
 * A bare browser page that runs tfjs from a bundled entry script, served on 127.0.0.1 for
 * checks that need Chromium without the workbench (bundle parity, latency benchmarks).
 */
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

import { wasmFilesDir } from '../../src/node/tfBackend.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/** Bundles `entry` into `pageDir` with an index.html that loads it, plus tfjs's wasm files. */
export async function buildTfjsPage(entry: string, pageDir: string): Promise<void> {
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outfile: join(pageDir, 'entry.js'),
    logLevel: 'error',
  });
  writeFileSync(
    join(pageDir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><script type="module" src="/entry.js"></script>',
  );

  mkdirSync(join(pageDir, 'wasm'));
  for (const name of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) {
    writeFileSync(join(pageDir, 'wasm', name), readFileSync(join(wasmFilesDir(), name)));
  }
}

/**
 * Serves `pageDir` at / on 127.0.0.1 and a random port, and each folder of `mounts` under its
 * URL prefix (such as `/models/`). Paths with `..` and missing files get 404.
 */
export function servePage(pageDir: string, mounts: Record<string, string>): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const prefix = Object.keys(mounts).find((mount) => path.startsWith(mount));
    const file = prefix === undefined
      ? join(pageDir, path === '/' ? 'index.html' : path)
      : join(mounts[prefix]!, path.slice(prefix.length));
    if (path.includes('..') || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }

    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, { 'content-type': type }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
