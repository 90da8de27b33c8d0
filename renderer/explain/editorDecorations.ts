/**
 * Draws the explanation views onto the diff editor: attribution colours, and the outline of the
 * ranked line or the counterfactual edits under the pointer. Decorations follow Monaco's own
 * tracking while the text changes, and are replaced only by results for the current text.
 */
import type * as Monaco from 'monaco-editor';

import { watchDiffEditor } from '../monaco/editorRegistry.ts';
import { monaco } from '../monaco/setup.ts';
import { useWorkbench } from '../store/store.ts';
import { attributionStyleSheet } from './colorScale.ts';
import {
  attributionDecorations,
  editHighlights,
  lineHighlight,
  type DecorationSpec,
} from './decorationModel.ts';
import { useExplain } from './explainStore.ts';

/**
 * A running attribution job is drawn only after it has run this long, in ms. Faster jobs are
 * drawn once, when done, so the colours do not flicker on every pause in typing.
 */
const PROGRESSIVE_AFTER_MS = 400;

/** Colour of highlighted edits and lines in the overview ruler; matches --warning. */
const HIGHLIGHT_RULER_COLOR = '#e5b454';

function toMonaco(spec: DecorationSpec): Monaco.editor.IModelDeltaDecoration {
  const hoverMessage = spec.hover === null ? undefined : { value: spec.hover };
  const highlight = spec.className.startsWith('pl-explain-');
  const overviewRuler = highlight
    ? { color: HIGHLIGHT_RULER_COLOR, position: monaco.editor.OverviewRulerLane.Full }
    : undefined;

  if (spec.startColumn === null || spec.endColumn === null) {
    return {
      range: new monaco.Range(spec.line, 1, spec.endLine, 1),
      options: { isWholeLine: true, className: spec.className, hoverMessage, overviewRuler },
    };
  }
  return {
    range: new monaco.Range(spec.line, spec.startColumn, spec.endLine, spec.endColumn),
    options: { inlineClassName: spec.className, hoverMessage, overviewRuler },
  };
}

function injectStyleSheet(): void {
  if (document.querySelector('style[data-perflens="attributions"]') !== null) return;
  const style = document.createElement('style');
  style.dataset.perflens = 'attributions';
  style.textContent = attributionStyleSheet();
  document.head.appendChild(style);
}

class EditorDecorations {
  private attributions: Monaco.editor.IEditorDecorationsCollection | null = null;
  private highlights: Monaco.editor.IEditorDecorationsCollection | null = null;
  private attributionSignature = '';
  private highlightSignature = '';

  attach(editor: Monaco.editor.IStandaloneCodeEditor | null): void {
    this.attributions = editor?.createDecorationsCollection() ?? null;
    this.highlights = editor?.createDecorationsCollection() ?? null;
    this.attributionSignature = '';
    this.highlightSignature = '';
    this.redraw();
  }

  redraw(): void {
    this.drawAttributions();
    this.drawHighlights();
  }

  private drawAttributions(): void {
    const collection = this.attributions;
    if (collection === null) return;

    const { attributions, settings } = useExplain.getState();
    if (settings.display === 'off' || attributions.status === 'error') {
      this.attributionSignature = 'off';
      collection.clear();
      return;
    }

    const fresh = attributions.diff === useWorkbench.getState().diffText;
    const ready = attributions.status === 'done'
      || (attributions.status === 'running' && attributions.elapsedMs >= PROGRESSIVE_AFTER_MS);
    if (!fresh || !ready) return;

    const signature = [
      attributions.jobId,
      attributions.items.length,
      attributions.status,
      settings.display,
    ].join(':');
    if (signature === this.attributionSignature) return;
    this.attributionSignature = signature;
    collection.set(attributionDecorations(attributions.items, settings.display).map(toMonaco));
  }

  private drawHighlights(): void {
    const collection = this.highlights;
    if (collection === null) return;

    const specs = currentHighlights();
    const signature = JSON.stringify(specs);
    if (signature === this.highlightSignature) return;
    this.highlightSignature = signature;
    collection.set(specs.map(toMonaco));
  }
}

/** Returns the outline for the current highlight, when it refers to the current text. */
function currentHighlights(): DecorationSpec[] {
  const { highlight, attributions, search } = useExplain.getState();
  const { parse, diffText } = useWorkbench.getState();
  if (highlight === null || parse.status !== 'ok') return [];

  if (highlight.kind === 'line') {
    if (attributions.diff !== diffText) return [];
    return lineHighlight(parse.patch, highlight.patchLine, highlight.level);
  }
  const counterfactual = search.counterfactuals[highlight.index];
  if (counterfactual === undefined || search.diff !== diffText) return [];
  return editHighlights(parse.patch, counterfactual.edits);
}

let installed = false;

/** Starts drawing explanations onto whichever diff editor is registered; runs once. */
export function installEditorDecorations(): void {
  if (installed) return;
  installed = true;
  injectStyleSheet();

  const decorations = new EditorDecorations();
  watchDiffEditor((editor) => decorations.attach(editor));
  useExplain.subscribe(() => decorations.redraw());
  useWorkbench.subscribe((state, previous) => {
    if (state.diffText !== previous.diffText) decorations.redraw();
  });
}
