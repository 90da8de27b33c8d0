/**
 * Ready-made edit-site predicates. `callSitesAndImports` restricts the search to the code that
 * performance usually hinges on: the names of called functions and the lines that import
 * modules. It reads JavaScript/TypeScript syntax with regular expressions, without a parser.
 */
import { lexLine } from '../tokenize/lexer.ts';
import type { Edit, EditSitePredicate } from './types.ts';

/** `import x from 'y'`, `import 'y'`, `export ... from 'y'`, `require('y')`, `import('y')`. */
const IMPORT_LINE =
  /^\s*import[\s{*'"]|^\s*export\s.*\sfrom\s*['"]|\brequire\s*\(|\bimport\s*\(/u;

/** Keywords that a `(` follows without making a call. */
const NON_CALL_KEYWORDS = new Set([
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'function',
  'return',
  'typeof',
  'in',
  'of',
  'do',
  'else',
  'case',
  'await',
  'yield',
  'void',
  'delete',
  'new',
]);

/** Returns true when the line imports a module. */
export function isImportLine(lineText: string): boolean {
  return IMPORT_LINE.test(lineText);
}

/**
 * Returns the [start, end) spans of called names in a line. A called name is a word followed by
 * `(`, with spaces or one generic `<...>` allowed in between: `fetch` in `await fetch(url)`,
 * `map` in `items.map(f)`. Keywords such as `if (` and `function (` are not calls.
 */
export function callNameSpans(lineText: string): { start: number; end: number }[] {
  const lexemes = lexLine(lineText).filter((lexeme) => lexeme.kind !== 'space');
  const spans: { start: number; end: number }[] = [];

  lexemes.forEach((lexeme, i) => {
    if (lexeme.kind !== 'word' || NON_CALL_KEYWORDS.has(lexeme.text)) return;

    let next = i + 1;
    if (lexemes[next]?.text === '<') {
      // Skip one generic argument list, as in `useState<number>(0)`.
      let depth = 0;
      for (; next < lexemes.length; next++) {
        if (lexemes[next]!.text === '<') depth++;
        if (lexemes[next]!.text === '>') depth--;
        if (depth === 0) break;
      }
      next++;
    }
    if (lexemes[next]?.text === '(') spans.push({ start: lexeme.start, end: lexeme.end });
  });

  return spans;
}

function isCallOrImportEdit(site: Edit, lineText: string): boolean {
  const { start, end } = site.position;
  if (isImportLine(lineText)) return true;

  const calls = callNameSpans(lineText);
  if (start === null || end === null) return calls.length > 0;
  return calls.some((call) => start >= call.start && end <= call.end);
}

/**
 * Keeps token edits inside a called name or on an import line, and line edits of lines with a
 * call or an import. Rejects hunk drops, because a whole hunk is not a call site.
 */
export const callSitesAndImports: EditSitePredicate = (site, lineText) => {
  if (site.kind === 'drop-hunk') return false;
  return isCallOrImportEdit(site, lineText);
};
