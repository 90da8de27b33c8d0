/**
 * Read-only handle for DevTools, end-to-end tests and benchmarks, beside `perflensDebug`:
 * the explanation and comparison state, the inference worker's tfjs memory, and a way to be
 * called on every workbench or explanation store change (to time edits without polling).
 */
import { useComparison } from '../compare/comparisonStore.ts';
import { getServices } from '../app/context.ts';
import { useWorkbench, type WorkbenchState } from '../store/store.ts';
import { useExplain, type ExplainState } from './explainStore.ts';

export function installExplainDebug(): void {
  Object.assign(globalThis, {
    perflensExplainDebug: {
      state: () => useExplain.getState(),
      comparison: () => useComparison.getState(),
      workerMemory: () => getServices().inference.workerMemory(),
      subscribeWorkbench: (listener: (state: WorkbenchState) => void) =>
        useWorkbench.subscribe(listener),
      subscribeExplain: (listener: (state: ExplainState) => void) => useExplain.subscribe(listener),
    },
  });
}
