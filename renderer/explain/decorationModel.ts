/**
 * Editor decorations of the explanation views as plain data: attribution colours on tokens or
 * lines, and the outline of what the pointer is over in the ranking or the counterfactual list.
 * Pure, so the mapping from results to editor ranges can be tested without Monaco.
 */
import type { Patch } from '../../src/core/diff/types.ts';
import type { Edit } from '../../src/core/explain/types.ts';
import type { AttributionItem } from '../workers/explainProtocol.ts';
import { binClassName, binOf, scaleMax } from './colorScale.ts';
import { describeEdit } from './editWords.ts';
import type { AttributionDisplay } from './explainStore.ts';

/** One decoration: a token range, or whole lines from `line` to `endLine`. */
export interface DecorationSpec {
  line: number;
  endLine: number;
  /** Monaco columns of a token (1-based, end exclusive); null for whole lines. */
  startColumn: number | null;
  endColumn: number | null;
  className: string;
  /** Markdown shown when the pointer rests on the decoration; null for none. */
  hover: string | null;
}

function signed(value: number, digits: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
}

/** Hover text of an attribution, such as `+0.412 logit (+0.031 probability) when kept`. */
export function attributionHover(item: AttributionItem): string {
  const probability =
    item.probability === null ? '' : ` (${signed(item.probability, 4)} probability)`;
  const direction = item.logit >= 0 ? 'pushes the score up' : 'pushes the score down';
  return `**${item.level} attribution** ${signed(item.logit, 3)} logit${probability}: ${direction}`;
}

/**
 * Returns the colour decorations of the attributions at the displayed level. Neutral items
 * (below the scale's neutral share) get none. Token decorations need token columns; items
 * without them are skipped.
 */
export function attributionDecorations(
  items: readonly AttributionItem[],
  display: AttributionDisplay,
): DecorationSpec[] {
  if (display === 'off') return [];

  const ofLevel = items.filter((item) => item.level === display);
  const max = scaleMax(ofLevel.map((item) => item.logit));
  const specs: DecorationSpec[] = [];
  for (const item of ofLevel) {
    const className = binClassName(display, binOf(item.logit, max));
    if (className === null) continue;

    const { patchLine, startColumn, endColumn } = item.position;
    if (display === 'token' && (startColumn === null || endColumn === null)) continue;
    specs.push({
      line: patchLine,
      endLine: patchLine,
      startColumn: display === 'token' ? startColumn : null,
      endColumn: display === 'token' ? endColumn : null,
      className,
      hover: attributionHover(item),
    });
  }
  return specs;
}

/** Returns the first and last diff text line of the hunk whose header is at `headerLine`. */
export function hunkLineRange(patch: Patch, headerLine: number): [number, number] | null {
  for (const file of patch.files) {
    for (const hunk of file.hunks) {
      if (hunk.patchLine !== headerLine) continue;
      const last = hunk.lines[hunk.lines.length - 1]?.patchLine ?? headerLine;
      return [headerLine, last];
    }
  }
  return null;
}

/** Returns the outline of one ranked line, or of a whole hunk from its header line. */
export function lineHighlight(
  patch: Patch,
  patchLine: number,
  level: 'line' | 'hunk',
): DecorationSpec[] {
  const range = level === 'hunk' ? hunkLineRange(patch, patchLine) : null;
  const [line, endLine] = range ?? [patchLine, patchLine];
  const className = 'pl-explain-hover';
  return [{ line, endLine, startColumn: null, endColumn: null, className, hover: null }];
}

/** Returns the outlines of a counterfactual's edits: its tokens, lines and hunks. */
export function editHighlights(patch: Patch, edits: readonly Edit[]): DecorationSpec[] {
  return edits.map((edit): DecorationSpec => {
    const { patchLine, startColumn, endColumn } = edit.position;
    const hover = describeEdit(edit);
    if (edit.kind === 'delete-token' || edit.kind === 'replace-token') {
      return {
        line: patchLine,
        endLine: patchLine,
        startColumn,
        endColumn,
        className: 'pl-explain-edit-token',
        hover,
      };
    }

    const range = edit.kind === 'drop-hunk' ? hunkLineRange(patch, patchLine) : null;
    const [line, endLine] = range ?? [patchLine, patchLine];
    const className = 'pl-explain-edit-line';
    return { line, endLine, startColumn: null, endColumn: null, className, hover };
  });
}
