import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { TEMP_FILE_SUFFIX, writeFileAtomic } from '../../src/host/atomicWrite.ts';

const CHILD = join(import.meta.dirname, 'fixtures', 'atomicWriteChild.ts');
const SIZE = 8 * 1024 * 1024;

/** Starts the writer child, waits for "ready", lets it save for `delayMs`, then kills it. */
async function killWriterAfter(target: string, delayMs: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, target, String(SIZE)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });

  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`writer child exited early with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
  });

  await new Promise((resolve) => setTimeout(resolve, delayMs));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('writeFileAtomic', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'perflens-atomic-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('replaces the file content', async () => {
    const target = join(dir, 'x.perflens.json');
    writeFileSync(target, 'old');
    await writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
  });

  it('leaves no temporary file behind', async () => {
    await writeFileAtomic(join(dir, 'x.perflens.json'), 'text');
    expect(readdirSync(dir)).toEqual(['x.perflens.json']);
  });

  it('keeps the permission bits', async () => {
    const target = join(dir, 'x.perflens.json');
    writeFileSync(target, 'old');
    await chmod(target, 0o600);
    await writeFileAtomic(target, 'new');
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  it('survives a writer killed mid-save', async () => {
    const target = join(dir, 'big.perflens.json');
    const texts = [`${'a'.repeat(SIZE)}\n`, `${'b'.repeat(SIZE)}\n`];
    writeFileSync(target, texts[0]!);

    let leftovers = 0;
    for (const delayMs of [150, 400, 700, 1100]) {
      await killWriterAfter(target, delayMs);

      const content = readFileSync(target, 'utf8');
      expect(content.length, `size after a kill at ${delayMs} ms`).toBe(SIZE + 1);
      expect(texts.includes(content), `content after a kill at ${delayMs} ms`).toBe(true);

      const temps = readdirSync(dir).filter((name) => name.endsWith(TEMP_FILE_SUFFIX));
      leftovers += temps.length;
      for (const name of temps) rmSync(join(dir, name));
    }

    // A temporary file left behind proves that at least one kill landed mid-save.
    expect(leftovers).toBeGreaterThan(0);
  });
});
