/**
 * Workbench layout. The toolbar is on top and the status bar at the bottom. Between them sit
 * three columns: the file list, the diff editor over a tabbed panel, and the score and model
 * panels. An attribution bar tops the editor, and the tabbed panel contains the side-by-side view,
 * attributions, counterfactuals and the model comparison.
 */
import { useHostShell } from './app/useHostShell.ts';
import { DiffEditorView } from './diff-editor/DiffEditorView.tsx';
import { Dialogs } from './dialogs/Dialogs.tsx';
import { AttributionBar } from './explain/AttributionBar.tsx';
import { BottomPanel } from './explain/BottomPanel.tsx';
import { FileList } from './file-list/FileList.tsx';
import { ModelPicker } from './model-picker/ModelPicker.tsx';
import { ScorePanel } from './score-panel/ScorePanel.tsx';
import { StatusBar } from './status-bar/StatusBar.tsx';
import { NotebookView } from './notebook/NotebookView.tsx';
import { ViewTabs } from './notebook/ViewTabs.tsx';
import { useNotebookDocument } from './notebook/documentStore.ts';
import { Toolbar } from './toolbar/Toolbar.tsx';
import { useShortcuts } from './toolbar/useShortcuts.ts';

export function App() {
  useShortcuts();
  useHostShell();
  const notebookShown = useNotebookDocument((state) => state.view === 'notebook');

  return (
    <div className="pl-app">
      <Toolbar />
      {/* The notebook view lies over the workbench, which stays mounted with its editor. */}
      <div className="pl-view-area">
        <ViewTabs />
        <main className="pl-main">
          <aside className="pl-left">
            <FileList />
          </aside>
          <section className="pl-center">
            <div className="pl-panel pl-editor-panel">
              <AttributionBar />
              <DiffEditorView />
            </div>
            <BottomPanel />
          </section>
          <aside className="pl-right">
            <ScorePanel />
            <ModelPicker />
          </aside>
        </main>
        {notebookShown && <NotebookView />}
      </div>
      <StatusBar />
      <Dialogs />
    </div>
  );
}
