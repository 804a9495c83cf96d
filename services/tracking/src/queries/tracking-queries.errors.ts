import { SlipwayError } from '@slipway/contracts';

/** No active run of the experiment has a (non-NaN) value of the metric. */
export class NoRunWithMetricError extends SlipwayError {
  constructor(experimentId: string, metric: string) {
    super(
      'TRACKING.NO_RUN_WITH_METRIC',
      `no run of experiment ${experimentId} has a value of metric "${metric}"`,
      {
        experimentId,
        metric,
      },
    );
    this.name = 'NoRunWithMetricError';
  }
}
