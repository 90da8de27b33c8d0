import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

const rendererRoot = fileURLToPath(new URL('./renderer/', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer/', import.meta.url));

// The renderer is served by the browser-mode server at / and loaded by Electron from a file,
// so every URL in the build is relative (base './').
export default defineConfig({
  root: rendererRoot,
  base: './',
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Monaco and tfjs are large by nature; the workbench loads from disk or 127.0.0.1.
    chunkSizeWarningLimit: 8000,
  },
  worker: {
    // ES module workers, so the inference worker can share code-split chunks with the page.
    format: 'es',
  },
  oxc: {
    jsx: { runtime: 'automatic' },
  },
  server: {
    host: '127.0.0.1',
  },
  preview: {
    host: '127.0.0.1',
  },
});
