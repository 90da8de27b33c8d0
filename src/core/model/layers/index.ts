/**
 * PerfLens custom tfjs layers. Importing this module registers every layer class with
 * `tf.serialization`, which `tf.loadLayersModel` needs to rebuild a saved model.
 */
import * as tf from '@tensorflow/tfjs';

import { AttentionPooling, SegmentAttentionPooling } from './attention-pooling.ts';
import { GatherEmbedding } from './gather-embedding.ts';
import { LayerNorm } from './layer-norm.ts';
import { LineKindEmbedding } from './line-kind-embedding.ts';
import { PaddingMask } from './padding-mask.ts';
import { PositionEmbedding } from './position-embedding.ts';
import { MultiHeadSelfAttention } from './self-attention.ts';
import { TransformerBlock } from './transformer-block.ts';

export { AttentionPooling, SegmentAttentionPooling } from './attention-pooling.ts';
export { GatherEmbedding, gatherRows } from './gather-embedding.ts';
export { LayerNorm, layerNorm } from './layer-norm.ts';
export { LineKindEmbedding, LINE_KIND_COUNT, LINE_KIND_IDS } from './line-kind-embedding.ts';
export { PaddingMask } from './padding-mask.ts';
export { PositionEmbedding } from './position-embedding.ts';
export { MultiHeadSelfAttention, selfAttention } from './self-attention.ts';
export { TransformerBlock } from './transformer-block.ts';

const CUSTOM_LAYERS = [
  AttentionPooling,
  GatherEmbedding,
  LayerNorm,
  LineKindEmbedding,
  MultiHeadSelfAttention,
  PaddingMask,
  PositionEmbedding,
  SegmentAttentionPooling,
  TransformerBlock,
];

for (const layerClass of CUSTOM_LAYERS) {
  tf.serialization.registerClass(layerClass);
}

/** Class names under which the custom layers are serialized in model.json. */
export const CUSTOM_LAYER_CLASS_NAMES: readonly string[] = CUSTOM_LAYERS.map(
  (layerClass) => layerClass.className,
);
