import { MetricsBatchLogged, MetricsLogged } from '@slipway/contracts';
import { runShareOfBatch } from './live-run-events';

const point = (step: number) => ({ key: 'loss', value: step / 10, step, timestamp: 1_764_400_000_000 });
const batch = {
  specversion: '1.0',
  id: 'http.batch.1',
  source: '/slipway/gateway',
  type: MetricsBatchLogged.type,
  data: {
    runs: [
      { runId: 'a', metrics: [point(1), point(2)] },
      { runId: 'b', metrics: [point(1)] },
      { runId: 'a', metrics: [point(3)] },
    ],
  },
};

describe("live run events - a run's share of a coalesced batch", () => {
  test('is the MetricsLogged the run would have had alone, all its entries in order', () => {
    expect(runShareOfBatch(batch, 'a')).toEqual({
      ...batch,
      id: 'http.batch.1#a',
      type: MetricsLogged.type,
      subject: 'a',
      data: { runId: 'a', metrics: [point(1), point(2), point(3)] },
    });
  });

  test('is nothing for a run the batch does not hold, or for another kind of event', () => {
    expect(runShareOfBatch(batch, 'c')).toBeUndefined();
    expect(runShareOfBatch({ ...batch, type: MetricsLogged.type }, 'a')).toBeUndefined();
    expect(runShareOfBatch({ ...batch, data: { runs: 'x' } }, 'a')).toBeUndefined();
  });
});
