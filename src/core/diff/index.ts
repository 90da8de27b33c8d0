/**
 * Public API of the diff core: parse, serialize, validate, edit and view unified diffs.
 */
export type { DiffLine, FileDiff, FileStatus, Hunk, LineKind, Patch } from './types.ts';
export { DiffEditError, DiffParseError } from './errors.ts';
export { parsePatch, type ParseOptions } from './parse.ts';
export { findHunkCountMismatches, recountHunks } from './counts.ts';
export { serializePatch } from './serialize.ts';
export { fileSides, type FileSides } from './text.ts';
export { languageForPath } from './language.ts';
export { deleteAddedLine, dropHunk, replaceInAddedLine, restoreRemovedLine } from './edit.ts';
export { patchStats, type PatchStats } from './stats.ts';
