/**
 * Scores grouped by distinct value, highest first: the shared step of every ranking metric.
 * Grouping equal scores makes each metric handle ties exactly instead of by input order.
 */

export interface ScoreGroup {
  score: number;
  positives: number;
  negatives: number;
}

export interface Ranking {
  groups: ScoreGroup[];
  rows: number;
  positives: number;
  negatives: number;
}

/**
 * Groups scores by distinct value in descending order. Labels must be 0 or 1 and scores finite
 * numbers, because a NaN score has no rank; both are checked.
 */
export function rankScores(scores: ArrayLike<number>, labels: ArrayLike<number>): Ranking {
  if (scores.length !== labels.length) {
    throw new Error(
      `Got ${scores.length} scores and ${labels.length} labels; pass one score per label.`,
    );
  }

  const order = Array.from({ length: scores.length }, (_, i) => i);
  for (const i of order) {
    if (!Number.isFinite(scores[i])) {
      throw new Error(`Score at index ${i} is ${scores[i]}; scores must be finite numbers.`);
    }
    if (labels[i] !== 0 && labels[i] !== 1) {
      throw new Error(`Label at index ${i} is ${labels[i]}; labels must be 0 or 1.`);
    }
  }
  order.sort((a, b) => scores[b]! - scores[a]!);

  const groups: ScoreGroup[] = [];
  let positives = 0;
  for (const i of order) {
    const score = scores[i]!;
    const positive = labels[i] === 1;
    if (positive) positives++;

    const last = groups[groups.length - 1];
    if (last !== undefined && last.score === score) {
      if (positive) last.positives++;
      else last.negatives++;
    } else {
      groups.push({ score, positives: positive ? 1 : 0, negatives: positive ? 0 : 1 });
    }
  }

  return { groups, rows: scores.length, positives, negatives: scores.length - positives };
}
