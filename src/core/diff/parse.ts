/**
 * Parser for unified diffs as `git diff`, `git format-patch` and `diff -u` write them.
 */
import { DiffParseError } from './errors.ts';
import { finishFile, isFileStart, isTrailerStart, readFileHeader } from './fileHeader.ts';
import { readHunk } from './hunkBody.ts';
import {
  createContext,
  errorAt,
  isHunkHeaderLike,
  joinRaw,
  type ParseContext,
} from './lines.ts';
import type { FileDiff, Hunk, Patch } from './types.ts';

export interface ParseOptions {
  /**
   * Accept a diff that is being edited: a hunk ends at the next hunk header, file header or end
   * of text instead of where its header counts declare, count mismatches are allowed, and an empty
   * line inside a hunk is read as empty context. Malformed headers and lines without a prefix
   * still raise. Default false.
   */
  lenient?: boolean;
}

const NO_FILE_EXPECTED =
  "a 'diff --git a/<path> b/<path>' line, or a '--- <path>' line followed by '+++ <path>'";

/**
 * Parses a unified diff into files, hunks and lines that keep their raw text, so
 * `serializePatch(parsePatch(text)) === text` holds for every input that parses.
 *
 * Text before the first file (a format-patch mail header and commit message) becomes the
 * preamble. Text after the last hunk that starts with the `-- ` signature, or only empty lines,
 * becomes the trailer. Columns in errors count UTF-16 code units, as editors do.
 *
 * @throws DiffParseError naming the 1-based line and column and what was expected there.
 */
export function parsePatch(text: string, options: ParseOptions = {}): Patch {
  const ctx = createContext(text, options.lenient ?? false);
  const count = ctx.texts.length;
  const first = findFirstFile(ctx);

  const files: FileDiff[] = [];
  let trailerStart = count;
  let i = first;
  while (i < count) {
    const { header, next } = readFileHeader(ctx, i);
    i = next;

    const hunks: Hunk[] = [];
    while (i < count && isHunkHeaderLike(ctx.texts[i]!)) {
      const read = readHunk(ctx, i, !header.git);
      hunks.push(read.hunk);
      i = read.next;
    }
    files.push(finishFile(header, hunks));

    if (i >= count || isFileStart(ctx, i)) continue;
    if (isTrailerStart(ctx, i)) {
      trailerStart = i;
      break;
    }
    throw unexpectedLine(ctx, i, files[files.length - 1]!);
  }

  return {
    preamble: joinRaw(ctx, 0, first),
    files,
    trailer: joinRaw(ctx, trailerStart, count),
  };
}

/** Index of the first file header; raises when there is none. */
function findFirstFile(ctx: ParseContext): number {
  let firstHunkHeader = -1;
  for (let i = 0; i < ctx.texts.length; i++) {
    if (isFileStart(ctx, i)) return i;
    if (firstHunkHeader === -1 && ctx.texts[i]!.startsWith('@@ ')) firstHunkHeader = i;
  }

  if (firstHunkHeader !== -1) {
    throw errorAt(ctx, firstHunkHeader, 1, 'hunk header before any file header',
      `${NO_FILE_EXPECTED} before the first hunk`);
  }
  return fail(new DiffParseError('no file in the diff', 1, 1, NO_FILE_EXPECTED));
}

function fail(error: DiffParseError): never {
  throw error;
}

/** Error for a line after a complete hunk (strict mode) that starts nothing known. */
function unexpectedLine(ctx: ParseContext, i: number, file: FileDiff): DiffParseError {
  const path = file.newPath ?? file.oldPath ?? `the file at line ${file.patchLine}`;
  return errorAt(ctx, i, 1, `unexpected line after the last hunk of ${path}`,
    "a hunk header '@@ -<start>,<count> +<start>,<count> @@', a 'diff --git' line, " +
      "the '-- ' signature or the end of the patch");
}

export { findHunkCountMismatches, recountHunks } from './counts.ts';
