import { describe, expect, it } from 'vitest';

import {
  InvalidNotebookError,
  NewerNotebookVersionError,
  parseNotebook,
} from '../../../src/core/notebook/index.ts';
import { sampleNotebook } from './sampleNotebook.ts';

/** Parses `text` and returns the error it throws, failing the test when it throws none. */
function parseError(text: string): Error {
  try {
    parseNotebook(text);
  } catch (error) {
    return error as Error;
  }
  throw new Error('parseNotebook accepted the text');
}

/** Applies `edit` to a fresh sample notebook and returns its JSON text. */
function editedText(edit: (notebook: Record<string, any>) => void): string {
  const notebook = sampleNotebook() as unknown as Record<string, any>;
  edit(notebook);
  return JSON.stringify(notebook, null, 2);
}

describe('parseNotebook', () => {
  it('accepts a valid notebook', () => {
    const text = JSON.stringify(sampleNotebook());
    expect(parseNotebook(text)).toEqual(sampleNotebook());
  });

  it('accepts a leading byte order mark', () => {
    const text = `\uFEFF${JSON.stringify(sampleNotebook())}`;
    expect(parseNotebook(text).title).toBe('Sorting inside the loop');
  });

  it('names the path of a non-numeric probability', () => {
    const error = parseError(editedText((nb) => (nb.cells[0].scores[1].probability = 'abc')));
    expect(error.message).toBe(
      'Invalid notebook: cells[0].scores[1].probability must be a number in [0, 1], found "abc".',
    );
  });

  const schemaCases: Array<[string, (nb: Record<string, any>) => void, string]> = [
    ['probability above one', (nb) => (nb.cells[0].scores[0].probability = 1.5),
      'cells[0].scores[0].probability must be a number in [0, 1], found 1.5.'],
    ['missing model id', (nb) => delete nb.cells[0].model.id,
      'cells[0].model.id must be a non-empty string, ' +
      'found nothing (the field is missing).'],
    ['short bundle hash', (nb) => (nb.cells[0].model.bundleHash = 'abc123'),
      'cells[0].model.bundleHash must be a sha256 digest (64 lowercase hex digits), ' +
      'found "abc123".'],
    ['unknown backend', (nb) => (nb.cells[0].model.backend = 'webgpu'),
      'cells[0].model.backend must be one of "webgl", "wasm", "cpu", found "webgpu".'],
    ['impossible date', (nb) => (nb.createdAt = '2026-02-30T10:00:00Z'),
      'createdAt must be an ISO 8601 time such as "2026-01-31T09:30:00.000Z", ' +
      'found "2026-02-30T10:00:00Z".'],
    ['scores not an array', (nb) => (nb.cells[0].scores = {}),
      'cells[0].scores must be an array, found an object.'],
    ['unknown cell type', (nb) => (nb.cells[0].type = 'chart'),
      'cells[0].type must be one of "markdown", "diff", "explanation", "comparison", ' +
      '"evaluation", found "chart". A newer PerfLens may have written this cell type.'],
    ['comparison diff not text', (nb) => (nb.cells[3].diff = 42),
      'cells[3].diff must be a string, found 42.'],
    ['missing collapsed flag', (nb) => delete nb.cells[1].collapsed,
      'cells[1].collapsed must be true or false, found nothing (the field is missing).'],
    ['explanation without bundle hash', (nb) => (nb.cells[2].result.model.bundleHash = ''),
      'cells[2].result.model.bundleHash must be a sha256 digest (64 lowercase hex digits), ' +
      'found "".'],
    ['attribution column of zero', (nb) => (nb.cells[2].attributions[0].startColumn = 0),
      'cells[2].attributions[0].startColumn must be null or an integer >= 1, found 0.'],
    ['counterfactual flag as text', (nb) => (nb.cells[2].counterfactuals[0].flaggedAfter = 'no'),
      'cells[2].counterfactuals[0].flaggedAfter must be true or false, found "no".'],
    ['evaluation label of two', (nb) => (nb.cells[4].labels[1] = 2),
      'cells[4].labels[1] must be an integer in [0, 1], found 2.'],
    ['evaluation scores too short', (nb) => nb.cells[4].scores.pop(),
      'cells[4].scores has 5 entries but cells[4].dataset.rows is 6; ' +
      'recompute the evaluation from its dataset file.'],
    ['evaluation positives mismatch', (nb) => (nb.cells[4].dataset.positives = 3),
      'cells[4].dataset.positives is 3 but cells[4].labels has 2 positives; ' +
      'recompute the evaluation from its dataset file.'],
    ['misspelled field', (nb) => (nb.cells[0].scores[0].propability = 0.3),
      'cells[0].scores[0].propability is not a notebook field; remove it or fix its spelling ' +
      '(fields here: at, probability, threshold, diffHash).'],
    ['fractional version', (nb) => (nb.version = 1.5),
      'version must be an integer >= 1, found 1.5.'],
    ['duplicate cell id', (nb) => nb.cells.push({ ...nb.cells[0] }),
      'cells[5].id "cell-1" is already the id of cells[0]; give each cell a unique id.'],
  ];

  for (const [name, edit, message] of schemaCases) {
    it(`rejects ${name}`, () => {
      const error = parseError(editedText(edit));
      expect(error).toBeInstanceOf(InvalidNotebookError);
      expect(error.message).toBe(`Invalid notebook: ${message}`);
    });
  }

  it('lists every schema issue in order', () => {
    const error = parseError(
      editedText((nb) => {
        nb.title = 7;
        nb.cells[0].scores[0].threshold = -1;
      }),
    ) as InvalidNotebookError;
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'title',
      'cells[0].scores[0].threshold',
    ]);
    expect(error.message).toContain('(1 more issue)');
  });

  it('locates a truncated file by line and column', () => {
    const full = JSON.stringify(sampleNotebook(), null, 2);
    const truncated = full.slice(0, full.indexOf('"model"'));
    const lines = truncated.split('\n');
    const error = parseError(truncated) as InvalidNotebookError;

    expect(error.reason).toBe('syntax');
    expect(error.position).toEqual({ line: lines.length, column: lines.at(-1)!.length + 1 });
    expect(error.message).toContain('may be truncated');
  });

  it('locates a missing comma by line and column', () => {
    const text = '{\n  "format": "perflens-notebook"\n  "version": 2\n}';
    const error = parseError(text) as InvalidNotebookError;
    expect(error.position).toEqual({ line: 3, column: 3 });
    expect(error.message).toBe(
      "Invalid notebook: invalid JSON at line 3, column 3: unexpected character \"\\\"\", " +
        "expected ',' or '}'. Fix the JSON at that position.",
    );
  });

  it('rejects JSON that is not a notebook', () => {
    const error = parseError('{"name": "perflens", "version": "0.1.0"}') as InvalidNotebookError;
    expect(error.reason).toBe('not-a-notebook');
    expect(error.message).toContain('format must be "perflens-notebook", found nothing');
  });

  it('rejects a top-level JSON array', () => {
    const error = parseError('[1, 2]') as InvalidNotebookError;
    expect(error.reason).toBe('not-a-notebook');
    expect(error.message).toContain('the file contains a JSON array');
  });

  it('raises a version error for newer files', () => {
    const text = editedText((nb) => {
      nb.version = 3;
      nb.cells.push({ id: 'plot', type: 'flame-graph', samples: [] });
    });
    const error = parseError(text) as NewerNotebookVersionError;

    expect(error).toBeInstanceOf(NewerNotebookVersionError);
    expect(error.version).toBe(3);
    expect(error.supportedVersion).toBe(2);
    expect((error.data as { title: string }).title).toBe('Sorting inside the loop');
  });
});
