import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { setupTfjsBackend } from '../../src/node/tfBackend.ts';
import { buildTfjsPage, servePage } from './tfjsPage.ts';

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

describe.skipIf(datasetMissing || chromiumMissing)('bundle parity in Node and Chromium', () => {
  const pageDir = mkdtempSync(join(tmpdir(), 'perflens-parity-'));
  const userDataDir = mkdtempSync(join(tmpdir(), 'perflens-chromium-'));
  let server: Server;
  let context: BrowserContext;
  let diffText: string;

  beforeAll(async () => {
    await buildTfjsPage(join(PROJECT_ROOT, 'test', 'e2e', 'parity', 'entry.ts'), pageDir);
    server = await servePage(pageDir, { '/models/': join(PROJECT_ROOT, 'models') });

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
