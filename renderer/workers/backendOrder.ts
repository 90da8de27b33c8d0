/**
 * Automatic tfjs backend order. WebGL comes first, unless the browser renders WebGL in software
 * (SwiftShader, llvmpipe and similar CPU rasterizers), where tfjs's webgl backend runs the
 * counterfactual search several times slower than wasm (docs/benchmarks.md). The WebGL probe
 * itself is in backends.ts, so this file stays pure.
 */
import { BACKEND_ORDER, type BackendName } from './protocol.ts';

/** Result of a WebGL probe in the worker. */
export interface WebglProbe {
  /** Unmasked renderer string (WEBGL_debug_renderer_info), or null when unavailable. */
  renderer: string | null;
  /**
   * True when a context created with `failIfMajorPerformanceCaveat` was refused while a plain
   * context was granted, which browsers do for software rendering.
   */
  majorPerformanceCaveat: boolean;
}

export interface BackendOrder {
  order: BackendName[];
  /** Reason the order differs from the usual one, shown in the status bar, or null. */
  reason: string | null;
}

/** Reason shown next to the active backend when software WebGL moved wasm first. */
export const SOFTWARE_WEBGL_REASON = 'WebGL is software-only';

/** Renderer-string fragments of the software rasterizers that Chromium and Mesa ship. */
const SOFTWARE_RENDERERS = [
  'swiftshader',
  'llvmpipe',
  'softpipe',
  'software rasterizer',
  'microsoft basic render',
];

/** Returns true when a WebGL unmasked renderer string names a software rasterizer. */
export function isSoftwareRenderer(renderer: string): boolean {
  const lower = renderer.toLowerCase();
  return SOFTWARE_RENDERERS.some((fragment) => lower.includes(fragment));
}

/**
 * Returns the order in which to try backends when the user chose none: wasm, webgl, cpu when
 * the probe shows software WebGL, else webgl, wasm, cpu.
 */
export function automaticBackendOrder(probe: WebglProbe): BackendOrder {
  const software =
    probe.majorPerformanceCaveat ||
    (probe.renderer !== null && isSoftwareRenderer(probe.renderer));
  if (!software) {
    return { order: [...BACKEND_ORDER], reason: null };
  }

  const order: BackendName[] = ['wasm', ...BACKEND_ORDER.filter((name) => name !== 'wasm')];
  return { order, reason: SOFTWARE_WEBGL_REASON };
}
