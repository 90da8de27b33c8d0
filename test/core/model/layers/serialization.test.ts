import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  AttentionPooling,
  CUSTOM_LAYER_CLASS_NAMES,
  GatherEmbedding,
  LayerNorm,
  LineKindEmbedding,
  MultiHeadSelfAttention,
  PaddingMask,
  PositionEmbedding,
  SegmentAttentionPooling,
  TransformerBlock,
} from '../../../../src/core/model/layers/index.ts';
import { useBackend } from './backends.ts';

/** Builds a small model that uses every custom layer once. */
function buildModel(): tf.LayersModel {
  const ids = tf.input({ shape: [6], dtype: 'int32', name: 'ids' });
  const kinds = tf.input({ shape: [6], dtype: 'int32', name: 'kinds' });
  const segmentIds = tf.input({ shape: [], dtype: 'int32', name: 'segment_ids' });
  const segments = tf.input({ shape: [], name: 'segments' });

  const tokens = new GatherEmbedding({ inputDim: 20, outputDim: 8, seed: 1 }).apply(ids);
  const lineKinds = new LineKindEmbedding({ outputDim: 8, seed: 2 }).apply(kinds);
  const summed = tf.layers.add().apply([tokens, lineKinds] as tf.SymbolicTensor[]);
  const positioned = new PositionEmbedding({ maxLength: 6, seed: 3 }).apply(summed);
  const mask = new PaddingMask().apply(ids);
  const blocked = new TransformerBlock({ heads: 2, feedForwardDim: 16, seed: 4 }).apply([
    positioned,
    mask,
  ] as tf.SymbolicTensor[]);
  const attended = new MultiHeadSelfAttention({ heads: 2, seed: 5 }).apply([
    blocked,
    mask,
  ] as tf.SymbolicTensor[]);
  const normalized = new LayerNorm().apply(attended);
  const pooled = new AttentionPooling({ seed: 6 }).apply([normalized, mask] as tf.SymbolicTensor[]);
  const grouped = new SegmentAttentionPooling({ seed: 7 }).apply([
    pooled,
    segmentIds,
    segments,
  ] as tf.SymbolicTensor[]);
  const logit = tf.layers.dense({ units: 1 }).apply(grouped) as tf.SymbolicTensor;
  return tf.model({ inputs: [ids, kinds, segmentIds, segments], outputs: logit });
}

async function saveToMemory(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return saved!;
}

describe('custom layer serialization', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  const inputs = () => [
    tf.tensor2d([[3, 4, 5, 0, 0, 0], [7, 8, 9, 10, 11, 12], [1, 2, 0, 0, 0, 0]], [3, 6], 'int32'),
    tf.tensor2d([[1, 2, 3, 0, 0, 0], [2, 2, 2, 2, 3, 3], [4, 1, 0, 0, 0, 0]], [3, 6], 'int32'),
    tf.tensor1d([0, 1, 1], 'int32'),
    tf.zeros([2]),
  ];

  it('round trip keeps weights bit-identical', async () => {
    const model = buildModel();
    const artifacts = await saveToMemory(model);
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));

    const original = model.getWeights();
    const restored = loaded.getWeights();
    expect(restored.length).toBe(original.length);
    for (let i = 0; i < original.length; i++) {
      const a = original[i]!.dataSync();
      const b = restored[i]!.dataSync();
      expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer)), `weight ${i}`).toBe(true);
    }
  });

  it('round trip keeps predictions bit-identical', async () => {
    const model = buildModel();
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(await saveToMemory(model)));
    // apply, not predict: predict requires one batch size across inputs, but segment_ids
    // counts pooled rows and segments counts groups.
    const before = (model.apply(inputs()) as tf.Tensor).dataSync();
    const after = (loaded.apply(inputs()) as tf.Tensor).dataSync();
    expect(Array.from(after)).toEqual(Array.from(before));
  });

  it('model.json names every custom class', async () => {
    const topology = JSON.stringify((await saveToMemory(buildModel())).modelTopology);
    for (const className of CUSTOM_LAYER_CLASS_NAMES) {
      expect(topology, className).toContain(`"class_name":"${className}"`);
    }
  });
});
