import { describe, expect, it } from 'vitest';

import { exportNotebookHtml } from '../../../../src/core/notebook/index.ts';
import { sampleNotebook } from '../sampleNotebook.ts';
import { hostileNotebook } from './hostileNotebook.ts';

describe('exportNotebookHtml', () => {
  it('escapes markup from user text', async () => {
    const html = await exportNotebookHtml(hostileNotebook());
    expect(html).not.toContain('<script>window.__pwned');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;');
  });

  it('has exactly two script elements', async () => {
    const html = await exportNotebookHtml(hostileNotebook());
    expect(html.match(/<script[\s>]/g)).toHaveLength(2);
  });

  it('sets a strict content security policy', async () => {
    const html = await exportNotebookHtml(sampleNotebook());
    const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(policy).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; /);
    expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
  });

  it('references no external URL', async () => {
    const html = await exportNotebookHtml(sampleNotebook());
    const urls = html.match(/(?:src|href)="[^"]*"/g) ?? [];
    expect(urls).toEqual([]);
    expect(html).not.toMatch(/url\(/);
  });

  it('renders one section per cell', async () => {
    const notebook = sampleNotebook();
    const html = await exportNotebookHtml(notebook);
    expect(html.match(/<section class="pl-cell /g)).toHaveLength(notebook.cells.length);
  });

  it('draws both curves of an evaluation', async () => {
    const html = await exportNotebookHtml(sampleNotebook());
    expect(html).toContain('pl-chart-pr');
    expect(html).toContain('pl-chart-roc');
  });

  it('marks results that did not reproduce', async () => {
    const html = await exportNotebookHtml(sampleNotebook(), {
      findings: [
        {
          cellId: 'models',
          path: 'cells[3].results[1]',
          modelId: 'size-baseline',
          status: 'changed',
          storedProbability: 0.12,
          currentProbability: 0.3,
          message: 'cells[3].results[1]: size-baseline now scores 0.3000.',
        },
      ],
    });
    expect(html).toContain('not reproduced');
    expect(html).toContain('cells[3].results[1]: size-baseline now scores 0.3000.');
  });

  it('keeps collapsed cells closed', async () => {
    const html = await exportNotebookHtml(sampleNotebook());
    expect(html).toContain('id="cell-why" data-cell-index="2"><details><summary>');
  });
});
