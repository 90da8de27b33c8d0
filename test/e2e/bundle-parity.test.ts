import { build } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parsePatch } from '../../src/core/diff/parse.ts';
import { loadScorer } from '../../src/core/model/scorer.ts';
import { readBundleDir } from '../../src/node/bundleFiles.ts';
import {
  DATASET_MISSING_MESSAGE,
  findDatasetDir,
  PROJECT_ROOT,
  readSplit,
} from '../../src/node/dataset.ts';
import { setupTfjsBackend, wasmFilesDir } from '../../src/node/tfBackend.ts';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS_FILE = join(PROJECT_ROOT, '..', 'shared', 'chromium-flags.txt');

/** Bundles to compare, with the tolerance between Node and Chromium. */
const BUNDLES = [
  { id: 'bow', tolerance: 1e-5 },
  { id: 'opaque', tolerance: 1e-5 },
  { id: 'size-baseline', tolerance: 1e-5 },
  { id: 'transformer', tolerance: 1e-4 },
  { id: 'superperforator', tolerance: 1e-4 },
];

const datasetMissing = findDatasetDir() === null;
const chromiumMissing = !existsSync(CHROMIUM);
if (datasetMissing) console.warn(`Skipping bundle parity: ${DATASET_MISSING_MESSAGE}`);
if (chromiumMissing) console.warn(`Skipping bundle parity: ${CHROMIUM} not found.`);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/** Serves the page folder at / and the models folder at /models/, on 127.0.0.1 only. */
function serve(pageDir: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = path.startsWith('/models/')
      ? join(PROJECT_ROOT, path)
      : join(pageDir, path === '/' ? 'index.html' : path);
    if (path.includes('..') || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, { 'content-type': type }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe.skipIf(datasetMissing || chromiumMissing)('bundle parity in Node and Chromium', () => {
  const pageDir = mkdtempSync(join(tmpdir(), 'perflens-parity-'));
  const userDataDir = mkdtempSync(join(tmpdir(), 'perflens-chromium-'));
  let server: Server;
  let context: BrowserContext;
  let diffText: string;

  beforeAll(async () => {
    await build({
      entryPoints: [join(PROJECT_ROOT, 'test', 'e2e', 'parity', 'entry.ts')],
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
    server = await serve(pageDir);

    const flagsText = existsSync(FLAGS_FILE) ? readFileSync(FLAGS_FILE, 'utf8') : '';
    const flags = flagsText.split('\n').map((line) => line.trim()).filter(Boolean);
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...flags, '--headless'],
    });

    // The first positive of val: a real diff that the models should find interesting.
    diffText = readSplit('val').find((row) => row.label === 1)!.diff;
  });

  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(pageDir, { recursive: true, force: true });
    rmSync(userDataDir, { recursive: true, force: true });
  });

  for (const { id, tolerance } of BUNDLES) {
    it(`scores ${id} alike`, async () => {
      await setupTfjsBackend('wasm');
      const scorer = await loadScorer(await readBundleDir(join(PROJECT_ROOT, 'models', id)));
      const node = await scorer.score(parsePatch(diffText, { lenient: true }));
      const nodeHash = scorer.bundleHash;
      scorer.dispose();

      const page = await context.newPage();
      const address = server.address() as AddressInfo;
      await page.goto(`http://127.0.0.1:${address.port}/`);
      await page.waitForFunction(() => 'scoreDiff' in globalThis);
      const browser = await page.evaluate(
        ([bundleUrl, text]) =>
          (
            globalThis as unknown as {
              scoreDiff: (url: string, diff: string) => Promise<{
                backend: string;
                probability: number;
                bundleHash: string;
              }>;
            }
          ).scoreDiff(bundleUrl!, text!),
        [`/models/${id}`, diffText],
      );
      await page.close();

      console.log(`${id}: Node ${node.probability}, Chromium ${browser.probability}`);
      expect(browser.backend).toBe('wasm');
      expect(browser.bundleHash).toBe(nodeHash);
      expect(Math.abs(browser.probability - node.probability)).toBeLessThanOrEqual(tolerance);
    });
  }
});
