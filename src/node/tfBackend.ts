/**
 * Sets up tfjs in Node on the wasm backend, loading its .wasm files from node_modules, and
 * falls back to the pure-JS cpu backend when wasm fails.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let ready: Promise<string> | null = null;

/** Returns the folder with tfjs-backend-wasm's .wasm files, with a trailing slash. */
export function wasmFilesDir(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return join(dirname(packageJson), 'dist') + '/';
}

/**
 * Activates the wasm backend once per process (later calls share the first result) and returns
 * the active backend name. Logs one line on stderr when it falls back to cpu.
 */
export function setupTfjsBackend(preferred: 'wasm' | 'cpu' = 'wasm'): Promise<string> {
  ready ??= activate(preferred);
  return ready;
}

async function activate(preferred: 'wasm' | 'cpu'): Promise<string> {
  if (preferred === 'wasm') {
    try {
      setWasmPaths(wasmFilesDir());
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return tf.getBackend();
      }
      console.error('tfjs: the wasm backend failed to initialize; falling back to cpu.');
    } catch (error) {
      console.error(`tfjs: the wasm backend failed (${(error as Error).message}); using cpu.`);
    }
  }

  await tf.setBackend('cpu');
  await tf.ready();
  return tf.getBackend();
}
