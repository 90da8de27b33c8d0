/** Renderer entry: sets up Monaco, renders the workbench, then connects to the host. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// Base styles first, so that each view's own stylesheet (imported by its view) can refine them.
import './styles.css';
import { App } from './App.tsx';
import { fixHunkHeaders } from './app/editActions.ts';
import { startWorkbench } from './app/modelActions.ts';
import { getHost } from './host/client.ts';
import { registerDiffActions } from './monaco/diffActions.ts';
import { setUpMonaco } from './monaco/setup.ts';
import { useWorkbench } from './store/store.ts';

const monaco = setUpMonaco();
registerDiffActions(monaco, fixHunkHeaders);

const container = document.getElementById('root');
if (container === null) {
  throw new Error('index.html has no element with id "root" to render the workbench into.');
}
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Read-only handle for DevTools and end-to-end tests: `perflensDebug.state().diffText` is the
// editor text exactly as the store keeps it.
Object.assign(globalThis, { perflensDebug: { state: () => useWorkbench.getState() } });

void startWorkbench(getHost());
