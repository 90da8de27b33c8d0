/**
 * Exports a notebook as a Jupyter notebook in nbformat 4.5. Every cell has an id and text goes
 * into markdown cells. Charts become SVG `display_data` outputs of code cells whose source is
 * only a comment, so the file opens with any kernel and running it changes nothing.
 */
import { summarizeEvaluation } from '../evaluation.ts';
import { isStale, type RecheckFinding } from '../recheck.ts';
import type { Cell, Notebook, ResultRecord } from '../types.ts';
import { CELL_TYPE_TITLES, modelRefText } from './cellHtml.ts';
import { attributionBarsSvg, prCurveSvg, rocCurveSvg, scoreBarsSvg } from './svgCharts.ts';

/** nbformat 4.5 cell ids: 1 to 64 characters from this set. */
const CELL_ID_PATTERN = /[^A-Za-z0-9_-]/g;
const MAX_CELL_ID = 64;

interface IpynbOutput {
  output_type: 'display_data';
  data: Record<string, string[]>;
  metadata: Record<string, unknown>;
}

type IpynbCell =
  | { cell_type: 'markdown'; id: string; metadata: Record<string, unknown>; source: string[] }
  | {
      cell_type: 'code';
      id: string;
      metadata: Record<string, unknown>;
      source: string[];
      execution_count: null;
      outputs: IpynbOutput[];
    };

export interface IpynbExportOptions {
  findings?: RecheckFinding[];
}

/** Splits text into the list-of-lines form of nbformat, each line keeping its newline. */
function sourceLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.filter((line) => line !== '');
}

/** Returns a fence of backticks longer than any run of backticks inside `text`. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  return '`'.repeat(longest + 1);
}

function codeBlock(text: string, language: string): string {
  const fence = fenceFor(text);
  return `${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}`;
}

function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function resultText(result: ResultRecord, stale: boolean): string {
  const decision = result.probability >= result.threshold ? 'regression predicted' : 'no regression';
  const staleNote = stale ? ' **Not reproduced on re-check.**' : '';
  return (
    `Probability **${result.probability.toFixed(3)}** against threshold ` +
    `${result.threshold.toFixed(3)} (${decision}), ${modelRefText(result.model)}, ` +
    `${result.at}.${staleNote}`
  );
}

function svgOutput(svg: string, description: string): IpynbOutput {
  return {
    output_type: 'display_data',
    data: { 'image/svg+xml': sourceLines(svg), 'text/plain': [description] },
    metadata: {},
  };
}

/** Returns the markdown text of a cell and the charts to show below it. */
function convertCell(cell: Cell, stale: boolean): { markdown: string; charts: IpynbOutput[] } {
  const heading = `### ${CELL_TYPE_TITLES[cell.type]}\n\n`;

  switch (cell.type) {
    case 'markdown':
      return { markdown: cell.source, charts: [] };

    case 'diff': {
      const last = cell.scores.at(-1);
      const score =
        last === undefined ? 'Not scored yet.' : resultText({ model: cell.model, ...last }, stale);
      return { markdown: `${heading}${score}\n\n${codeBlock(cell.diff, 'diff')}`, charts: [] };
    }

    case 'explanation': {
      const counterfactuals = cell.counterfactuals.map((item, index) => {
        const edits = item.edits
          .map((edit) => `${edit.kind} on line ${edit.patchLine} (\`${edit.before.trim()}\`)`)
          .join('; ');
        return `${index + 1}. ${edits} \u2192 probability ${item.probabilityAfter.toFixed(3)}`;
      });
      const list = counterfactuals.length === 0 ? 'No counterfactual found.' : counterfactuals.join('\n');
      const bars = cell.attributions
        .filter((item) => item.level === 'token')
        .map((item) => ({ label: item.text, value: item.attribution }));
      return {
        markdown:
          `${heading}${resultText(cell.result, stale)}\n\n${codeBlock(cell.diff, 'diff')}\n\n` +
          `**Counterfactuals**\n\n${list}`,
        charts:
          bars.length === 0
            ? []
            : [svgOutput(attributionBarsSvg(bars), 'Token attributions (probability change)')],
      };
    }

    case 'comparison': {
      const rows = cell.results.map(
        (result) =>
          `| ${tableCell(result.model.id)} | ${result.probability.toFixed(3)} | ` +
          `${result.threshold.toFixed(3)} | ${tableCell(modelRefText(result.model))} |`,
      );
      const table = ['| Model | Probability | Threshold | Runtime |', '|---|---|---|---|', ...rows];
      const bars = cell.results.map((result) => ({
        label: result.model.id,
        probability: result.probability,
        threshold: result.threshold,
      }));
      const staleNote = stale ? '\n\n**Some results did not reproduce on re-check.**' : '';
      return {
        markdown: `${heading}${table.join('\n')}${staleNote}\n\n${codeBlock(cell.diff, 'diff')}`,
        charts: bars.length === 0 ? [] : [svgOutput(scoreBarsSvg(bars), 'Probability by model')],
      };
    }

    case 'evaluation': {
      const summary = summarizeEvaluation(cell);
      const counts = summary.atThreshold;
      const skip = summary.skip;
      const lines = [
        `${modelRefText(cell.model)} on ${cell.dataset.name} (${cell.dataset.rows} diffs, ` +
          `${cell.dataset.positives} regressions, sha256 ${cell.dataset.sha256.slice(0, 12)}).`,
        '',
        '| Metric | Value |',
        '|---|---|',
        `| PR-AUC | ${summary.averagePrecision.toFixed(3)} |`,
        `| ROC-AUC | ${summary.rocAuc.toFixed(3)} |`,
        `| Threshold | ${cell.threshold.toFixed(3)} |`,
        `| TP / FP / FN / TN | ${counts.truePositives} / ${counts.falsePositives} / ` +
          `${counts.falseNegatives} / ${counts.trueNegatives} |`,
        `| Diffs skipped at ${(cell.targetRecall * 100).toFixed(0)}% recall | ` +
          `${skip === null ? '-' : `${(skip.skipShare * 100).toFixed(1)}%`} |`,
      ];
      const negatives = counts.falsePositives + counts.trueNegatives;
      const prMarker = Number.isNaN(counts.recall)
        ? null
        : { recall: counts.recall, precision: counts.truePositives === 0 ? 1 : counts.precision };
      const rocMarker =
        Number.isNaN(counts.recall) || negatives === 0
          ? null
          : { falsePositiveRate: counts.falsePositives / negatives, truePositiveRate: counts.recall };
      return {
        markdown: `${heading}${lines.join('\n')}`,
        charts: [
          svgOutput(prCurveSvg(summary.prCurve, prMarker), 'Precision-recall curve'),
          svgOutput(rocCurveSvg(summary.rocCurve, rocMarker), 'ROC curve'),
        ],
      };
    }
  }
}

/** Derives unique nbformat cell ids from PerfLens cell ids. */
function idMaker(): (wanted: string) => string {
  const used = new Set<string>();
  return (wanted) => {
    const base = (wanted.replace(CELL_ID_PATTERN, '-') || 'cell').slice(0, MAX_CELL_ID - 4);
    let id = base;
    for (let suffix = 2; used.has(id); suffix++) id = `${base}-${suffix}`;
    used.add(id);
    return id;
  };
}

/** Converts a notebook to nbformat 4.5 JSON text (one space indent, as Jupyter writes). */
export function exportNotebookIpynb(notebook: Notebook, options: IpynbExportOptions = {}): string {
  const findings = options.findings ?? [];
  const makeId = idMaker();
  const cells: IpynbCell[] = [
    {
      cell_type: 'markdown',
      id: makeId('title'),
      metadata: {},
      source: sourceLines(`# ${notebook.title === '' ? 'Untitled notebook' : notebook.title}`),
    },
  ];

  for (const cell of notebook.cells) {
    const stale = findings.some((finding) => finding.cellId === cell.id && isStale(finding));
    const { markdown, charts } = convertCell(cell, stale);
    const metadata = { perflens: { cellId: cell.id, type: cell.type } };

    cells.push({ cell_type: 'markdown', id: makeId(cell.id), metadata, source: sourceLines(markdown) });
    if (charts.length > 0) {
      // The source names the sanitized id, because a raw cell id could contain a line break.
      const chartId = makeId(`${cell.id}-chart`);
      cells.push({
        cell_type: 'code',
        id: chartId,
        metadata: { ...metadata, jupyter: { source_hidden: true } },
        source: [`# Chart ${chartId} exported by PerfLens; it is an image output.`],
        execution_count: null,
        outputs: charts,
      });
    }
  }

  const ipynb = {
    cells,
    metadata: {
      perflens: {
        format: notebook.format,
        version: notebook.version,
        title: notebook.title,
        createdAt: notebook.createdAt,
        modifiedAt: notebook.modifiedAt,
      },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(ipynb, null, 1)}\n`;
}
