/**
 * Monaco set-up shared by every editor in the page: web workers, the unified diff language, the
 * dark theme, and language defaults for the side-by-side fragments.
 */
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import CssWorker from 'monaco-editor/language/css/css.worker?worker';
import HtmlWorker from 'monaco-editor/language/html/html.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';

import { registerDiffLanguage } from './diffLanguage.ts';
import { defineWorkbenchTheme, WORKBENCH_THEME } from './theme.ts';

/**
 * Returns the worker for a Monaco label. Vite's `?worker` imports give real worker files;
 * Monaco's own loading breaks under Vite (the editor worker becomes an inlined data URL and the
 * diff editor never computes a diff).
 */
function createMonacoWorker(_workerId: string, label: string): Worker {
  switch (label) {
    case 'json':
      return new JsonWorker();
    case 'css':
    case 'scss':
    case 'less':
      return new CssWorker();
    case 'html':
    case 'handlebars':
    case 'razor':
      return new HtmlWorker();
    case 'typescript':
    case 'javascript':
      return new TsWorker();
    default:
      return new EditorWorker();
  }
}

/**
 * Turns off validation in the language services. The side-by-side view shows fragments of files
 * (hunks with gaps between them), which never type-check, so validation would only show false
 * errors.
 */
function quietFragmentValidation(): void {
  const noValidation = {
    noSemanticValidation: true,
    noSyntaxValidation: true,
    noSuggestionDiagnostics: true,
  };
  // Diagnostics stay off entirely: even with validation off, the TypeScript worker's result
  // conversion created lib.d.ts models on the page thread (about 35 ms per keystroke on a
  // 2,000-line diff). Hovers and highlights remain.
  const fragmentFeatures = { hovers: true, documentHighlights: true, diagnostics: false };
  const { typescriptDefaults, javascriptDefaults } = monaco.typescript;
  for (const defaults of [typescriptDefaults, javascriptDefaults]) {
    defaults.setDiagnosticsOptions(noValidation);
    defaults.setModeConfiguration(fragmentFeatures);
  }
  monaco.json.jsonDefaults.setDiagnosticsOptions({ validate: false });
  monaco.css.cssDefaults.setOptions({ validate: false });
}

let initialized = false;

/** Sets up Monaco once; later calls do nothing. */
export function setUpMonaco(): typeof monaco {
  if (initialized) {
    return monaco;
  }

  self.MonacoEnvironment = { getWorker: createMonacoWorker };
  registerDiffLanguage(monaco);
  defineWorkbenchTheme(monaco);
  monaco.editor.setTheme(WORKBENCH_THEME);
  quietFragmentValidation();
  initialized = true;
  return monaco;
}

export { monaco };
