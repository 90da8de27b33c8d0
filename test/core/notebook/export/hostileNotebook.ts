import { createMarkdownCell, type Notebook } from '../../../../src/core/notebook/index.ts';
import { sampleNotebook } from '../sampleNotebook.ts';

export const SCRIPT_INJECTION = '</script><script>window.__pwned=1</script>';
export const IMG_INJECTION = '<img src=x onerror="window.__pwned=2">';

/** Builds a sample notebook whose user text carries markup in every field that is shown. */
export function hostileNotebook(): Notebook {
  const notebook = sampleNotebook();
  notebook.title = `Title ${SCRIPT_INJECTION}`;
  for (const cell of notebook.cells) {
    if ('diff' in cell) cell.diff = `${cell.diff}+${SCRIPT_INJECTION}\n+${IMG_INJECTION}\n`;
  }
  notebook.cells.push(createMarkdownCell(`# Note ${IMG_INJECTION}\n\n${SCRIPT_INJECTION}`, 'x'));
  return notebook;
}

