import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { writeBundleDir } from '../../src/node/bundleFiles.ts';
import { DATASET_MISSING_MESSAGE, findDatasetDir, PROJECT_ROOT } from '../../src/node/dataset.ts';
import { buildTinyBundle } from '../core/model/tinyBundle.ts';

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `perflens ARGS` as a child process, with optional standard input. */
function perflens(args: string[], input?: string): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'cli', 'main.ts'), ...args],
      { cwd: PROJECT_ROOT, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // execFile reports a non-zero exit as an error whose code is the exit code.
        let code = 0;
        if (error !== null) code = typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

const fixture = (name: string) => join(PROJECT_ROOT, 'test', 'fixtures', 'model', name);
const dir = mkdtempSync(join(tmpdir(), 'perflens-cli-'));
const bundleDir = join(dir, 'tiny-bow');

beforeAll(async () => {
  writeBundleDir(bundleDir, await buildTinyBundle());
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('perflens score', () => {
  it('prints JSON for a diff file', async () => {
    const path = fixture('slow-lookup.diff');
    const result = await perflens(['score', path, '--model', bundleDir, '--json']);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.probability).toBeGreaterThan(0);
    expect(output.probability).toBeLessThan(1);
    expect(output.threshold).toBe(0.5);
    expect(output.flagged).toBe(output.probability >= 0.5);
    expect(output.model.id).toBe('tiny-bow');
  });

  it('reads the diff from stdin', async () => {
    const text = readFileSync(fixture('rename-variable.diff'), 'utf8');
    const result = await perflens(['score', '-', '--model', bundleDir], text);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^probability {2}0\.\d{4}$/m);
    expect(result.stdout).toMatch(/^decision {5}(not )?flagged/m);
  });

  it('rejects an unknown flag', async () => {
    const result = await perflens(['score', fixture('slow-lookup.diff'), '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown option --bogus.');
  });

  it('rejects a missing diff file', async () => {
    const result = await perflens(['score', join(dir, 'nope.diff'), '--model', bundleDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Diff file not found: ${join(dir, 'nope.diff')}`);
  });

  it('rejects text that is no diff', async () => {
    const path = join(dir, 'notes.diff');
    writeFileSync(path, 'diff --git a/x.js b/x.js\n@@ -1,2 +1,2 @@\nno prefix here\n');
    const result = await perflens(['score', path, '--model', bundleDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid diff at line');
  });

  it('rejects a corrupt bundle', async () => {
    const corrupt = join(dir, 'corrupt');
    writeBundleDir(corrupt, await buildTinyBundle());
    const weights = readFileSync(join(corrupt, 'weights.bin'));
    weights[0] = weights[0]! ^ 0xff;
    writeFileSync(join(corrupt, 'weights.bin'), weights);
    const result = await perflens(['score', fixture('slow-lookup.diff'), '--model', corrupt]);
    expect(result.code).toBe(2);
    const expected = `Model bundle 'tiny-bow' in ${corrupt}: file weights.bin has sha256`;
    expect(result.stderr).toContain(expected);
  });

  it('prints help', async () => {
    const result = await perflens(['score', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: perflens score FILE|-');
  });
});

describe('perflens eval', () => {
  it('evaluates rows from a file', async () => {
    // Two hand-written rows: the same diffs as the fixtures, one labelled positive.
    const rows = [
      { id: 'a', label: 1, diff: readFileSync(fixture('slow-lookup.diff'), 'utf8') },
      { id: 'b', label: 0, diff: readFileSync(fixture('rename-variable.diff'), 'utf8') },
    ];
    const data = join(dir, 'rows.jsonl');
    writeFileSync(data, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');

    const result = await perflens(['eval', bundleDir, '--data', data, '--json']);
    expect(result.code).toBe(0);
    const { report } = JSON.parse(result.stdout);
    expect(report.rows).toBe(2);
    expect(report.positives).toBe(1);
    expect(report.rocAuc === 0 || report.rocAuc === 1).toBe(true);
  });

  it('rejects a missing data file', async () => {
    const result = await perflens(['eval', bundleDir, '--data', join(dir, 'none.jsonl')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Data file not found');
  });

  it('prints help', async () => {
    const result = await perflens(['eval', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: perflens eval DIR');
  });
});

const datasetMissing = findDatasetDir() === null;
if (datasetMissing) console.warn(`Skipping eval of models/bow on val: ${DATASET_MISSING_MESSAGE}`);

describe.skipIf(datasetMissing)('perflens eval of models/bow', () => {
  it('reproduces the manifest val metrics', async () => {
    const manifest = JSON.parse(
      readFileSync(join(PROJECT_ROOT, 'models', 'bow', 'manifest.json'), 'utf8'),
    );
    const result = await perflens(['eval', 'models/bow', '--split', 'val', '--json']);
    expect(result.code).toBe(0);
    const { report } = JSON.parse(result.stdout);
    const expected = manifest.metrics.val;
    expect(report.rows).toBe(expected.rows);
    expect(report.positives).toBe(expected.positives);
    expect(report.prAuc).toBe(expected.prAuc);
    expect(report.rocAuc).toBe(expected.rocAuc);
    expect(report.f1).toBe(expected.f1);
    expect(report.precision).toBe(expected.precision);
    expect(report.recall).toBe(expected.recall);
    expect(report.recallAtBudget).toEqual(expected.recallAtBudget);
    expect(report.skip).toEqual(expected.skip);
  });
});

describe('perflens train', () => {
  it('rejects an unknown family', async () => {
    const result = await perflens(['train', 'nope', '--out', join(dir, 'x')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('train takes one family, one of: bow');
  });
});

describe('perflens score metadata', () => {
  it('rejects an unknown tenure bucket', async () => {
    const result = await perflens([
      'score',
      fixture('slow-lookup.diff'),
      '--model',
      bundleDir,
      '--author-tenure',
      '7',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--author-tenure "7" is not a bucket');
  });
});
