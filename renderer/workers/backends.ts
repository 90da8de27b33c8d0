/**
 * tfjs backend selection for the inference worker: try webgl, then wasm, then cpu (wasm first
 * when WebGL is software-rendered), verify each with a tiny op whose result is known, and keep
 * the first that works. Each failure is kept with its reason, which the status bar tooltip and
 * the model panel show.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from
  '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

import { automaticBackendOrder, type BackendOrder, type WebglProbe } from './backendOrder.ts';
import { BACKEND_ORDER, type BackendFailure, type BackendName } from './protocol.ts';

let wasmConfigured = false;

/**
 * Points tfjs at the .wasm files that Vite copied into the build. The multi-threaded build is
 * turned off: it needs SharedArrayBuffer, which browsers give only to cross-origin isolated
 * pages (the browser-mode server sends no COOP/COEP headers), and the BoW model is too small to
 * gain from threads.
 */
function configureWasm(): void {
  if (wasmConfigured) {
    return;
  }
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlainUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
  });
  wasmConfigured = true;
}

/** Runs a small matMul plus add on the active backend and checks the exact result. */
async function verifyActiveBackend(): Promise<void> {
  const result = tf.tidy(() => {
    const a = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const b = tf.tensor2d([5, 6, 7, 8], [2, 2]);
    return tf.add(tf.matMul(a, b), tf.scalar(1));
  });

  try {
    const values = Array.from(await result.data());
    const expected = [20, 23, 44, 51];
    const matches = values.every((value, i) => Math.abs(value - expected[i]!) < 1e-3);
    if (!matches) {
      throw new Error(
        `verification op returned [${values.join(', ')}], expected [${expected.join(', ')}]`,
      );
    }
  } finally {
    result.dispose();
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function tryBackend(name: BackendName): Promise<void> {
  if (name === 'wasm') {
    configureWasm();
  }

  const initialized = await tf.setBackend(name);
  if (!initialized) {
    throw new Error(`tfjs could not initialize the ${name} backend in this worker`);
  }
  await tf.ready();
  await verifyActiveBackend();
}

type WebglContext = WebGLRenderingContext | WebGL2RenderingContext;

function createWebglContext(attributes: WebGLContextAttributes): WebglContext | null {
  if (typeof OffscreenCanvas === 'undefined') return null;

  const canvas = new OffscreenCanvas(1, 1);
  return canvas.getContext('webgl2', attributes) ?? canvas.getContext('webgl', attributes);
}

function releaseContext(context: WebglContext | null): void {
  context?.getExtension('WEBGL_lose_context')?.loseContext();
}

/** Reads the unmasked renderer string, falling back to RENDERER, which browsers may mask. */
function rendererOf(context: WebglContext): string | null {
  const info = context.getExtension('WEBGL_debug_renderer_info');
  const value: unknown = context.getParameter(
    info === null ? context.RENDERER : info.UNMASKED_RENDERER_WEBGL,
  );
  return typeof value === 'string' ? value : null;
}

/**
 * Probes WebGL in this worker: the renderer string, and whether the browser refuses a context
 * that must not have a major performance caveat. Without WebGL the probe finds nothing, and the
 * webgl backend then fails on its own with a clearer reason.
 */
export function probeWebgl(): WebglProbe {
  const plain = createWebglContext({});
  if (plain === null) return { renderer: null, majorPerformanceCaveat: false };

  const renderer = rendererOf(plain);
  const strict = createWebglContext({ failIfMajorPerformanceCaveat: true });
  releaseContext(strict);
  releaseContext(plain);
  return { renderer, majorPerformanceCaveat: strict === null };
}

export interface BackendSelection {
  backend: BackendName;
  failures: BackendFailure[];
  /** Reason the automatic order put this backend first, or null for the usual order. */
  reason: string | null;
}

/**
 * Activates the preferred backend, or the first that verifies in the automatic order (webgl,
 * wasm, cpu, or wasm first when WebGL is software-rendered). When the preferred backend fails,
 * the others are tried in the usual order. Raises only when no backend works, naming every
 * failure.
 */
export async function selectBackend(preferred: BackendName | null): Promise<BackendSelection> {
  const automatic: BackendOrder = preferred === null
    ? automaticBackendOrder(probeWebgl())
    : { order: [preferred, ...BACKEND_ORDER.filter((name) => name !== preferred)], reason: null };
  const failures: BackendFailure[] = [];

  for (const name of automatic.order) {
    try {
      await tryBackend(name);
      const reason = name === automatic.order[0] ? automatic.reason : null;
      return { backend: name, failures, reason };
    } catch (error) {
      failures.push({ backend: name, reason: describeError(error) });
    }
  }

  const summary = failures.map((failure) => `${failure.backend}: ${failure.reason}`).join('; ');
  throw new BackendSelectionError(`No tfjs backend works in this browser (${summary}).`, failures);
}

export class BackendSelectionError extends Error {
  override readonly name = 'BackendSelectionError';

  constructor(
    message: string,
    readonly failures: BackendFailure[],
  ) {
    super(message);
  }
}
