import { SlipwayError } from '@slipway/contracts';

/** Stable codes of the model aggregate's errors; the gateway maps them to HTTP and MLflow codes. */
export const RegistryErrorCodes = {
  MODEL_NOT_FOUND: 'REGISTRY.MODEL_NOT_FOUND',
  MODEL_ALREADY_EXISTS: 'REGISTRY.MODEL_ALREADY_EXISTS',
  VERSION_NOT_FOUND: 'REGISTRY.VERSION_NOT_FOUND',
  VERSION_ARCHIVED: 'REGISTRY.VERSION_ARCHIVED',
  RESERVED_ALIAS: 'REGISTRY.RESERVED_ALIAS',
  ALIAS_NOT_FOUND: 'REGISTRY.ALIAS_NOT_FOUND',
  ALREADY_HOLDS_ALIAS: 'REGISTRY.ALREADY_HOLDS_ALIAS',
  APPROVAL_REQUIRED: 'REGISTRY.APPROVAL_REQUIRED',
  SELF_APPROVAL: 'REGISTRY.SELF_APPROVAL',
  GATE_FAILED: 'REGISTRY.GATE_FAILED',
  REQUEST_NOT_FOUND: 'REGISTRY.REQUEST_NOT_FOUND',
  REQUEST_ALREADY_EXISTS: 'REGISTRY.REQUEST_ALREADY_EXISTS',
  REQUEST_NOT_OPEN: 'REGISTRY.REQUEST_NOT_OPEN',
  NOTHING_TO_ROLL_BACK: 'REGISTRY.NOTHING_TO_ROLL_BACK',
  /** Tracking did not answer while gate metrics were fetched; retryable (not `permanent`). */
  TRACKING_UNAVAILABLE: 'REGISTRY.TRACKING_UNAVAILABLE',
  /** A search's page token was not one this registry handed out. */
  INVALID_PAGE_TOKEN: 'REGISTRY.INVALID_PAGE_TOKEN',
} as const;

export type RegistryErrorCode = (typeof RegistryErrorCodes)[keyof typeof RegistryErrorCodes];

/** A command the model aggregate refuses; `code` says why, `details` names the model, version, alias… */
export class RegistryError extends SlipwayError {
  /** Retrying the same command against the same state can never succeed. */
  override readonly permanent = true;

  constructor(
    override readonly code: RegistryErrorCode,
    message: string,
    details?: Record<string, unknown>,
    options?: ErrorOptions,
  ) {
    super(code, message, details, options);
    this.name = 'RegistryError';
  }
}
