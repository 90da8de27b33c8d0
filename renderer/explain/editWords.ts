/**
 * Counterfactual edits in words, such as "delete added line 12 `const x = JSON.parse(raw)`".
 * Line numbers are lines of the diff text, as the editor's gutter shows them.
 */
import type { Edit } from '../../src/core/explain/types.ts';

/** A piece of an edit's description: plain words, or code shown in monospace. */
export interface PhrasePart {
  text: string;
  code: boolean;
}

/** Maximum length of a code excerpt in a description, in characters. Longer code is cut. */
export const MAX_CODE_LENGTH = 48;

/** Trims code and cuts it to MAX_CODE_LENGTH characters, ending with `…` when cut. */
export function shortenCode(code: string): string {
  const trimmed = code.trim();
  if (trimmed.length <= MAX_CODE_LENGTH) return trimmed;
  return `${trimmed.slice(0, MAX_CODE_LENGTH - 1).trimEnd()}…`;
}

function words(text: string): PhrasePart {
  return { text, code: false };
}

/** Code part; a blank line or token is named in words, because empty backticks read as a typo. */
function code(text: string): PhrasePart {
  const shortened = shortenCode(text);
  return shortened === '' ? words('(blank)') : { text: shortened, code: true };
}

/** Returns the description of one edit as words and code parts. */
export function editPhrase(edit: Edit): PhrasePart[] {
  const line = edit.position.patchLine;
  switch (edit.kind) {
    case 'delete-token':
      return [words('delete'), code(edit.before), words(`on line ${line}`)];
    case 'replace-token':
      return [
        words('replace'),
        code(edit.before),
        words('with'),
        code(edit.after),
        words(`on line ${line}`),
      ];
    case 'delete-line':
      return [words(`delete added line ${line}`), code(edit.before)];
    case 'restore-line':
      return [words(`restore removed line ${line}`), code(edit.before)];
    case 'drop-hunk':
      return [words(`drop the hunk at line ${line}`), code(edit.before)];
  }
}

/** Returns the description of one edit as one line of text, code in backticks. */
export function describeEdit(edit: Edit): string {
  return editPhrase(edit)
    .map((part) => (part.code ? `\`${part.text}\`` : part.text))
    .join(' ');
}

/** Returns the descriptions of a counterfactual's edits joined with `; `. */
export function describeEdits(edits: readonly Edit[]): string {
  return edits.map(describeEdit).join('; ');
}
