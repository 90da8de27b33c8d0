import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { parsePatch } from '../../../src/core/diff/parse.ts';
import {
  basePathOf,
  extensionOf,
  OpaqueFeaturizer,
  OTHER,
  type OpaqueFeatureSettings,
} from '../../../src/core/features/opaque.ts';

const patch = parsePatch(
  readFileSync(new URL('../../fixtures/model/slow-lookup.diff', import.meta.url), 'utf8'),
);

const settings: OpaqueFeatureSettings = {
  inputSize: 13,
  extensions: ['.js', '.ts', OTHER],
  basePaths: ['lib', 'src', OTHER],
  tenureBuckets: ['0', '1-5', '>500'],
  numericMean: [0, 0, 0, 0],
  numericStd: [1, 1, 1, 2],
  defaults: { authorTenure: '>500', testFilesChanged: 1 },
};

describe('opaque path helpers', () => {
  it('extracts extensions and base paths', () => {
    expect(extensionOf('packages/runtime-core/src/apiWatch.TS')).toBe('.ts');
    expect(extensionOf('bin/cli')).toBe('');
    expect(extensionOf('src/.eslintrc')).toBe('');
    expect(basePathOf('packages/runtime-core/src/component/props.ts')).toBe(
      'packages/runtime-core/src',
    );
    expect(basePathOf('lib/rules/indent.js')).toBe('lib/rules');
    expect(basePathOf('index.js')).toBe('');
  });
});

describe('OpaqueFeaturizer', () => {
  const featurizer = new OpaqueFeaturizer(settings);

  it('matches the settings input size', () => {
    expect(featurizer.inputSize).toBe(settings.inputSize);
  });

  it('featurizes metadata given with the diff', () => {
    // slow-lookup.diff: 1 file (src/lookup.js), 4 added and 6 removed lines.
    const row = featurizer.featurize([patch], [{ authorTenure: '0', testFilesChanged: 3 }]);
    expect(row[0]).toBeCloseTo(Math.log1p(1), 6);
    expect(row[1]).toBeCloseTo(Math.log1p(4), 6);
    expect(row[2]).toBeCloseTo(Math.log1p(6), 6);
    expect(row[3]).toBeCloseTo(Math.log1p(3) / 2, 6);
    expect(Array.from(row.slice(4))).toEqual([1, 0, 0, 0, 1, 0, 1, 0, 0]);
  });

  it('falls back to training defaults', () => {
    const row = featurizer.featurize([patch], [{ authorTenure: null, testFilesChanged: null }]);
    expect(row[3]).toBeCloseTo(Math.log1p(1) / 2, 6);
    expect(Array.from(row.slice(10))).toEqual([0, 0, 1]);
    const withoutMetadata = featurizer.featurize([patch]);
    expect(Array.from(withoutMetadata)).toEqual(Array.from(row));
  });

  it('buckets unseen values as other', () => {
    const renamed = structuredClone(patch);
    renamed.files[0]!.newPath = 'packages/x/y/z.vue';
    const row = featurizer.featurize([renamed]);
    expect(Array.from(row.slice(4, 10))).toEqual([0, 0, 1, 0, 0, 1]);
  });
});
