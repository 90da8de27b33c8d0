import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'build-electron.mjs');

/** Returns the module specifiers a bundle loads at run time. */
function runtimeImports(code: string): string[] {
  const specifiers = [
    ...code.matchAll(/^import .* from "([^"]+)";$/gm),
    ...code.matchAll(/require\("([^"]+)"\)/g),
  ];
  return [...new Set(specifiers.map((match) => match[1]!))];
}

describe('buildElectron', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'perflens-electron-'));

  afterAll(() => {
    rmSync(outDir, { recursive: true, force: true });
  });

  it('bundles main and preload', async () => {
    const { buildElectron } = await import(pathToFileURL(SCRIPT).href);
    const built: { main: string; preload: string } = await buildElectron(outDir);

    const mainImports = runtimeImports(readFileSync(built.main, 'utf8'));
    expect(mainImports).toContain('electron');
    const others = mainImports.filter((name) => name !== 'electron' && !name.startsWith('node:'));
    expect(others).toEqual([]);

    const preloadImports = runtimeImports(readFileSync(built.preload, 'utf8'));
    expect(preloadImports).toEqual(['electron']);
  });
});
