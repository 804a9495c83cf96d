import { z } from 'zod';
import type { GateResult } from '@slipway/contracts';

/** How a candidate's metric is compared. */
export const gateOpSchema = z.enum(['>=', '>', '<=', '<', '==']);
export type GateOp = z.infer<typeof gateOpSchema>;

/**
 * One gate. `against` compares with the current holder of the alias or with the policy's
 * baseline run; `value` (or a numeric `against`) with a fixed number.
 */
export const gateSpecSchema = z.union([
  z.object({
    metric: z.string().min(1).max(250),
    op: gateOpSchema,
    against: z.union([z.enum(['current-holder', 'baseline-run']), z.number()]),
  }),
  z.object({ metric: z.string().min(1).max(250), op: gateOpSchema, value: z.number() }),
]);
export type GateSpec = z.infer<typeof gateSpecSchema>;

/** The rules for moving one alias. */
export const aliasPolicySchema = z.object({
  /** Whether a person other than the requester must approve. Default false. */
  requiresApproval: z.boolean().default(false),
  /** Gates evaluated at request time; a failed gate blocks unless an admin overrides. Default none. */
  gates: z.array(gateSpecSchema).default([]),
  /** The tracking run whose metrics `against: 'baseline-run'` compares with. */
  baselineRunId: z.string().min(1).max(64).optional(),
});
export type AliasPolicy = z.infer<typeof aliasPolicySchema>;

/** Policies by alias, and the one for every other alias. */
export const registryPolicySchema = z.object({
  default: aliasPolicySchema,
  aliases: z.record(z.string(), aliasPolicySchema).default({}),
});
export type RegistryPolicy = z.infer<typeof registryPolicySchema>;

/** No gates anywhere; `production` and `champion` need an approval. */
export const DEFAULT_REGISTRY_POLICY: RegistryPolicy = {
  default: { requiresApproval: false, gates: [] },
  aliases: {
    production: { requiresApproval: true, gates: [] },
    champion: { requiresApproval: true, gates: [] },
  },
};

/** The policy of one alias. */
export function policyFor(policy: RegistryPolicy, alias: string): AliasPolicy {
  return policy.aliases[alias] ?? policy.default;
}

/** Metrics by name, as tracking returns a run's latest values. */
export type Metrics = Readonly<Record<string, number>>;

function compare(actual: number, op: GateOp, expected: number): boolean {
  switch (op) {
    case '>=':
      return actual >= expected;
    case '>':
      return actual > expected;
    case '<=':
      return actual <= expected;
    case '<':
      return actual < expected;
    case '==':
      return actual === expected;
  }
}

function targetOf(gate: GateSpec): 'current-holder' | 'baseline-run' | number {
  return 'value' in gate ? gate.value : gate.against;
}

function evaluateGate(gate: GateSpec, candidate: Metrics, holder?: Metrics, baseline?: Metrics): GateResult {
  const target = targetOf(gate);
  const name = `${gate.metric} ${gate.op} ${target}`.slice(0, 128);
  const actual = candidate[gate.metric];
  if (actual === undefined) {
    return {
      gate: name,
      passed: false,
      actual: null,
      expected: name,
      message: `candidate has no ${gate.metric}`,
    };
  }
  if (target === 'current-holder' && holder === undefined) {
    // A new alias has nobody to beat.
    return { gate: name, passed: true, actual, expected: null, message: 'no current holder to compare with' };
  }
  const reference = target === 'current-holder' ? holder : target === 'baseline-run' ? baseline : undefined;
  const expected = typeof target === 'number' ? target : reference?.[gate.metric];
  if (expected === undefined) {
    const missing =
      target === 'baseline-run' && !baseline ? 'no baseline run metrics' : `${target} has no ${gate.metric}`;
    return { gate: name, passed: false, actual, expected: null, message: missing };
  }
  const passed = compare(actual, gate.op, expected);
  const relation = passed ? 'meets' : 'fails';
  return {
    gate: name,
    passed,
    actual,
    expected: `${gate.op} ${expected}`,
    message: `${gate.metric} ${actual} ${relation} ${gate.op} ${expected}${typeof target === 'number' ? '' : ` (${target})`}`,
  };
}

/**
 * Evaluates every gate of `policy` for a candidate. Pure: the caller fetches the candidate's,
 * the current holder's (absent for a new alias) and the baseline run's metrics from tracking.
 * A missing candidate metric, or a missing baseline, fails the gate; NaN fails every comparison.
 */
export function evaluateGates(
  policy: AliasPolicy,
  candidateMetrics: Metrics,
  holderMetrics?: Metrics,
  baselineMetrics?: Metrics,
): GateResult[] {
  return policy.gates.map((gate) => evaluateGate(gate, candidateMetrics, holderMetrics, baselineMetrics));
}

/** The gates that failed. */
export function failedGates(gates: readonly GateResult[]): GateResult[] {
  return gates.filter((g) => !g.passed);
}
