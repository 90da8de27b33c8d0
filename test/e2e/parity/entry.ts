/**
 * Page entry for the bundle parity test: fetches a bundle from the test server, verifies and
 * loads it with the real core code on tfjs's wasm backend, and exposes `scoreDiff` to the test.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

import { parsePatch } from '../../../src/core/diff/parse.ts';
import { verifyBundle } from '../../../src/core/model/bundle.ts';
import { loadScorer } from '../../../src/core/model/scorer.ts';

interface ParityResult {
  backend: string;
  probability: number;
  threshold: number;
  bundleHash: string;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} failed with status ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function scoreDiff(bundleUrl: string, diffText: string): Promise<ParityResult> {
  // The threaded wasm build needs cross-origin isolation, which this test server does not set.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths('/wasm/');
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend failed to start');
  await tf.ready();

  const manifestBytes = await fetchBytes(`${bundleUrl}/manifest.json`);
  const listed = Object.keys(JSON.parse(new TextDecoder().decode(manifestBytes)).files);
  const files = new Map<string, Uint8Array>();
  for (const name of listed) files.set(name, await fetchBytes(`${bundleUrl}/${name}`));

  const scorer = await loadScorer(await verifyBundle(manifestBytes, files));
  const result = await scorer.score(parsePatch(diffText, { lenient: true }));
  const output = {
    backend: tf.getBackend(),
    probability: result.probability,
    threshold: result.threshold,
    bundleHash: scorer.bundleHash,
  };
  scorer.dispose();
  return output;
}

(globalThis as unknown as { scoreDiff: typeof scoreDiff }).scoreDiff = scoreDiff;
