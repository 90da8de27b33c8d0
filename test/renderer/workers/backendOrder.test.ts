import { describe, expect, it } from 'vitest';

import {
  automaticBackendOrder,
  isSoftwareRenderer,
  SOFTWARE_WEBGL_REASON,
} from '../../../renderer/workers/backendOrder.ts';

/** Renderer strings as browsers report them through WEBGL_debug_renderer_info. */
const SOFTWARE = [
  'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
  'Google SwiftShader',
  'llvmpipe (LLVM 15.0.6, 256 bits)',
  'ANGLE (Mesa, llvmpipe (LLVM 15.0.6 256 bits), OpenGL 4.5)',
  'Microsoft Basic Render Driver',
];
const HARDWARE = [
  'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)',
  'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)',
  'Apple M2',
];

describe('isSoftwareRenderer', () => {
  it.each(SOFTWARE)('flags software renderer %s', (renderer) => {
    expect(isSoftwareRenderer(renderer)).toBe(true);
  });

  it.each(HARDWARE)('passes hardware renderer %s', (renderer) => {
    expect(isSoftwareRenderer(renderer)).toBe(false);
  });
});

describe('automaticBackendOrder', () => {
  it('keeps webgl first on a GPU', () => {
    const choice = automaticBackendOrder({ renderer: HARDWARE[0]!, majorPerformanceCaveat: false });
    expect(choice.order).toEqual(['webgl', 'wasm', 'cpu']);
    expect(choice.reason).toBeNull();
  });

  it('moves wasm first on SwiftShader', () => {
    const choice = automaticBackendOrder({ renderer: SOFTWARE[0]!, majorPerformanceCaveat: false });
    expect(choice.order).toEqual(['wasm', 'webgl', 'cpu']);
    expect(choice.reason).toBe(SOFTWARE_WEBGL_REASON);
  });

  it('moves wasm first on performance caveat', () => {
    const choice = automaticBackendOrder({ renderer: null, majorPerformanceCaveat: true });
    expect(choice.order).toEqual(['wasm', 'webgl', 'cpu']);
    expect(choice.reason).toBe(SOFTWARE_WEBGL_REASON);
  });

  it('keeps webgl first without renderer string', () => {
    const choice = automaticBackendOrder({ renderer: null, majorPerformanceCaveat: false });
    expect(choice.order).toEqual(['webgl', 'wasm', 'cpu']);
    expect(choice.reason).toBeNull();
  });
});
