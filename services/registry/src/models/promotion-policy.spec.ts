import { evaluateGates, failedGates, policyFor, type AliasPolicy } from './promotion-policy';
import { policy } from './model.fixtures';

// The talk's numbers: the "New model" predicts the positive class for everyone.
const newModel = { accuracy: 0.0954, f1: 0.174182, precision: 0.0954, recall: 1.0, roc_auc: 0.5 };
const baseline = { accuracy: 0.8284, f1: 0.089537, precision: 0.088803, recall: 0.097484, roc_auc: 0.496789 };
const current = { accuracy: 0.8286, f1: 0.097764, precision: 0.095778, recall: 0.097484, roc_auc: 0.49472 };

const talkPolicy: AliasPolicy = {
  requiresApproval: true,
  gates: [
    { metric: 'f1', op: '>=', against: 'current-holder' },
    { metric: 'f1', op: '>=', against: 'baseline-run' },
    { metric: 'recall', op: '<=', value: 0.99 },
  ],
};

describe('promotion policy', () => {
  test('promotion policy - the degenerate new model beats f1 but fails recall <= 0.99', () => {
    const results = evaluateGates(talkPolicy, newModel, current, baseline);
    expect(results.map((r) => [r.gate, r.passed])).toEqual([
      ['f1 >= current-holder', true],
      ['f1 >= baseline-run', true],
      ['recall <= 0.99', false],
    ]);
    expect(failedGates(results)).toEqual([
      {
        gate: 'recall <= 0.99',
        passed: false,
        actual: 1,
        expected: '<= 0.99',
        message: 'recall 1 fails <= 0.99',
      },
    ]);
  });

  test('promotion policy - the current model passes every gate against the baseline', () => {
    const results = evaluateGates(talkPolicy, current, undefined, baseline);
    expect(failedGates(results)).toEqual([]);
    expect(results[0]).toMatchObject({
      passed: true,
      expected: null,
      message: 'no current holder to compare with',
    });
    expect(results[1]).toMatchObject({ actual: 0.097764, expected: '>= 0.089537' });
  });

  test('promotion policy - the baseline does not beat the current holder', () => {
    const [vsHolder] = evaluateGates(talkPolicy, baseline, current, baseline);
    expect(vsHolder).toMatchObject({
      passed: false,
      message: 'f1 0.089537 fails >= 0.097764 (current-holder)',
    });
  });

  test('promotion policy - a missing candidate metric, baseline or NaN fails closed', () => {
    const gates: AliasPolicy = {
      requiresApproval: false,
      gates: [
        { metric: 'auc', op: '>', against: 0.5 },
        { metric: 'f1', op: '>=', against: 'baseline-run' },
        { metric: 'loss', op: '<', value: 1 },
      ],
    };
    const results = evaluateGates(gates, { f1: 0.2, loss: NaN });
    expect(results.map((r) => [r.passed, r.message])).toEqual([
      [false, 'candidate has no auc'],
      [false, 'no baseline run metrics'],
      [false, 'loss NaN fails < 1'],
    ]);
  });

  test('promotion policy - every operator', () => {
    const ops = ['>=', '>', '<=', '<', '=='] as const;
    const results = ops.map(
      (op) =>
        evaluateGates({ requiresApproval: false, gates: [{ metric: 'm', op, value: 1 }] }, { m: 1 })[0]!
          .passed,
    );
    expect(results).toEqual([true, false, true, false, true]);
  });

  test('promotion policy - aliases without their own policy get the default', () => {
    expect(policyFor(policy, 'production').requiresApproval).toBe(true);
    expect(policyFor(policy, 'shadow')).toEqual({ requiresApproval: false, gates: [] });
  });
});
