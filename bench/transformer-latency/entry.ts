/**
 * Page entry of the Transformer latency benchmark: loads a bundle from the benchmark server on
 * tfjs's wasm backend and times scoring a diff cold (new scorer) and after a one-line edit.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

import { parsePatch } from '../../src/core/diff/parse.ts';
import { verifyBundle } from '../../src/core/model/bundle.ts';
import { loadScorer } from '../../src/core/model/scorer.ts';
import type { BundleBytes } from '../../src/core/model/types.ts';

export interface LatencyResult {
  backend: string;
  coldMs: number[];
  editMs: number[];
}

async function fetchBundle(url: string): Promise<BundleBytes> {
  const get = async (name: string) => {
    const response = await fetch(`${url}/${name}`);
    if (!response.ok) throw new Error(`GET ${url}/${name} failed with status ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const manifestBytes = await get('manifest.json');
  const files = new Map<string, Uint8Array>();
  for (const name of Object.keys(JSON.parse(new TextDecoder().decode(manifestBytes)).files)) {
    files.set(name, await get(name));
  }
  return verifyBundle(manifestBytes, files);
}

async function measure(
  bundleUrl: string,
  diffText: string,
  editedTexts: string[],
  coldRuns: number,
): Promise<LatencyResult> {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths('/wasm/');
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend failed to start');
  await tf.ready();

  const bundle = await fetchBundle(bundleUrl);
  const patch = parsePatch(diffText);
  const coldMs: number[] = [];
  for (let run = 0; run <= coldRuns; run++) {
    const scorer = await loadScorer(bundle);
    const started = performance.now();
    await scorer.score(patch);
    // The first run warms up the wasm kernels and is not counted.
    if (run > 0) coldMs.push(performance.now() - started);
    scorer.dispose();
  }

  const scorer = await loadScorer(bundle);
  await scorer.score(patch);
  const editMs: number[] = [];
  for (const text of editedTexts) {
    const edited = parsePatch(text);
    const started = performance.now();
    await scorer.score(edited);
    editMs.push(performance.now() - started);
  }
  scorer.dispose();
  return { backend: tf.getBackend(), coldMs, editMs };
}

(globalThis as unknown as { measure: typeof measure }).measure = measure;
