/**
 * The base of every typed error in Slipway. `code` is stable and dotted
 * (`REGISTRY.MODEL_NOT_FOUND`); the gateway maps codes to HTTP status in one table.
 */
export class SlipwayError extends Error {
  /**
   * True when retrying the same input can never succeed (invalid input, a conflict with what is
   * stored): an event handler failing this way sends the event to the DLQ at once.
   */
  readonly permanent: boolean = false;

  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'SlipwayError';
  }

  /** The shape errors take on the wire (RPC replies, HTTP bodies). */
  toJSON(): ErrorBody {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

/** The one shape of an error on the wire. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** Error codes shared by every service. */
export const CommonErrorCodes = {
  VALIDATION: 'COMMON.VALIDATION_FAILED',
  NOT_FOUND: 'COMMON.NOT_FOUND',
  CONFLICT: 'COMMON.CONFLICT',
  UNAVAILABLE: 'COMMON.DEPENDENCY_UNAVAILABLE',
  REPLY_TOO_LARGE: 'COMMON.REPLY_TOO_LARGE',
  INTERNAL: 'COMMON.INTERNAL',
} as const;
