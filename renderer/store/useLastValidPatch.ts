import { useRef } from 'react';

import type { Patch } from '../../src/core/diff/types.ts';
import { useWorkbench } from './store.ts';

/**
 * Returns the last patch that parsed, so views built on it (file list, side-by-side) keep
 * showing it while the editor text has a parse error. An empty editor clears it.
 */
export function useLastValidPatch(): Patch | null {
  const parse = useWorkbench((state) => state.parse);
  const lastRef = useRef<Patch | null>(null);

  if (parse.status === 'ok') {
    lastRef.current = parse.patch;
  } else if (parse.status === 'empty') {
    lastRef.current = null;
  }
  return lastRef.current;
}
