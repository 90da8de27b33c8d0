/** Pure operations on a notebook's cell list; each returns a new list and leaves its input as is. */
import type { Cell } from '../../src/core/notebook/types.ts';

/** Inserts `cell` at `index` (clamped to the list), or at the end when index is omitted. */
export function insertCell(cells: readonly Cell[], cell: Cell, index = cells.length): Cell[] {
  const at = Math.max(0, Math.min(cells.length, index));
  return [...cells.slice(0, at), cell, ...cells.slice(at)];
}

export function deleteCell(cells: readonly Cell[], id: string): Cell[] {
  return cells.filter((cell) => cell.id !== id);
}

/** Moves a cell by `offset` places (negative is up); a move past either end is a no-op. */
export function moveCell(cells: readonly Cell[], id: string, offset: number): Cell[] {
  const from = cells.findIndex((cell) => cell.id === id);
  const to = from + offset;
  if (from < 0 || to < 0 || to >= cells.length) return [...cells];

  const next = [...cells];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}

/** Replaces the fields of one cell; the type and id never change. */
export function updateCell<T extends Cell>(
  cells: readonly Cell[],
  id: string,
  update: (cell: T) => T,
): Cell[] {
  return cells.map((cell) => (cell.id === id ? { ...update(cell as T), id, type: cell.type } : cell)) as Cell[];
}

export function toggleCollapsed(cells: readonly Cell[], id: string): Cell[] {
  return updateCell(cells, id, (cell) => ({ ...cell, collapsed: !cell.collapsed }));
}

/** Returns the id of the cell next to `id` after it is deleted: the one below, else above. */
export function neighbourAfterDelete(cells: readonly Cell[], id: string): string | null {
  const index = cells.findIndex((cell) => cell.id === id);
  if (index < 0) return null;
  return cells[index + 1]?.id ?? cells[index - 1]?.id ?? null;
}
