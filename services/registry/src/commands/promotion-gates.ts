import type { GateMetrics, GateResult, ModelView } from '@slipway/contracts';
import {
  evaluateGates,
  type GateSpec,
  type Metrics,
  type ModelState,
  policyFor,
  type RegistryPolicy,
} from '../models';
import type { RunMetricsSource } from './tracking-metrics.client';

/**
 * The gate results of moving `alias` to `version` from the snapshots the registry holds (taken
 * at each version's creation) or the metrics the caller passed. Pure; kept for offline use and
 * tests. The RPCs use {@link resolveGates}, which asks tracking.
 */
export function gatesFor(
  policy: RegistryPolicy,
  model: ModelView,
  version: number,
  alias: string,
  metrics: GateMetrics,
): GateResult[] {
  const snapshot = (v: number | undefined): Metrics | undefined =>
    model.versions.find((candidate) => candidate.version === v)?.metrics;
  const candidate = metrics.candidate ?? snapshot(version) ?? {};
  const holder = metrics.holder ?? snapshot(model.aliases[alias]);
  return evaluateGates(policyFor(policy, alias), candidate, holder, metrics.baseline);
}

/** Metrics of one side of a comparison, or why there are none. */
type Side = { metrics: Metrics } | { missing: string } | undefined;

/**
 * The gate results of moving `alias` to `version` in `state`, with metrics fetched from tracking
 * at request time: the candidate's run, the current holder's run (when a gate compares with it)
 * and the baseline run (when a gate compares with it): `given.baselineRunId`, else the policy's. Per side, metrics passed by the
 * caller win (tests, offline); a version without a run id uses its stored snapshot. A run that
 * tracking does not know fails the gates that need it, saying so. Only the runs a gate needs are
 * fetched, and none when the alias has no gates. `fetchOnce` is a per-command cache, so a retry
 * after a lost race only asks for runs it has not seen (e.g. the new holder's).
 *
 * @throws TrackingUnavailableError when tracking does not answer.
 */
export async function resolveGates(
  policy: RegistryPolicy,
  state: ModelState,
  version: number,
  alias: string,
  given: GateMetrics & { readonly baselineRunId?: string | undefined },
  tracking: RunMetricsSource,
  cache: Map<string, Promise<Metrics | null>> = new Map(),
): Promise<GateResult[]> {
  const aliasPolicy = policyFor(policy, alias);
  const candidateVersion = state.versions[version];
  // No gates, or no such version (the aggregate refuses the command itself).
  if (aliasPolicy.gates.length === 0 || !candidateVersion) return [];

  const fetchRun = async (who: string, runId: string): Promise<Side> => {
    let pending = cache.get(runId);
    if (!pending) {
      pending = tracking.latestMetrics(runId);
      cache.set(runId, pending);
      pending.catch(() => cache.delete(runId));
    }
    const metrics = await pending;
    return metrics ? { metrics } : { missing: `${who} run ${runId} not found in tracking` };
  };
  const sideOf = (
    who: string,
    override: Metrics | undefined,
    v: { runId: string | null; metrics: Metrics } | undefined,
  ): Promise<Side> | Side => {
    if (override) return { metrics: override };
    if (!v) return undefined;
    return v.runId ? fetchRun(who, v.runId) : { metrics: v.metrics };
  };

  // A baseline run named in the request wins over the policy's.
  const baselineRunId = given.baselineRunId ?? aliasPolicy.baselineRunId;
  const uses = (target: 'current-holder' | 'baseline-run') =>
    aliasPolicy.gates.some((g) => 'against' in g && g.against === target);
  const holderVersion = state.aliases[alias];
  const holderState = holderVersion === undefined ? undefined : state.versions[holderVersion];
  const [candidate, holder, baseline] = await Promise.all([
    sideOf('candidate', given.candidate, candidateVersion),
    uses('current-holder') ? sideOf('current holder', given.holder, holderState) : undefined,
    uses('baseline-run')
      ? given.baseline
        ? { metrics: given.baseline }
        : baselineRunId
          ? fetchRun('baseline', baselineRunId)
          : undefined
      : undefined,
  ]);

  const metricsOf = (side: Side) => (side && 'metrics' in side ? side.metrics : undefined);
  const results = evaluateGates(
    aliasPolicy,
    metricsOf(candidate) ?? {},
    metricsOf(holder),
    metricsOf(baseline),
  );
  return results.map((result, i) => {
    const missing = missingFor(aliasPolicy.gates[i], candidate, holder, baseline);
    return missing ? { ...result, passed: false, actual: null, expected: null, message: missing } : result;
  });
}

/** Why a gate cannot be evaluated because a run it needs is unknown to tracking. */
function missingFor(
  gate: GateSpec | undefined,
  candidate: Side,
  holder: Side,
  baseline: Side,
): string | undefined {
  const reasonOf = (side: Side) => (side && 'missing' in side ? side.missing : undefined);
  if (reasonOf(candidate)) return reasonOf(candidate);
  if (!gate || !('against' in gate)) return undefined;
  if (gate.against === 'current-holder') return reasonOf(holder);
  if (gate.against === 'baseline-run') return reasonOf(baseline);
  return undefined;
}
