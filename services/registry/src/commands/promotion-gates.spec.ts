import {
  initialState,
  type Metrics,
  type ModelState,
  type ModelVersionState,
  type RegistryPolicy,
} from '../models';
import { resolveGates } from './promotion-gates';
import { TrackingUnavailableError } from './tracking-metrics.client';

const policy: RegistryPolicy = {
  default: { requiresApproval: false, gates: [] },
  aliases: {
    production: {
      requiresApproval: true,
      baselineRunId: 'base',
      gates: [
        { metric: 'f1', op: '>=', against: 'current-holder' },
        { metric: 'f1', op: '>=', against: 'baseline-run' },
        { metric: 'recall', op: '<=', value: 0.99 },
      ],
    },
  },
};

const version = (number: number, runId: string | null, metrics: Metrics = {}): ModelVersionState => ({
  number,
  source: `runs:/${runId ?? 'x'}/model`,
  runId,
  flavor: 'sklearn',
  signature: null,
  metrics,
  tags: {},
  status: 'active',
  description: null,
  createdBy: null,
});

const state = (holder?: number): ModelState => ({
  ...initialState,
  exists: true,
  name: 'm',
  versions: { 1: version(1, 'cur'), 2: version(2, 'new'), 3: version(3, null, { f1: 0.5, recall: 0.4 }) },
  lastVersion: 3,
  aliases: holder === undefined ? {} : { production: holder },
});

function tracking(runs: Record<string, Metrics>) {
  const asked: string[] = [];
  return {
    asked,
    latestMetrics: (runId: string) => {
      asked.push(runId);
      return Promise.resolve(runs[runId] ?? null);
    },
  };
}

const runs = { cur: { f1: 0.097764 }, new: { f1: 0.174182, recall: 1 }, base: { f1: 0.2 } };

describe('promotion gates on metrics from tracking', () => {
  test('gates - candidate, holder and baseline runs are fetched; each gate says why', async () => {
    const source = tracking(runs);
    const gates = await resolveGates(policy, state(1), 2, 'production', {}, source);
    expect(gates.map((g) => [g.passed, g.message])).toEqual([
      [true, 'f1 0.174182 meets >= 0.097764 (current-holder)'],
      [false, 'f1 0.174182 fails >= 0.2 (baseline-run)'],
      [false, 'recall 1 fails <= 0.99'],
    ]);
    expect(source.asked.sort()).toEqual(['base', 'cur', 'new']);
  });

  test('gates - metrics in the request win; a version without a run uses its snapshot; no gates, no fetch', async () => {
    const source = tracking(runs);
    const gates = await resolveGates(
      policy,
      state(1),
      3,
      'production',
      { holder: { f1: 0.6 }, baseline: { f1: 0.1 } },
      source,
    );
    expect(gates.map((g) => g.passed)).toEqual([false, true, true]);
    expect(source.asked).toEqual([]);
    expect(await resolveGates(policy, state(1), 2, 'staging', {}, source)).toEqual([]);
    expect(source.asked).toEqual([]);
  });

  test('gates - an unknown run fails the gates that need it; a retry reuses what was fetched', async () => {
    const source = tracking({ new: runs.new });
    const cache = new Map<string, Promise<Metrics | null>>();
    const gates = await resolveGates(policy, state(1), 2, 'production', {}, source, cache);
    expect(gates.map((g) => [g.passed, g.message])).toEqual([
      [false, 'current holder run cur not found in tracking'],
      [false, 'baseline run base not found in tracking'],
      [false, 'recall 1 fails <= 0.99'],
    ]);
    await resolveGates(policy, state(3), 2, 'production', {}, source, cache);
    expect(source.asked.sort()).toEqual(['base', 'cur', 'new']);
  });

  test('gates - tracking unavailable propagates, and is not cached', async () => {
    let calls = 0;
    const down = {
      latestMetrics: (runId: string) => {
        calls++;
        return Promise.reject(new TrackingUnavailableError(runId, new Error('no responders')));
      },
    };
    const cache = new Map<string, Promise<Metrics | null>>();
    await expect(resolveGates(policy, state(), 2, 'production', {}, down, cache)).rejects.toMatchObject({
      code: 'REGISTRY.TRACKING_UNAVAILABLE',
      permanent: false,
    });
    await expect(resolveGates(policy, state(), 2, 'production', {}, down, cache)).rejects.toBeInstanceOf(
      TrackingUnavailableError,
    );
    expect(calls).toBeGreaterThanOrEqual(2);
  });
});
