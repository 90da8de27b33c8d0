import type * as Monaco from 'monaco-editor';

/** The part of a text that changed: offsets into the old text and the new text between them. */
export interface ChangedRange {
  start: number;
  /** End offset in the old text, exclusive. */
  end: number;
  text: string;
}

/**
 * Returns the smallest single replacement that turns `current` into `next`: everything between
 * their common prefix and common suffix. Returns null when the texts are equal.
 */
export function changedRange(current: string, next: string): ChangedRange | null {
  if (current === next) {
    return null;
  }

  const maxPrefix = Math.min(current.length, next.length);
  let prefix = 0;
  while (prefix < maxPrefix && current.charCodeAt(prefix) === next.charCodeAt(prefix)) {
    prefix += 1;
  }

  const maxSuffix = maxPrefix - prefix;
  let suffix = 0;
  while (
    suffix < maxSuffix &&
    current.charCodeAt(current.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)
  ) {
    suffix += 1;
  }

  return {
    start: prefix,
    end: current.length - suffix,
    text: next.slice(prefix, next.length - suffix),
  };
}

/**
 * Replaces a model's text with `text` through one edit of the changed range only. Unlike
 * `setValue`, this keeps Monaco from flushing and re-rendering the whole model on every
 * keystroke.
 */
export function replaceChangedRange(model: Monaco.editor.ITextModel, text: string): void {
  const change = changedRange(model.getValue(), text);
  if (change === null) {
    return;
  }

  const start = model.getPositionAt(change.start);
  const end = model.getPositionAt(change.end);
  model.applyEdits([
    {
      range: {
        startLineNumber: start.lineNumber,
        startColumn: start.column,
        endLineNumber: end.lineNumber,
        endColumn: end.column,
      },
      text: change.text,
    },
  ]);
}
