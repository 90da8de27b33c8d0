/**
 * Input of SuperPerforator: a diff cut into windows of at most `windowLength` subword tokens.
 *
 * Every window starts with its file (`[FILE]` and the path tokens) and its hunk (`[HUNK]` and
 * the function name of the hunk header), then whole lines: a marker token `[ADD]`, `[DEL]` or
 * `[CTX]` and the line's tokens. A hunk longer than one window continues in the next window,
 * which repeats the prefix, so each window is self-contained. Windows depend only on their own
 * hunk, so an edit changes only the windows of the hunk it touches, and nothing is truncated.
 */
import type { FileDiff, Hunk, LineKind, Patch } from '../diff/types.ts';
import { LINE_KIND_IDS } from '../model/layers/line-kind-embedding.ts';
import type { BpeTokenizer } from '../tokenize/subword/bpe-tokenizer.ts';
import type { DiffToken } from '../tokenize/diffTokens.ts';

/** Special tokens of the SuperPerforator vocabulary, in id order; [PAD] must be id 0. */
export const WINDOW_SPECIAL_TOKENS = [
  '[PAD]',
  '[UNK]',
  '[MASK]',
  '[FILE]',
  '[HUNK]',
  '[ADD]',
  '[DEL]',
  '[CTX]',
] as const;

export const WINDOW_PAD_ID = 0;

/** Settings of the window featurizer, stored in `manifest.features`. */
export interface DiffWindowSettings {
  tokenizerFile: string;
  /** Maximum tokens per window, prefix included. */
  windowLength: number;
  /** Maximum path tokens in a window prefix; longer paths keep their last tokens. */
  maxPathTokens: number;
  /** Maximum tokens of the hunk header's function name in a window prefix. */
  maxSectionTokens: number;
}

export interface DiffWindow {
  ids: number[];
  /** Line kind id of every token (LINE_KIND_IDS). */
  kinds: number[];
  /** Index of the file in `patch.files`. */
  file: number;
  /** Token of the diff behind every position, or null for special and header tokens. */
  tokens: (DiffToken | null)[];
  /** Content key (ids and kinds) under which a scorer caches the window's encoding. */
  key: string;
}

interface PendingToken {
  id: number;
  kind: number;
  token: DiffToken | null;
}

const MARKER_BY_KIND: Record<Exclude<LineKind, 'no-newline'>, string> = {
  added: '[ADD]',
  removed: '[DEL]',
  context: '[CTX]',
};

function windowKey(ids: readonly number[], kinds: readonly number[]): string {
  return `${ids.join(',')}|${kinds.join('')}`;
}

function textTokens(tokenizer: BpeTokenizer, text: string): PendingToken[] {
  const encoded = tokenizer.encodeLine(text);
  return encoded.ids.map((id) => ({ id, kind: LINE_KIND_IDS.header, token: null }));
}

/** Tokens of the file part of the prefix: [FILE] and the last maxPathTokens path tokens. */
function filePrefix(
  tokenizer: BpeTokenizer,
  file: FileDiff,
  maxPathTokens: number,
): PendingToken[] {
  const path = file.newPath ?? file.oldPath ?? '';
  const pathTokens = textTokens(tokenizer, path).slice(-maxPathTokens);
  const marker: PendingToken = {
    id: tokenizer.tokenId('[FILE]'),
    kind: LINE_KIND_IDS.header,
    token: null,
  };
  return [marker, ...pathTokens];
}

/** Tokens of the hunk part of the prefix: [HUNK] and the start of the function name. */
function hunkPrefix(
  tokenizer: BpeTokenizer,
  hunk: Hunk | null,
  maxSectionTokens: number,
): PendingToken[] {
  const section = hunk === null ? [] : textTokens(tokenizer, hunk.section);
  const marker: PendingToken = {
    id: tokenizer.tokenId('[HUNK]'),
    kind: LINE_KIND_IDS.header,
    token: null,
  };
  return [marker, ...section.slice(0, maxSectionTokens)];
}

/** Tokens of one hunk line: its marker and its subword tokens with spans into the line text. */
function lineTokens(
  tokenizer: BpeTokenizer,
  hunk: Hunk,
  position: { file: number; hunk: number; line: number },
  withTokens: boolean,
): PendingToken[] {
  const diffLine = hunk.lines[position.line]!;
  if (diffLine.kind === 'no-newline') return [];

  const kind = LINE_KIND_IDS[diffLine.kind];
  const markerId = tokenizer.tokenId(MARKER_BY_KIND[diffLine.kind]);
  const marker: PendingToken = { id: markerId, kind, token: null };
  const encoded = tokenizer.encodeLine(diffLine.text);
  if (!withTokens) return [marker, ...encoded.ids.map((id) => ({ id, kind, token: null }))];

  const tokens = encoded.ids.map((id, i) => ({
    id,
    kind,
    token: {
      text: diffLine.text.slice(encoded.starts[i], encoded.ends[i]),
      start: encoded.starts[i]!,
      end: encoded.ends[i]!,
      ...position,
      patchLine: diffLine.patchLine,
    },
  }));
  return [marker, ...tokens];
}

/**
 * Cuts a diff into self-contained windows; a file without hunks yields one prefix window.
 * With `withTokens` false every entry of `tokens` is null, which saves memory in training.
 */
export function diffWindows(
  patch: Patch,
  tokenizer: BpeTokenizer,
  settings: DiffWindowSettings,
  withTokens = true,
): DiffWindow[] {
  const longestPrefix = settings.maxPathTokens + settings.maxSectionTokens + 2;
  if (settings.windowLength <= longestPrefix) {
    throw new Error(
      `Window length ${settings.windowLength} leaves no room for lines after a prefix of up ` +
        `to ${longestPrefix} tokens; raise windowLength or lower maxPathTokens/maxSectionTokens.`,
    );
  }

  const windows: DiffWindow[] = [];
  const emit = (prefix: PendingToken[], body: PendingToken[], file: number) => {
    const all = prefix.concat(body);
    const ids = all.map((token) => token.id);
    const kinds = all.map((token) => token.kind);
    const tokens = all.map((token) => token.token);
    windows.push({ ids, kinds, file, tokens, key: windowKey(ids, kinds) });
  };

  patch.files.forEach((fileDiff, file) => {
    const filePart = filePrefix(tokenizer, fileDiff, settings.maxPathTokens);
    if (fileDiff.hunks.length === 0) {
      emit(filePart.concat(hunkPrefix(tokenizer, null, settings.maxSectionTokens)), [], file);
      return;
    }

    fileDiff.hunks.forEach((hunkDiff, hunk) => {
      const prefix = filePart.concat(hunkPrefix(tokenizer, hunkDiff, settings.maxSectionTokens));
      const budget = settings.windowLength - prefix.length;
      let body: PendingToken[] = [];

      hunkDiff.lines.forEach((_, line) => {
        let tokens = lineTokens(tokenizer, hunkDiff, { file, hunk, line }, withTokens);
        if (body.length > 0 && body.length + tokens.length > budget) {
          emit(prefix, body, file);
          body = [];
        }
        // A line longer than a whole window is split across windows.
        while (tokens.length > budget) {
          emit(prefix, tokens.slice(0, budget), file);
          tokens = tokens.slice(budget);
        }
        body = body.concat(tokens);
      });

      if (body.length > 0 || hunkDiff.lines.length === 0) emit(prefix, body, file);
    });
  });

  return windows;
}
