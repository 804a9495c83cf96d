import { SlipwayError } from '@slipway/contracts';

/** Stable codes of metrics-store errors (`SlipwayError.code`). */
export const MetricsErrorCodes = {
  /** A batch of points could not be stored; every event of the batch should be retried (nak). */
  WRITE_FAILED: 'TRACKING.METRICS_WRITE_FAILED',
  /** The writer is closed (the service is shutting down); the event should be retried elsewhere. */
  WRITER_CLOSED: 'TRACKING.METRICS_WRITER_CLOSED',
} as const;

/** A batch insert failed; `cause` holds ClickHouse's error. Retryable. */
export class MetricsWriteError extends SlipwayError {
  constructor(message: string, details: Record<string, unknown>, options?: ErrorOptions) {
    super(MetricsErrorCodes.WRITE_FAILED, message, details, options);
    this.name = 'MetricsWriteError';
  }
}

/** `add` was called after `close`. Retryable on another replica. */
export class MetricsWriterClosedError extends SlipwayError {
  constructor() {
    super(MetricsErrorCodes.WRITER_CLOSED, 'the metric points writer is closed');
    this.name = 'MetricsWriterClosedError';
  }
}
