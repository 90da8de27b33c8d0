/**
 * Embedding layer that gathers table rows and scatters its gradient back into them.
 *
 * tfjs's built-in Embedding layer has no gradient on the wasm backend (it needs the
 * UnsortedSegmentSum kernel, which wasm lacks) and is slow on cpu. This layer's forward pass
 * is a plain `gather`, and a custom gradient adds the upstream gradient of every position
 * into its row with `scatterND`, which sums rows whose index repeats.
 */
import * as tf from '@tensorflow/tfjs';

import {
  configInteger,
  seedConfig,
  singleInput,
  type LayerArgs,
  type LayerConfig,
  type LayerKwargs,
  type LayerWeight,
} from './layer-types.ts';

/** Host copies of embedding tables, keyed by the tensor data they were read from. */
const hostTables = new WeakMap<object, Float32Array>();

/**
 * Copies table rows on the host. On the tfjs 4.22 wasm backend GatherV2 took 26 ms for 3840
 * rows of a [4096, 64] table (2-core machine), far more than copying the rows in JavaScript.
 * A Variable gets a new dataId on every assign, so a cached copy is never stale.
 */
function hostGather(table: tf.Tensor2D, ids: tf.Tensor): tf.Tensor {
  const [rows, dim] = table.shape;
  const key = table.dataId as object;
  let values = hostTables.get(key);
  if (values === undefined) {
    values = table.dataSync() as Float32Array;
    hostTables.set(key, values);
  }

  const idValues = ids.dataSync();
  const output = new Float32Array(idValues.length * dim);
  for (let i = 0; i < idValues.length; i++) {
    const id = idValues[i]!;
    if (id < 0 || id >= rows || !Number.isInteger(id)) {
      throw new Error(
        `Embedding id ${id} at position ${i} is outside the table of ${rows} rows. The input ` +
          'was encoded with another vocabulary; re-tokenize it with the bundle tokenizer.',
      );
    }
    output.set(values.subarray(id * dim, (id + 1) * dim), i * dim);
  }
  return tf.tensor(output, [...ids.shape, dim]);
}

/** Gathers rows of `table` ([rows, dim]) at integer `ids` of any shape: [...ids, dim]. */
export const gatherRows = tf.customGrad((...args) => {
  const table = args[0] as tf.Tensor2D;
  const ids = args[1] as tf.Tensor;
  const save = args[2] as tf.GradSaveFunc;
  save([ids]);

  const [rows, dim] = table.shape;
  // On the GPU (webgl) a host copy would stall on readbacks, so tf.gather stays there.
  const value = tf.getBackend() === 'webgl' ? tf.gather(table, ids) : hostGather(table, ids);

  const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
    const savedIds = saved[0]!;
    const flatIds = tf.reshape(savedIds, [-1, 1]);
    const flatDy = tf.reshape(dy, [-1, dim]);
    const tableGrad = tf.scatterND(flatIds, flatDy, [rows, dim]);
    return [tableGrad, tf.zerosLike(savedIds)];
  };

  return { value, gradFunc };
});

export interface GatherEmbeddingArgs extends LayerArgs {
  /** Number of rows: the vocabulary size. Ids must lie in [0, inputDim). */
  inputDim: number;
  /** Width of each row. */
  outputDim: number;
  /** Standard deviation of the normal initializer, 0.02 as in BERT. */
  initStddev?: number;
  /** Seed of the initializer. Without it the initialization is random. */
  seed?: number;
}

/** Maps integer ids of shape [...] to vectors of shape [..., outputDim]. */
export class GatherEmbedding extends tf.layers.Layer {
  static className = 'PerfLensGatherEmbedding';

  readonly inputDim: number;
  readonly outputDim: number;
  readonly initStddev: number;
  readonly seed: number | undefined;
  private embeddings: LayerWeight | null = null;

  constructor(args: GatherEmbeddingArgs) {
    super(args);
    this.inputDim = args.inputDim;
    this.outputDim = args.outputDim;
    this.initStddev = args.initStddev ?? 0.02;
    this.seed = args.seed;
  }

  override build(): void {
    this.embeddings = this.addWeight(
      'embeddings',
      [this.inputDim, this.outputDim],
      'float32',
      tf.initializers.randomNormal({ mean: 0, stddev: this.initStddev, seed: this.seed }),
    );
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = inputShape as tf.Shape;
    return [...shape, this.outputDim];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: LayerKwargs): tf.Tensor {
    return tf.tidy(() => {
      const ids = singleInput(inputs, this.name);
      const intIds = ids.dtype === 'int32' ? ids : tf.cast(ids, 'int32');
      return gatherRows(this.embeddings!.read(), intIds);
    });
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      initStddev: this.initStddev,
      ...seedConfig(this.seed),
    };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: LayerConfig,
  ): T {
    configInteger(config, 'inputDim', GatherEmbedding.className);
    configInteger(config, 'outputDim', GatherEmbedding.className);
    return new cls(config);
  }
}
