/**
 * Timing helpers of the tracking benchmarks: percentiles, a seeded PRNG (so both sides get the
 * same run subsets), interleaved ours-vs-baseline timing, and the result table.
 */

/** Value at percentile `p` (0-100) of ascending `sorted` (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** p50/p95/max of a list of durations in ms. */
export interface Latency {
  p50: number;
  p95: number;
  max: number;
  n: number;
}

export function latencyOf(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1]!,
    n: sorted.length,
  };
}

/** mulberry32: a small deterministic PRNG, so ours and the baseline query the same run subsets. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `k` distinct items of `items`, in random order. */
export function sample<T>(items: readonly T[], k: number, random: () => number): T[] {
  const copy = [...items];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, k);
}

/** A contender of an interleaved measurement: called with the iteration number. */
export type Contender = (iteration: number) => Promise<unknown>;

/**
 * Times several contenders over the same iterations, alternating which goes first so neither
 * always runs on a warmer cache; `warmup` untimed rounds first. Returns the latencies by name.
 */
export async function interleaved(
  contenders: Record<string, Contender>,
  iterations: number,
  warmup = 3,
): Promise<Record<string, Latency>> {
  const names = Object.keys(contenders);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  // Warm-up rounds use iteration numbers past the measured ones (other subsets).
  for (let w = 0; w < warmup; w++) for (const name of names) await contenders[name]!(iterations + w);
  for (let i = 0; i < iterations; i++) {
    const order = i % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const start = performance.now();
      await contenders[name]!(i);
      samples[name]!.push(performance.now() - start);
    }
  }
  return Object.fromEntries(names.map((n) => [n, latencyOf(samples[n]!)]));
}

/** Wall time of one call, in ms. */
export async function once<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

export const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0)} ms`;
export const int = (x: number) => Math.round(x).toLocaleString('en');

/** One line of the final table. */
export interface ResultRow {
  name: string;
  ours: string;
  baseline: string;
  /** ours / baseline, as printed (time ratio for latencies, throughput ratio for rates). */
  ratio: string;
  /** How many times better ours is (baseline time / ours time, or ours rate / baseline rate). */
  speedup: string;
  target: string;
}

/** Row of a latency comparison (lower is better); `target` is printed as given. */
export function latencyRow(
  name: string,
  ours: Latency,
  baseline: Latency,
  target: string,
  stat: 'p50' | 'p95',
): ResultRow {
  return {
    name: `${name} ${stat}`,
    ours: ms(ours[stat]),
    baseline: ms(baseline[stat]),
    ratio: (ours[stat] / baseline[stat]).toFixed(3),
    speedup: `${(baseline[stat] / ours[stat]).toFixed(1)}×`,
    target,
  };
}

/** Row of a throughput comparison (higher is better). */
export function rateRow(
  name: string,
  ours: number,
  baseline: number,
  unit: string,
  target: string,
): ResultRow {
  return {
    name,
    ours: `${int(ours)} ${unit}`,
    baseline: `${int(baseline)} ${unit}`,
    ratio: (ours / baseline).toFixed(2),
    speedup: `${(ours / baseline).toFixed(1)}×`,
    target,
  };
}

/** Prints rows as an aligned text table. */
export function printTable(rows: readonly ResultRow[]): void {
  const header: ResultRow = {
    name: 'measure',
    ours: 'ours',
    baseline: 'baseline (MLflow schema)',
    ratio: 'ours/baseline',
    speedup: 'speedup',
    target: 'target (issue 3)',
  };
  const cols = Object.keys(header) as (keyof ResultRow)[];
  const width = Object.fromEntries(
    cols.map((c) => [c, Math.max(...[header, ...rows].map((r) => r[c].length))]),
  ) as Record<keyof ResultRow, number>;
  const line = (r: ResultRow) =>
    cols.map((c, i) => (i === 0 ? r[c].padEnd(width[c]) : r[c].padStart(width[c]))).join('  ');
  console.log(line(header));
  console.log(cols.map((c) => '-'.repeat(width[c])).join('  '));
  for (const r of rows) console.log(line(r));
}
