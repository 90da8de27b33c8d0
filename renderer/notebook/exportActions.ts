/** Export of the open notebook as one offline HTML file or a Jupyter `.ipynb`, as a download. */
import { exportNotebookHtml } from '../../src/core/notebook/export/html.ts';
import { exportNotebookIpynb } from '../../src/core/notebook/export/ipynb.ts';
import { useWorkbench } from '../store/store.ts';
import { useNotebookDocument } from './documentStore.ts';
import { currentNotebook } from './documentSync.ts';

/** File name stem from the notebook title: letters, digits, `-` and `_`, else "notebook". */
export function exportFileStem(title: string): string {
  const stem = title.trim().replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return stem === '' ? 'notebook' : stem;
}

function download(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Exports to HTML, marking results that did not reproduce when the notebook opened. */
export async function exportHtml(): Promise<void> {
  const state = useWorkbench.getState();
  const notebook = currentNotebook(state.notebookTitle);
  const html = await exportNotebookHtml(notebook, {
    findings: useNotebookDocument.getState().findings,
    generator: 'PerfLens',
  });
  download(`${exportFileStem(notebook.title)}.html`, html, 'text/html');
  state.showStatus('info', `Exported ${notebook.cells.length} cells to HTML.`);
}

export function exportIpynb(): void {
  const state = useWorkbench.getState();
  const notebook = currentNotebook(state.notebookTitle);
  const text = exportNotebookIpynb(notebook, { findings: useNotebookDocument.getState().findings });
  download(`${exportFileStem(notebook.title)}.ipynb`, text, 'application/x-ipynb+json');
  state.showStatus('info', `Exported ${notebook.cells.length} cells to a Jupyter notebook.`);
}
