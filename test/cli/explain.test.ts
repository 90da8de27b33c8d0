import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { writeBundleDir } from '../../src/node/bundleFiles.ts';
import { PROJECT_ROOT } from '../../src/node/dataset.ts';
import { setupTfjsBackend } from '../../src/node/tfBackend.ts';
import { handBuiltBundle, SLEEP_BLOCK_DIFF } from '../core/explain/handBuiltBow.ts';

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `perflens ARGS` as a child process. */
function perflens(args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'cli', 'main.ts'), ...args],
      { cwd: PROJECT_ROOT, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        let code = 0;
        if (error !== null) code = typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const LIST_VIEW_PATH = join(PROJECT_ROOT, 'test', 'fixtures', 'explain', 'list-view-cache.diff');
const dir = mkdtempSync(join(tmpdir(), 'perflens-explain-'));
const bundleDir = join(dir, 'hand-built-bow');
const diffPath = join(dir, 'sleep-block.diff');
const rowsPath = join(dir, 'rows.jsonl');

/** Builds a dataset row around a diff; `explain --data` reads its id, diff and label. */
function row(id: string, diff: string, label: 0 | 1) {
  return {
    id,
    repo: 'example/app',
    sha: id,
    time: '2026-01-01T00:00:00Z',
    split: 'val',
    label,
    label_source: label === 1 ? 'szz' : 'none',
    fix_sha: null,
    is_perf_fix: false,
    diff,
    diff_truncated: false,
    files: [],
    test_files_changed: 0,
    author_tenure: '1-5',
  };
}

beforeAll(async () => {
  await setupTfjsBackend();
  writeBundleDir(bundleDir, await handBuiltBundle());
  writeFileSync(diffPath, SLEEP_BLOCK_DIFF);
  const listView = readFileSync(LIST_VIEW_PATH, 'utf8');
  const rows = [
    row('a', SLEEP_BLOCK_DIFF, 1),
    row('b', listView, 0),
    row('c', SLEEP_BLOCK_DIFF.replace('block(item)', 'wait(item)'), 0),
  ];
  writeFileSync(rowsPath, rows.map((entry) => JSON.stringify(entry)).join('\n') + '\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('perflens explain', () => {
  test('prints attributions and counterfactuals', async () => {
    const result = await perflens(['explain', diffPath, '--model', bundleDir, '--top', '3']);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^token occlusion: top 3 of 6/m);
    expect(result.stdout).toMatch(/^integrated gradients: .* passed$/m);
    expect(result.stdout).toMatch(/^counterfactuals: [1-9]/m);
  });

  test('JSON counterfactual names both tokens', async () => {
    const args = ['explain', diffPath, '--model', bundleDir, '--json', '--counterfactuals', '1'];

    const result = await perflens(args);

    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    const edits = output.counterfactuals.counterfactuals[0].edits;
    const lines = edits.map((edit: { position: { patchLine: number } }) => edit.position.patchLine);
    expect(lines.sort()).toEqual([8, 9]);
  });

  test('dataset mode explains predicted positives', async () => {
    const args = ['explain', '--data', rowsPath, '--model', bundleDir, '--json'];

    const result = await perflens(args);

    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.rows).toBe(3);
    expect(output.predictedPositives).toBe(2);
    expect(output.summary.explained).toBe(2);
    expect(output.summary.withCounterfactual).toBe(2);
    expect(output.completeness.passed).toBe(2);
    expect(result.stderr).toMatch(/explain: 2\/2 diffs, 2 with a counterfactual/);
  });

  test('dataset limit caps explained diffs', async () => {
    const args = ['explain', '--data', rowsPath, '--model', bundleDir, '--limit', '1'];

    const result = await perflens(args);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/explained 1$/m);
    expect(result.stdout).toMatch(/^tokens that counterfactuals change most often/m);
  });

  test('diff and data together exit 2', async () => {
    const result = await perflens(['explain', diffPath, '--data', rowsPath, '--model', bundleDir]);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/either a diff FILE or --data FILE/);
  });

  test('token kinds give token edits', async () => {
    const args = ['explain', diffPath, '--model', bundleDir, '--json', '--kinds', 'delete-token'];

    const result = await perflens(args);

    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    const edits = output.counterfactuals.counterfactuals[0].edits;
    expect(edits.map((edit: { before: string }) => edit.before)).toEqual(['sleep', 'block']);
  });

  test('unknown edit kind exits 2', async () => {
    const result = await perflens(['explain', diffPath, '--model', bundleDir, '--kinds', 'x']);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown edit kind "x" in --kinds/);
  });

  test('missing data file exits 2', async () => {
    const result = await perflens(['explain', '--data', join(dir, 'none.jsonl')]);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Data file not found/);
  });
});
