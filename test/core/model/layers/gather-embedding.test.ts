import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { GatherEmbedding, gatherRows } from '../../../../src/core/model/layers/index.ts';
import { TEST_BACKENDS, useBackend } from './backends.ts';

describe.each(TEST_BACKENDS)('GatherEmbedding on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('maps id shape to id shape plus width', () => {
    const layer = new GatherEmbedding({ inputDim: 10, outputDim: 4, seed: 3 });
    const output = layer.apply(tf.tensor2d([[1, 2, 3], [4, 5, 0]], [2, 3], 'int32')) as tf.Tensor;
    expect(output.shape).toEqual([2, 3, 4]);
  });

  it('returns the table rows of the ids', () => {
    const table = tf.tensor2d([[0, 0], [1, 2], [3, 4]]);
    const rows = gatherRows(table, tf.tensor1d([2, 1, 2], 'int32'));
    expect(Array.from(rows.dataSync())).toEqual([3, 4, 1, 2, 3, 4]);
  });

  it('matches the numeric gradient with repeated ids', () => {
    const rows = 5;
    const dim = 3;
    const tableValues = Array.from({ length: rows * dim }, (_, i) => Math.sin(i + 1));
    const ids = tf.tensor2d([[1, 3, 1], [4, 1, 0]], [2, 3], 'int32');
    const upstream = tf.tensor3d(
      Array.from({ length: 2 * 3 * dim }, (_, i) => Math.cos(i * 0.7)),
      [2, 3, dim],
    );
    // A nonlinear loss, so the gradient depends on the table values too.
    const loss = (table: tf.Tensor) => tf.sum(tf.square(tf.mul(gatherRows(table, ids), upstream)));

    const analytic = tf.grad(loss)(tf.tensor2d(tableValues, [rows, dim])).dataSync();

    const epsilon = 1e-2;
    for (let i = 0; i < rows * dim; i++) {
      const plus = [...tableValues];
      const minus = [...tableValues];
      plus[i]! += epsilon;
      minus[i]! -= epsilon;
      const lossPlus = loss(tf.tensor2d(plus, [rows, dim])).dataSync()[0]!;
      const lossMinus = loss(tf.tensor2d(minus, [rows, dim])).dataSync()[0]!;
      const numeric = (lossPlus - lossMinus) / (2 * epsilon);
      expect(analytic[i]!, `table entry ${i}`).toBeCloseTo(numeric, 3);
    }
  });

  it('gives unused rows a zero gradient', () => {
    const table = tf.randomNormal([6, 2], 0, 1, 'float32', 5);
    const ids = tf.tensor1d([0, 2, 2], 'int32');
    const gradient = tf.grad((t: tf.Tensor) => tf.sum(gatherRows(t, ids)))(table);
    expect(Array.from(gradient.dataSync())).toEqual([1, 1, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0]);
  });
});
