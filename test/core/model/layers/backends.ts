/** Backends the layer tests run on: the pure-JS cpu backend and wasm, as in training. */
import * as tf from '@tensorflow/tfjs';

import { setupTfjsBackend } from '../../../../src/node/tfBackend.ts';

export const TEST_BACKENDS = ['cpu', 'wasm'] as const;

/** Activates `backend`, loading the wasm files first when needed; fails if it is missing. */
export async function useBackend(backend: (typeof TEST_BACKENDS)[number]): Promise<void> {
  await setupTfjsBackend('wasm');
  const activated = await tf.setBackend(backend);
  if (!activated) throw new Error(`tfjs backend ${backend} failed to initialize.`);
  await tf.ready();
}
