/** Redelivery delays after the 1st, 2nd, 3rd… failed attempt; the last one repeats. */
export const DEFAULT_BACKOFF_MS: readonly number[] = [1_000, 5_000, 15_000];

/** Deliveries of one message before it goes to the dead-letter queue. */
export const DEFAULT_MAX_DELIVER = 5;

/**
 * The delay of the `nak` after a failed attempt: `backoffMs[min(deliveryCount - 1, length - 1)]`
 * (delivery 1 failed → first delay). An empty list means redeliver at once.
 */
export function nakDelayFor(
  deliveryCount: number,
  backoffMs: readonly number[] = DEFAULT_BACKOFF_MS,
): number {
  if (backoffMs.length === 0) return 0;
  const index = Math.min(Math.max(deliveryCount - 1, 0), backoffMs.length - 1);
  return Math.max(0, backoffMs[index]!);
}

/** What to do with a message whose handler failed on delivery `deliveryCount`. */
export type FailureDecision =
  { action: 'retry'; delayMs: number } | { action: 'dead-letter'; reason: string };

/** Retry with backoff until `maxDeliver` deliveries, then dead-letter with the last error. */
export function decideOnFailure(
  deliveryCount: number,
  maxDeliver: number,
  backoffMs: readonly number[],
  errorMessage: string,
): FailureDecision {
  if (deliveryCount >= maxDeliver) {
    return { action: 'dead-letter', reason: `max deliveries (${maxDeliver}) reached: ${errorMessage}` };
  }
  return { action: 'retry', delayMs: nakDelayFor(deliveryCount, backoffMs) };
}
