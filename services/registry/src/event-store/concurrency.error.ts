import { SlipwayError } from '@slipway/contracts';
import type { ExpectedVersion } from './event-store.types';

/** Error codes of the event store. */
export const EventStoreErrorCodes = {
  CONCURRENCY_CONFLICT: 'REGISTRY.CONCURRENCY_CONFLICT',
  DUPLICATE_EVENT: 'REGISTRY.DUPLICATE_EVENT',
} as const;

/**
 * An append found the stream at another version than the caller expected (or lost the race for
 * the next version): nothing was stored; reload the stream, decide again and retry.
 */
export class ConcurrencyError extends SlipwayError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number | null,
    options?: ErrorOptions,
  ) {
    super(
      EventStoreErrorCodes.CONCURRENCY_CONFLICT,
      `stream ${streamId} is at version ${actual ?? 'unknown'}, expected ${String(expected)}`,
      { streamId, expected, actual },
      options,
    );
    this.name = 'ConcurrencyError';
  }
}

/** An append carried an event id that is already stored: the events were appended before. */
export class DuplicateEventError extends SlipwayError {
  override readonly permanent = true;

  constructor(streamId: string, options?: ErrorOptions) {
    super(
      EventStoreErrorCodes.DUPLICATE_EVENT,
      `an event appended to ${streamId} has an id that is already stored`,
      { streamId },
      options,
    );
    this.name = 'DuplicateEventError';
  }
}
