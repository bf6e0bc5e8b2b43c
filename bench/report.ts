// What every benchmark hands back: raw figures for results.json, and printable rows (metric,
// value, ratio measured in the same run, goal, verdict) for the one table `bench/run.ts` prints.

export type Verdict = 'met' | 'not met' | 'n/a';

export interface FigureRow {
  readonly bench: string;
  readonly metric: string;
  readonly value: string;
  readonly ratio?: string;
  readonly goal?: string;
  readonly verdict?: Verdict;
}

export interface BenchOutcome<T> {
  readonly name: string;
  /** Raw measurements, written to reports/bench/results.json as they are. */
  readonly results: T;
  readonly rows: readonly FigureRow[];
  /** Caveats a reader needs to interpret the figures (printed under the table). */
  readonly notes: readonly string[];
}

/** A verdict from a boolean, or n/a when the figure needed for it was not measured. */
export function verdict(met: boolean | undefined): Verdict {
  return met === undefined ? 'n/a' : met ? 'met' : 'not met';
}

/** 3 significant digits, with thousands separators above 1000: 0.0123, 1.23, 123, 12,345. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(3)).toString();
}

export function formatMs(ms: number): string {
  return `${formatNumber(ms)} ms`;
}

export function formatRatio(value: number | undefined, against: string): string {
  return value === undefined ? `n/a (${against} not measured)` : `${formatNumber(value)}× ${against}`;
}

export function formatBytes(bytes: number): string {
  return `${formatNumber(bytes / (1024 * 1024))} MiB`;
}

const COLUMNS: ReadonlyArray<{ readonly key: keyof FigureRow; readonly title: string }> = [
  { key: 'bench', title: 'Benchmark' },
  { key: 'metric', title: 'Metric' },
  { key: 'value', title: 'Value' },
  { key: 'ratio', title: 'Ratio (same run)' },
  { key: 'goal', title: 'Goal' },
  { key: 'verdict', title: 'Verdict' },
];

/** A plain-text table (pipe-separated, Markdown-compatible), padded to the widest cell. */
export function renderTable(rows: readonly FigureRow[]): string {
  const cells = rows.map((row) => COLUMNS.map(({ key }) => row[key] ?? ''));
  const widths = COLUMNS.map(({ title }, i) => Math.max(title.length, ...cells.map((line) => line[i]!.length)));
  const line = (values: readonly string[]): string => `| ${values.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(COLUMNS.map((c) => c.title)), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

/** The table followed by the numbered notes of every outcome. */
export function renderOutcomes(outcomes: readonly BenchOutcome<unknown>[]): string {
  const notes = outcomes.flatMap((o) => o.notes.map((note) => `${o.name}: ${note}`));
  return [
    renderTable(outcomes.flatMap((o) => o.rows)),
    ...(notes.length ? ['', 'Notes:', ...notes.map((note, i) => `  ${i + 1}. ${note}`)] : []),
  ].join('\n');
}
