/**
 * Embedding of the diff line kind of every token (padding, context, added, removed, header).
 * The vector is added to the token embedding, so the encoder receives the side of the change of
 * every token, even inside a line whose marker token was cut off by windowing.
 */
import { GatherEmbedding, type GatherEmbeddingArgs } from './gather-embedding.ts';

/** Line kind ids fed to LineKindEmbedding; 0 is padding. */
export const LINE_KIND_IDS = {
  padding: 0,
  context: 1,
  added: 2,
  removed: 3,
  header: 4,
} as const;

/** Number of line kind ids, padding included. */
export const LINE_KIND_COUNT = 5;

export type LineKindEmbeddingArgs = Omit<GatherEmbeddingArgs, 'inputDim'> & {
  inputDim?: number;
};

/** A GatherEmbedding over LINE_KIND_COUNT rows, serialized under its own class name. */
export class LineKindEmbedding extends GatherEmbedding {
  static override className = 'PerfLensLineKindEmbedding';

  constructor(args: LineKindEmbeddingArgs) {
    super({ ...args, inputDim: args.inputDim ?? LINE_KIND_COUNT });
  }
}
