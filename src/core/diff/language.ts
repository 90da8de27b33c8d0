/**
 * Monaco language ids from file extensions, for syntax colouring of diff fragments.
 */

const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  ts: 'typescript',
  tsx: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  json: 'json',
  css: 'css',
  scss: 'scss',
  less: 'less',
  html: 'html',
  htm: 'html',
  // Monaco has no Vue language, and a single-file component reads best as HTML.
  vue: 'html',
  md: 'markdown',
  markdown: 'markdown',
  yml: 'yaml',
  yaml: 'yaml',
  xml: 'xml',
  svg: 'xml',
  py: 'python',
  sh: 'shell',
  bash: 'shell',
  java: 'java',
  c: 'c',
  h: 'cpp',
  cc: 'cpp',
  cpp: 'cpp',
  hpp: 'cpp',
  go: 'go',
  rs: 'rust',
};

/**
 * Returns the Monaco language id for a path from its extension (case-insensitive), or
 * `'plaintext'` for an unknown extension, a file without one, or a null path.
 */
export function languageForPath(path: string | null): string {
  if (path === null) return 'plaintext';

  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return 'plaintext';

  const extension = name.slice(dot + 1).toLowerCase();
  return LANGUAGE_BY_EXTENSION[extension] ?? 'plaintext';
}
