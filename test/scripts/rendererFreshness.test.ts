import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'renderer-freshness.mjs');
const { findStaleSource } = await import(pathToFileURL(SCRIPT).href);

describe('findStaleSource', () => {
  let root: string;
  let built: string;

  /** Writes a file whose modification time is `secondsAgo` seconds before now. */
  function writeAged(path: string, secondsAgo: number): void {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, 'x');
    const time = new Date(Date.now() - secondsAgo * 1000);
    utimesSync(path, time, time);
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'perflens-fresh-'));
    built = join(root, 'dist', 'renderer', 'index.html');
    writeAged(join(root, 'renderer', 'app', 'main.ts'), 100);
    writeAged(join(root, 'src', 'core', 'diff', 'parse.ts'), 100);
    writeAged(built, 50);
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('accepts an up-to-date build', () => {
    expect(findStaleSource(root, built)).toBeNull();
  });

  it('names a newer renderer source', () => {
    writeAged(join(root, 'renderer', 'app', 'main.ts'), 10);
    expect(findStaleSource(root, built)).toBe(
      `${join('renderer', 'app', 'main.ts')} is newer than the build`,
    );
  });

  it('names a newer core source', () => {
    writeAged(join(root, 'src', 'core', 'diff', 'parse.ts'), 10);
    expect(findStaleSource(root, built)).toContain('parse.ts is newer than the build');
  });

  it('ignores newer files elsewhere', () => {
    writeAged(join(root, 'src', 'train', 'bow.ts'), 10);
    expect(findStaleSource(root, built)).toBeNull();
  });
});
