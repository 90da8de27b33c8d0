/**
 * Writes handmade-eval.jsonl: small synthetic diffs written for PerfLens examples, labelled by
 * construction. Label 1 means the diff adds work inside a loop: a sort, a deep copy, a regular
 * expression built per item, a linear search or an await per item. Label 0 means it renames,
 * comments, hoists work out of a loop or changes a constant. None of it comes from a dataset.
 *
 * Run: npx tsx notebooks/data/build-handmade.ts
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Change {
  label: 0 | 1;
  before: string[];
  removed: string[];
  added: string[];
  after: string[];
}

const AREAS = ['report', 'grid', 'search', 'billing', 'render', 'cache', 'sync', 'export'];
const NOUNS = ['orders', 'rows', 'items', 'entries', 'users', 'events', 'lines', 'nodes'];

/** Builds one file diff with a single hunk whose header counts match its body. */
function fileDiff(path: string, start: number, change: Change): string {
  const oldCount = change.before.length + change.removed.length + change.after.length;
  const newCount = change.before.length + change.added.length + change.after.length;
  return [
    `diff --git a/${path} b/${path}`,
    `--- a/${path}`,
    `+++ b/${path}`,
    `@@ -${start},${oldCount} +${start},${newCount} @@`,
    ...change.before.map((line) => ` ${line}`),
    ...change.removed.map((line) => `-${line}`),
    ...change.added.map((line) => `+${line}`),
    ...change.after.map((line) => ` ${line}`),
    '',
  ].join('\n');
}

/** Loop scaffolding shared by the templates: `for (const item of <noun>) {`. */
function loop(noun: string): { before: string[]; after: string[] } {
  return {
    before: [`export function collect(${noun}, index) {`, '  const out = [];', `  for (const item of ${noun}) {`],
    after: ['    out.push(value);', '  }', '  return out;', '}'],
  };
}

const POSITIVE: Array<(noun: string) => Change> = [
  (noun) => ({ label: 1, ...loop(noun),
    removed: ['    const value = index.get(item.id);'],
    added: ['    const ranked = [...index.values()].sort((a, b) => a.rank - b.rank);',
      '    const value = ranked.find((entry) => entry.id === item.id);'] }),
  (noun) => ({ label: 1, ...loop(noun),
    removed: ['    const value = format(item, index.options);'],
    added: ['    const options = JSON.parse(JSON.stringify(index.options));',
      '    const value = format(item, options);'] }),
  (noun) => ({ label: 1, ...loop(noun),
    removed: ['    const value = PATTERN.test(item.name) ? item : null;'],
    added: ['    const pattern = new RegExp(`^${index.prefix}[a-z]+$`, \'i\');',
      '    const value = pattern.test(item.name) ? item : null;'] }),
  (noun) => ({ label: 1, ...loop(noun),
    removed: ['    const value = index.has(item.id) ? item : null;'],
    added: ['    const value = Array.from(index.keys()).includes(item.id) ? item : null;'] }),
  (noun) => ({ label: 1, ...loop(noun),
    removed: ['    const value = item.total;'],
    added: ['    const value = await index.fetchTotal(item.id);'] }),
  (noun) => ({ label: 1, ...loop(noun),
    removed: ['    const value = index.get(item.parent);'],
    added: ['    const value = Object.values(index.all()).filter((entry) => entry.id === item.parent)[0];'] }),
];

const NEGATIVE: Array<(noun: string) => Change> = [
  (noun) => ({ label: 0, ...loop(noun),
    removed: ['    const value = index.get(item.id);'],
    added: ['    const value = index.get(item.key);'] }),
  (noun) => ({ label: 0, ...loop(noun),
    removed: ['    const value = index.get(item.id);'],
    added: ['    // Entries are keyed by id; a missing entry stays undefined on purpose.',
      '    const value = index.get(item.id);'] }),
  (noun) => ({ label: 0,
    before: [`export function collect(${noun}, index) {`],
    removed: ['  const out = [];'],
    added: ['  const out = [];', '  const ranked = [...index.values()].sort((a, b) => a.rank - b.rank);'],
    after: [`  for (const item of ${noun}) {`, '    const value = ranked[item.position];',
      '    out.push(value);', '  }', '  return out;', '}'] }),
  (noun) => ({ label: 0, ...loop(noun),
    removed: ['    const value = round(item.amount, 2);'],
    added: ['    const value = round(item.amount, 4);'] }),
  (noun) => ({ label: 0, ...loop(noun),
    removed: ['    const value = item.label;'],
    added: ['    const value = item.label ?? item.name;'] }),
  (noun) => ({ label: 0, ...loop(noun),
    removed: ['    const value = index.get(item.id);'],
    added: ['    const value = index.get(String(item.id));'] }),
];

const rows: Array<{ id: string; diff: string; label: 0 | 1 }> = [];
let counter = 0;
for (const [templates, kind] of [[POSITIVE, 'loop-work'], [NEGATIVE, 'benign']] as const) {
  templates.forEach((template, templateIndex) => {
    for (let variant = 0; variant < 4; variant++) {
      const noun = NOUNS[(templateIndex + variant * 3) % NOUNS.length]!;
      const area = AREAS[(templateIndex * 2 + variant) % AREAS.length]!;
      const change = template(noun);
      const path = `src/${area}/${noun}-${kind}-${variant}.js`;
      rows.push({ id: `handmade-${++counter}`, diff: fileDiff(path, 10 + variant * 7, change), label: change.label });
    }
  });
}

const out = join(dirname(fileURLToPath(import.meta.url)), 'handmade-eval.jsonl');
writeFileSync(out, `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`);
console.log(`Wrote ${rows.length} rows to ${out}`);
