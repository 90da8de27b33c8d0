/**
 * Bundles the Electron main process and preload into dist-electron/ with esbuild:
 * main.js as ESM (package.json "main" points at it) and preload.cjs as CommonJS, because a
 * sandboxed preload cannot be an ES module. `electron` stays an external import.
 * Usage: node scripts/build-electron.mjs [OUT_DIR]
 */
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds both bundles into `outDir` and returns their paths. */
export async function buildElectron(outDir = join(PROJECT_ROOT, 'dist-electron')) {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning',
  };
  const main = join(outDir, 'main.js');
  const preload = join(outDir, 'preload.cjs');

  await build({
    ...common,
    entryPoints: [join(PROJECT_ROOT, 'src', 'main', 'main.ts')],
    outfile: main,
    format: 'esm',
  });
  await build({
    ...common,
    entryPoints: [join(PROJECT_ROOT, 'src', 'preload', 'preload.ts')],
    outfile: preload,
    format: 'cjs',
  });
  return { main, preload };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { main, preload } = await buildElectron(process.argv[2] ?? undefined);
  console.log(`Built ${main} and ${preload}`);
}
