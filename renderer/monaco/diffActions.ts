/**
 * Editor commands for the diff language: the "Fix hunk headers" quick fix offered on hunk count
 * warnings, and the marker owner name shared with the diff editor view.
 */
import type * as Monaco from 'monaco-editor';

import { DIFF_LANGUAGE_ID } from './diffLanguage.ts';

/** Owner of the parse markers that the diff editor view sets. */
export const DIFF_MARKER_OWNER = 'perflens-diff';

/** Source shown on those markers; code actions receive markers without their owner. */
export const DIFF_MARKER_SOURCE = 'PerfLens diff parser';

export const FIX_HUNK_HEADERS_COMMAND = 'perflens.fixHunkHeaders';

/** Marker code of hunk count warnings, which the quick fix applies to. */
export const HUNK_COUNT_MARKER_CODE = 'hunk-count';

let registered = false;

/** Registers the command and its quick fix once per page. */
export function registerDiffActions(monaco: typeof Monaco, fixHunkHeaders: () => void): void {
  if (registered) {
    return;
  }

  monaco.editor.registerCommand(FIX_HUNK_HEADERS_COMMAND, () => fixHunkHeaders());
  monaco.languages.registerCodeActionProvider(DIFF_LANGUAGE_ID, {
    provideCodeActions: (_model, _range, context) => {
      const warnings = context.markers.filter(
        (marker) => marker.source === DIFF_MARKER_SOURCE && marker.code === HUNK_COUNT_MARKER_CODE,
      );
      if (warnings.length === 0) {
        return { actions: [], dispose: () => {} };
      }
      const action: Monaco.languages.CodeAction = {
        title: 'Fix hunk headers (recount every hunk)',
        kind: 'quickfix',
        diagnostics: warnings,
        isPreferred: true,
        command: { id: FIX_HUNK_HEADERS_COMMAND, title: 'Fix hunk headers' },
      };
      return { actions: [action], dispose: () => {} };
    },
  });
  registered = true;
}
