import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, test } from 'vitest';

import { integerOption, parseCommandArgs, UsageError } from '../../src/cli/command.ts';
import { explainCommand } from '../../src/cli/explain.ts';
import { PROJECT_ROOT } from '../../src/node/dataset.ts';
import { perflens } from './runPerflens.ts';

const dir = mkdtempSync(join(tmpdir(), 'perflens-options-'));
const diffPath = join(dir, 'loop.diff');
const LOOP_DIFF = readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'cli', 'loop.diff'), 'utf8');
const DIFF_LINES = LOOP_DIFF.split('\n');
writeFileSync(diffPath, LOOP_DIFF);

// The header declares 3 new lines, but the body has 2.
const mismatchPath = join(dir, 'mismatch.diff');
writeFileSync(mismatchPath, DIFF_LINES.filter((line) => !line.startsWith('+ ')).join('\n'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Returns the UsageError message of `run`, or null when it throws none. */
function usageMessage(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
}

describe('integerOption', () => {
  const args = (value: string) => ({ values: { top: value }, positionals: [] });

  test('zero below minimum 1 rejected', () => {
    const message = usageMessage(() => integerOption(args('0'), 'top', 10, 1));

    expect(message).toBe('--top must be a whole number of at least 1, got "0".');
  });

  test('text names minimum 0', () => {
    const message = usageMessage(() => integerOption(args('abc'), 'top', 10));

    expect(message).toBe('--top must be a whole number of at least 0, got "abc".');
  });

  test('empty value rejected', () => {
    const message = usageMessage(() => integerOption(args(''), 'top', 10, 1));

    expect(message).toMatch(/^--top must be a whole number/);
  });

  test('valid value returned', () => {
    expect(integerOption(args('7'), 'top', 10, 1)).toBe(7);
  });
});

describe('parseCommandArgs', () => {
  test('negative value needs whole number', () => {
    const message = usageMessage(() => parseCommandArgs(explainCommand, ['--top', '-1']));

    expect(message).toMatch(/^--top must be a whole number, got "-1"/);
    expect(message).not.toMatch(/Did you forget/);
  });

  test('option before option names both', () => {
    const message = usageMessage(() => parseCommandArgs(explainCommand, ['--top', '--json']));

    expect(message).toMatch(/^--top needs a value \(K\), but the next argument is "--json"/);
  });

  test('missing last value names option', () => {
    const message = usageMessage(() => parseCommandArgs(explainCommand, ['--top']));

    expect(message).toMatch(/^--top needs a value \(K\)\./);
  });
});

describe('perflens explain options', () => {
  test.each([
    ['--top', '0'],
    ['--budget-ms', '0'],
    ['--max-edits', '0'],
    ['--counterfactuals', '0'],
  ])('%s %s exits 2', async (option, value) => {
    const result = await perflens(['explain', diffPath, option, value]);

    expect(result.code).toBe(2);
    const expected = `${option} must be a whole number of at least 1, got "${value}".`;
    expect(result.stderr).toContain(expected);
  });

  test('help states the budget scope', async () => {
    const result = await perflens(['explain', '--help']);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--budget-ms MS +Time budget in ms of occlusion and of the/);
  });

  test('count mismatch names --lenient', async () => {
    const result = await perflens(['score', mismatchPath]);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/hunk body ends early/);
    expect(result.stderr).toContain('the --lenient option accepts a mismatch');
  });
});
