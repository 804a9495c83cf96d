import { z } from 'zod';
import { metricsLoggedSchema } from './metrics-logged.event';
import { acceptMetricsLogged, fastPath } from './metrics-logged.fast-path';

/** A small deterministic PRNG, so a failure names a seed that reproduces it. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'f1',
  'a/b',
  'a b.c-d_e',
  'x'.repeat(250),
  'x'.repeat(251),
  '',
  '/a',
  'a/',
  'a//b',
  'a/../b',
  '.',
  '..',
  'ä',
  'a\nb',
  'a/./b',
  3,
  null,
];
const VALUES = [
  0,
  -1.5,
  1e308,
  5e-324,
  NaN,
  Infinity,
  -Infinity,
  'NaN',
  'Infinity',
  '-Infinity',
  'nan',
  'inf',
  '1',
  '',
  null,
  true,
  {},
  [],
  -0,
];
const INTEGERS = [
  0,
  1,
  -1,
  1.5,
  -0,
  2 ** 53 - 1,
  2 ** 53,
  -(2 ** 53),
  1e21,
  NaN,
  Infinity,
  '1',
  null,
  undefined,
];
const RUN_IDS = ['r1', 'run_1-A', 'x'.repeat(64), 'x'.repeat(65), '', 'a.b', 'a b', 'ü', 7, undefined];

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)]!;
}

/** Mostly valid events, with one or two things changed at random. */
function fuzzedEvent(rnd: () => number): unknown {
  const mutate = () => rnd() < 0.15;
  const points = Array.from({ length: mutate() ? pick(rnd, [0, 1001]) : 1 + Math.floor(rnd() * 5) }, () => {
    const point: Record<string, unknown> = {
      key: mutate() ? pick(rnd, KEYS) : 'metric_1',
      value: mutate() ? pick(rnd, VALUES) : rnd(),
      timestamp: mutate() ? pick(rnd, INTEGERS) : 1_700_000_000_000,
      step: mutate() ? pick(rnd, INTEGERS) : Math.floor(rnd() * 100),
    };
    if (mutate()) delete point[pick(rnd, ['key', 'value', 'timestamp', 'step'])];
    if (mutate()) point['extra'] = 1;
    return mutate() ? pick(rnd, [null, [], 'p', point]) : point;
  });
  const event: Record<string, unknown> = { runId: mutate() ? pick(rnd, RUN_IDS) : 'r1', metrics: points };
  if (mutate()) event['extra'] = 'x';
  return mutate() ? pick(rnd, [null, [], 'e', event]) : event;
}

/** The typed form of an event (numbers for NaN/±Infinity), as a publisher holds it. */
function typed(event: unknown): unknown {
  if (!event || typeof event !== 'object' || !Array.isArray((event as { metrics?: unknown }).metrics))
    return event;
  const e = event as { metrics: unknown[] };
  return {
    ...e,
    metrics: e.metrics.map((p) =>
      p && typeof p === 'object' && typeof (p as { value?: unknown }).value === 'string'
        ? { ...p, value: Number((p as { value: string }).value) }
        : p,
    ),
  };
}

function zodOnly<T>(f: () => T): T {
  fastPath.enabled = false;
  try {
    return f();
  } finally {
    fastPath.enabled = true;
  }
}

describe('MetricsLogged fast path', () => {
  test('MetricsLogged fast path - what it accepts, zod accepts with the same output (12,000 fuzzed events, both directions)', () => {
    let accepted = 0;
    let valid = 0;
    for (let seed = 0; seed < 6000; seed++) {
      const wire = fuzzedEvent(prng(seed));
      for (const [encode, input] of [
        [false, wire],
        [true, typed(wire)],
      ] as const) {
        const fast = acceptMetricsLogged(input, encode);
        const reference = zodOnly(() =>
          encode
            ? z.safeEncode(metricsLoggedSchema, input as never)
            : z.safeDecode(metricsLoggedSchema, input as never),
        );
        if (reference.success) valid++;
        if (fast === undefined) continue;
        accepted++;
        expect({ seed, encode, success: reference.success }).toEqual({ seed, encode, success: true });
        expect(fast).toEqual(reference.data);
      }
    }
    // And it must actually take the valid ones (all of them, in fact, on these inputs).
    expect(valid).toBeGreaterThan(1000);
    expect(accepted).toBe(valid);
  });

  test('MetricsLogged fast path - zod parse, decode and encode go through it and keep zod errors', () => {
    const event = { runId: 'r1', metrics: [{ key: 'loss', value: 'NaN', timestamp: 5, step: 1, junk: 1 }] };
    expect(metricsLoggedSchema.parse(event)).toEqual({
      runId: 'r1',
      metrics: [{ key: 'loss', value: NaN, timestamp: 5, step: 1 }],
    });
    expect(
      z.encode(metricsLoggedSchema, {
        runId: 'r1',
        metrics: [{ key: 'loss', value: -Infinity, timestamp: 5, step: 1 }],
      }),
    ).toEqual({
      runId: 'r1',
      metrics: [{ key: 'loss', value: '-Infinity', timestamp: 5, step: 1 }],
    });
    const bad = metricsLoggedSchema.safeParse({
      runId: 'r1',
      metrics: [{ key: 'a/../b', value: 1, timestamp: 5, step: 1 }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['metrics', 0, 'key']);
  });
});
