import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';

import { exportNotebookIpynb } from '../../../../src/core/notebook/index.ts';
import { PROJECT_ROOT } from '../../../../src/node/dataset.ts';
import { sampleNotebook } from '../sampleNotebook.ts';
import { hostileNotebook } from './hostileNotebook.ts';

const SCHEMA_PATH = join(PROJECT_ROOT, 'test', 'fixtures', 'nbformat', 'nbformat.v4.5.schema.json');

function validator() {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(schema);
}

interface IpynbCell {
  cell_type: string;
  id: string;
  source: string[];
  outputs?: Array<{ data: Record<string, string[]> }>;
}

describe('exportNotebookIpynb', () => {
  it('validates against the nbformat 4.5 schema', () => {
    const validate = validator();
    const valid = validate(JSON.parse(exportNotebookIpynb(sampleNotebook())));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('validates with hostile text and odd ids', () => {
    const notebook = hostileNotebook();
    notebook.cells[0]!.id = 'a cell/with\nspaces and a very long name that goes past sixty-four chars';
    const validate = validator();
    const valid = validate(JSON.parse(exportNotebookIpynb(notebook)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects a cell without an id', () => {
    const ipynb = JSON.parse(exportNotebookIpynb(sampleNotebook())) as { cells: object[] };
    delete (ipynb.cells[0] as { id?: string }).id;
    expect(validator()(ipynb)).toBe(false);
  });

  it('gives every cell a unique id', () => {
    const ipynb = JSON.parse(exportNotebookIpynb(sampleNotebook())) as { cells: IpynbCell[] };
    const ids = ipynb.cells.map((cell) => cell.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('exports charts as SVG outputs', () => {
    const ipynb = JSON.parse(exportNotebookIpynb(sampleNotebook())) as { cells: IpynbCell[] };
    const svgs = ipynb.cells
      .flatMap((cell) => cell.outputs ?? [])
      .map((output) => output.data['image/svg+xml']?.join('') ?? '');
    expect(svgs).toHaveLength(4);
    expect(svgs.every((svg) => svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'))).toBe(true);
  });

  it('keeps markdown cells as markdown', () => {
    const ipynb = JSON.parse(exportNotebookIpynb(sampleNotebook())) as { cells: IpynbCell[] };
    const note = ipynb.cells.find((cell) => cell.id === 'notes');
    expect(note?.cell_type).toBe('markdown');
    expect(note?.source.join('')).toContain('# Why it regresses');
  });

  it('fences a diff containing backticks', () => {
    const notebook = sampleNotebook();
    const cell = notebook.cells[0]!;
    if (cell.type !== 'diff') throw new Error('expected a diff cell');
    cell.diff = `${cell.diff}+const s = \`\`\`;\n`;
    const ipynb = JSON.parse(exportNotebookIpynb(notebook)) as { cells: IpynbCell[] };
    expect(ipynb.cells[1]!.source.join('')).toContain('````diff\n');
  });
});
