/** Decides whether dist/renderer must be rebuilt: is any renderer source newer than the build? */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Files and folders the renderer build reads: its own sources, the pure core and the host
 * API types it imports, and the build configuration.
 */
export const RENDERER_SOURCES = [
  'renderer',
  join('src', 'core'),
  join('src', 'host'),
  'vite.config.ts',
  'package.json',
];

/**
 * Returns a reason such as "renderer/app/x.ts is newer than the build" when a source file was
 * modified after `builtFile`, or null when the build is up to date.
 */
export function findStaleSource(projectRoot, builtFile) {
  const builtMs = statSync(builtFile).mtimeMs;

  for (const source of RENDERER_SOURCES) {
    const newer = findNewerFile(join(projectRoot, source), builtMs);
    if (newer !== null) return `${relative(projectRoot, newer)} is newer than the build`;
  }
  return null;
}

function findNewerFile(path, thresholdMs) {
  if (!existsSync(path)) return null;

  const info = statSync(path);
  if (info.isFile()) return info.mtimeMs > thresholdMs ? path : null;
  if (!info.isDirectory()) return null;

  for (const entry of readdirSync(path)) {
    if (entry.startsWith('.') || entry === 'node_modules') continue;
    const newer = findNewerFile(join(path, entry), thresholdMs);
    if (newer !== null) return newer;
  }
  return null;
}
