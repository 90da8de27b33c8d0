/**
 * Adam with global-norm gradient clipping and an exportable state, for the Transformer
 * trainers. tfjs-core 4.22's Adam restores its bias-correction terms with `pow` after a
 * reload, which can round differently from the running products of an uninterrupted run. Here bias
 * correction is computed from the step count in float64, so a run resumed from a checkpoint
 * repeats the uninterrupted run bit for bit.
 */
import * as tf from '@tensorflow/tfjs';

export interface AdamConfig {
  beta1: number;
  beta2: number;
  epsilon: number;
  /** Gradients are scaled down when their global L2 norm exceeds this; Infinity disables it. */
  clipNorm: number;
}

export const DEFAULT_ADAM: AdamConfig = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, clipNorm: 1 };

/** Optimizer state: the step count and the first and second moments of each variable. */
export interface AdamState {
  step: number;
  firstMoments: Float32Array[];
  secondMoments: Float32Array[];
}

export class Adam {
  private step = 0;
  private firstMoments: tf.Variable[] = [];
  private secondMoments: tf.Variable[] = [];

  constructor(
    /** The variables this optimizer updates, in a fixed order. */
    readonly variables: readonly tf.Variable[],
    readonly config: AdamConfig = DEFAULT_ADAM,
  ) {
    // tidy disposes the zero tensors. The variables keep their own copies and survive it.
    this.firstMoments = tf.tidy(() =>
      variables.map((variable) => tf.variable(tf.zerosLike(variable), false)),
    );
    this.secondMoments = tf.tidy(() =>
      variables.map((variable) => tf.variable(tf.zerosLike(variable), false)),
    );
  }

  get steps(): number {
    return this.step;
  }

  /**
   * Computes the loss and its gradients, applies one clipped Adam step at `learningRate` and
   * returns the loss value and the gradient norm before clipping.
   */
  minimize(loss: () => tf.Scalar, learningRate: number): { loss: number; gradientNorm: number } {
    const { value, grads } = tf.variableGrads(loss, this.variables as tf.Variable[]);
    const gradients = this.variables.map((variable) => {
      const gradient = grads[variable.name];
      if (gradient === undefined) {
        throw new Error(
          `No gradient for variable ${variable.name}: it does not affect the loss. ` +
            'Pass only the variables of the layers the loss uses.',
        );
      }
      return gradient;
    });

    const gradientNorm = this.apply(gradients, learningRate);
    const lossValue = value.dataSync()[0]!;
    value.dispose();
    gradients.forEach((gradient) => gradient.dispose());
    return { loss: lossValue, gradientNorm };
  }

  /** Applies one step with the given gradients (in variable order); returns their norm. */
  apply(gradients: readonly tf.Tensor[], learningRate: number): number {
    const { beta1, beta2, epsilon, clipNorm } = this.config;
    this.step += 1;
    const correction1 = 1 - Math.pow(beta1, this.step);
    const correction2 = 1 - Math.pow(beta2, this.step);

    const norm = tf.tidy(() => {
      const squares = gradients.map((gradient) => tf.sum(tf.square(gradient)));
      return tf.sqrt(tf.addN(squares));
    });
    const gradientNorm = norm.dataSync()[0]!;
    norm.dispose();
    const scale = gradientNorm > clipNorm ? clipNorm / gradientNorm : 1;

    tf.tidy(() => {
      this.variables.forEach((variable, i) => {
        const gradient = scale === 1 ? gradients[i]! : tf.mul(gradients[i]!, scale);
        const first = tf.add(tf.mul(this.firstMoments[i]!, beta1), tf.mul(gradient, 1 - beta1));
        const second = tf.add(
          tf.mul(this.secondMoments[i]!, beta2),
          tf.mul(tf.square(gradient), 1 - beta2),
        );
        this.firstMoments[i]!.assign(first);
        this.secondMoments[i]!.assign(second);

        const denominator = tf.add(tf.sqrt(tf.div(second, correction2)), epsilon);
        const update = tf.mul(tf.div(tf.div(first, correction1), denominator), learningRate);
        variable.assign(tf.sub(variable, update));
      });
    });
    return gradientNorm;
  }

  /** Copies the state out of the backend, for a checkpoint. */
  exportState(): AdamState {
    return {
      step: this.step,
      firstMoments: this.firstMoments.map((moment) => moment.dataSync() as Float32Array),
      secondMoments: this.secondMoments.map((moment) => moment.dataSync() as Float32Array),
    };
  }

  /** Restores a state exported from an optimizer over variables of the same shapes. */
  importState(state: AdamState): void {
    if (state.firstMoments.length !== this.variables.length) {
      throw new Error(
        `Optimizer state has ${state.firstMoments.length} variables, this optimizer has ` +
          `${this.variables.length}. The checkpoint comes from another model; start a new run.`,
      );
    }
    this.step = state.step;
    tf.tidy(() => {
      this.variables.forEach((variable, i) => {
        this.firstMoments[i]!.assign(tf.tensor(state.firstMoments[i]!, variable.shape));
        this.secondMoments[i]!.assign(tf.tensor(state.secondMoments[i]!, variable.shape));
      });
    });
  }

  dispose(): void {
    this.firstMoments.forEach((moment) => moment.dispose());
    this.secondMoments.forEach((moment) => moment.dispose());
  }
}

/** Returns the learning rate at `step` of `totalSteps`: linear warm-up, then linear decay. */
export function warmupLinearDecay(
  peak: number,
  step: number,
  totalSteps: number,
  warmupSteps: number,
  finalFraction = 0.1,
): number {
  if (step < warmupSteps) return (peak * (step + 1)) / warmupSteps;
  const progress = (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
  return peak * (1 - (1 - finalFraction) * Math.min(1, progress));
}
