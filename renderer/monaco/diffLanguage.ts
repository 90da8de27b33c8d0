/**
 * Monarch tokenizer for unified diffs (`git diff`, `git format-patch`, `diff -u`). It colours
 * lines by their prefix; exact line kinds come from the parser and are drawn as decorations.
 */
import type * as Monaco from 'monaco-editor';

export const DIFF_LANGUAGE_ID = 'perflens-diff';

/**
 * Two states: `header` outside hunks, where `---`/`+++` are file names, and `hunk` after an
 * `@@` line, where `+`/`-` lines are changes. A `--- a/`, `--- b/` or `--- /dev/null` line in a
 * hunk is read as the next file's header, since Monarch cannot look ahead to the `+++` line.
 */
const diffTokenizer: Monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  tokenizer: {
    root: [{ include: '@header' }],
    header: [
      [/^diff --git .*$/, 'keyword.file'],
      [/^(---|\+\+\+) .*$/, 'string.path'],
      [/^(@@ [^@]* @@)(.*)$/, ['type.hunk', { token: 'comment.section', next: '@hunk' }]],
      [/^(index|similarity index|dissimilarity index) .*$/, 'comment.meta'],
      [/^(new|deleted) file mode .*$/, 'comment.meta'],
      [/^(old|new) mode .*$/, 'comment.meta'],
      [/^(rename|copy) (from|to) .*$/, 'comment.meta'],
      [/^Binary files .* differ$/, 'comment.meta'],
      [/^(From|Subject|Date): .*$/, 'comment.mail'],
      [/.+$/, ''],
    ],
    hunk: [
      [/^diff --git .*$/, { token: 'keyword.file', next: '@pop' }],
      [/^--- (a\/|b\/|\/dev\/null).*$/, { token: 'string.path', next: '@pop' }],
      [/^(@@ [^@]* @@)(.*)$/, ['type.hunk', 'comment.section']],
      [/^-- $/, { token: 'comment.signature', next: '@pop' }],
      [/^\+.*$/, 'markup.inserted'],
      [/^-.*$/, 'markup.deleted'],
      [/^\\.*$/, 'comment.marker'],
      [/.+$/, 'source.context'],
    ],
  },
};

export function registerDiffLanguage(monaco: typeof Monaco): void {
  monaco.languages.register({
    id: DIFF_LANGUAGE_ID,
    extensions: ['.diff', '.patch'],
    aliases: ['Unified diff', 'diff', 'patch'],
  });
  monaco.languages.setMonarchTokensProvider(DIFF_LANGUAGE_ID, diffTokenizer);
}
