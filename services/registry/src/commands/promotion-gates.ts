import type { GateMetrics, GateResult, ModelView } from '@slipway/contracts';
import { evaluateGates, type Metrics, policyFor, type RegistryPolicy } from '../models';

/**
 * The gate results of moving `alias` to `version`. Metrics the caller did not pass default to the
 * snapshots the registry holds: the candidate's and the current holder's, taken at their creation.
 * Fetching fresh ones (and the baseline run's) from tracking over RPC is the next step.
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
