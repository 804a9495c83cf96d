import type { Comparison, ComparisonRow } from '@slipway/sdk';
import { renderComparison } from './compare-table';
import { formatNumber } from './format';

function row(name: string, model: string, metrics: Record<string, number>, start: string): ComparisonRow {
  return {
    info: {
      runId: `id-${name}`,
      experimentId: '1',
      runName: name,
      status: 'FINISHED',
      startTime: Date.parse(start),
      endTime: null,
      userId: 'joak',
      sourceName: '/home/joak/param_search.py',
      gitCommit: 'a160af0ffee',
      parentRunId: null,
      lifecycleStage: 'active',
      artifactUri: '',
    },
    params: { model },
    tags: {},
    metrics: Object.fromEntries(
      Object.entries(metrics).map(([key, latest]) => [
        key,
        { key, latest, min: latest, max: latest, step: 0, timestamp: 0, count: 1 },
      ]),
    ),
  };
}

describe('compare table - the slide table of classifiers', () => {
  test('compare table - one row per run with date, user, source, version, params and metrics, the sorted metric marked', () => {
    const comparison: Comparison = {
      columns: { params: ['model'], tags: [], metrics: ['accuracy', 'f1', 'mean_fit_time'] },
      rows: [
        row(
          'xgb',
          'XGBClassifier',
          { accuracy: 0.997, f1: 0.972, mean_fit_time: 112.5 },
          '2018-08-17T12:52:31Z',
        ),
        row(
          'lr',
          'LogisticRegression',
          { accuracy: 0.995, f1: 0.961, mean_fit_time: 15.8612 },
          '2018-08-20T10:47:29Z',
        ),
      ],
    };
    const lines = renderComparison(comparison, { metric: 'f1', direction: 'DESC' }).split('\n');
    const text = lines.join('\n');
    expect(text).toContain('Parameters');
    expect(text).toContain('Metrics');
    expect(text).toContain('f1 ▼');
    const xgb = lines.findIndex((l) => l.includes('XGBClassifier'));
    const lr = lines.findIndex((l) => l.includes('LogisticRegression'));
    expect(xgb).toBeGreaterThan(0);
    expect(lr).toBeGreaterThan(xgb);
    expect(lines[xgb]).toMatch(
      /2018-08-17 12:52:31 .*joak .*xgb .*param_search\.py .*a160af .*XGBClassifier .*0\.997 .*0\.972 .*112\.5/,
    );
    expect(lines[lr]).toContain('15.86');
  });

  test('compare table - a run without a metric shows an empty cell', () => {
    const comparison: Comparison = {
      columns: { params: [], tags: [], metrics: ['f1', 'loss'] },
      rows: [row('a', 'm', { f1: 0.5 }, '2020-01-01T00:00:00Z')],
    };
    const line = renderComparison(comparison)
      .split('\n')
      .find((l) => l.includes('0.5'))!;
    expect(line.trim().endsWith('│')).toBe(true);
    expect(line).not.toContain('loss');
  });

  test('format - metrics get 4 significant digits; integers, NaN and infinities stay readable', () => {
    expect(formatNumber(0.97234)).toBe('0.9723');
    expect(formatNumber(112.54)).toBe('112.5');
    expect(formatNumber(21.2549)).toBe('21.25');
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(-Infinity)).toBe('-Inf');
    expect(formatNumber(undefined)).toBe('');
  });
});
