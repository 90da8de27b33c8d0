import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PROJECT_ROOT = join(import.meta.dirname, '..', '..');

describe('npm start in browser mode', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'perflens-start-'));
  let start: ReturnType<typeof spawn>;
  let url: string;
  const output: string[] = [];

  beforeAll(async () => {
    const script = 'scripts/start.mjs';
    const args = [script, '--browser', '--no-build', '--no-open', '--workspace', workspace];
    start = spawn(process.execPath, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    start.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));

    url = await new Promise<string>((resolve, reject) => {
      start.once('exit', (code) => {
        reject(new Error(`start.mjs exited with ${code}: ${output.join('')}`));
      });
      createInterface({ input: start.stdout! }).on('line', (line) => {
        output.push(line);
        const match = /browser mode at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(line);
        if (match !== null) resolve(match[1]!);
      });
    });
  });

  afterAll(() => {
    if (start.exitCode === null) start.kill('SIGKILL');
    rmSync(workspace, { recursive: true, force: true });
  });

  it('serves the host API', async () => {
    const info = await (await fetch(new URL('api/info', url))).json();
    expect(info.mode).toBe('browser');
  });

  it('stops the server on Ctrl+C', async () => {
    const exited = new Promise<number | null>((resolve) => start.once('exit', resolve));
    start.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(new URL('api/info', url))).rejects.toThrow();
    expect(output.join('\n')).toContain('Stopped browser-mode server');
  });
});
