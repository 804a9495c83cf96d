/** Codes of errors the SDK raises itself (the API's own codes come from the server, e.g. `TRACKING.RUN_NOT_FOUND`). */
export const SdkErrorCodes = {
  /** The request never got an HTTP answer (connection refused, reset, DNS). */
  NETWORK: 'SDK.NETWORK_ERROR',
  /** No answer within `timeoutMs`. */
  TIMEOUT: 'SDK.TIMEOUT',
  /** The server answered with a body the SDK could not read as the documented shape. */
  INVALID_RESPONSE: 'SDK.INVALID_RESPONSE',
  /** An HTTP error whose body was not Slipway's `{code, message, details}`. */
  HTTP_ERROR: 'SDK.HTTP_ERROR',
  /** A live event stream ended without `close()` (the gateway restarted, the connection dropped). */
  STREAM_ENDED: 'SDK.STREAM_ENDED',
  /** A call the SDK refuses before sending it (bad argument, ended run). */
  INVALID_ARGUMENT: 'SDK.INVALID_ARGUMENT',
} as const;

/** The base of every error the SDK throws: a stable dotted `code` and a message. */
export class SlipwayError extends Error {
  /** Stable, machine-readable: `TRACKING.RUN_NOT_FOUND`, `SDK.TIMEOUT`, … */
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SlipwayError';
    this.code = code;
  }
}

/** The gateway answered with an error status: its `{code, message, details}` and the HTTP status. */
export class SlipwayApiError extends SlipwayError {
  /** The HTTP status (400, 401, 403, 404, 409, 429, 5xx). */
  readonly status: number;
  /** What the server added: the failing field, the conflicting value, … */
  readonly details: unknown;
  /** The server's `Retry-After`, in ms, when it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    details: unknown,
    retryAfterMs?: number,
    options?: ErrorOptions,
  ) {
    super(code, message, options);
    this.name = 'SlipwayApiError';
    this.status = status;
    this.details = details;
    this.retryAfterMs = retryAfterMs;
  }
}

/** The request got no HTTP answer: `SDK.NETWORK_ERROR` or `SDK.TIMEOUT`; the cause is the fetch error. */
export class SlipwayNetworkError extends SlipwayError {
  constructor(
    code: typeof SdkErrorCodes.NETWORK | typeof SdkErrorCodes.TIMEOUT,
    message: string,
    options?: ErrorOptions,
  ) {
    super(code, message, options);
    this.name = 'SlipwayNetworkError';
  }
}

/** The server's reply did not have the documented shape (`SDK.INVALID_RESPONSE`); `issues` says where. */
export class SlipwayResponseError extends SlipwayError {
  /** What did not match, as `path: message` lines. */
  readonly issues: string[];

  constructor(message: string, issues: string[]) {
    super(SdkErrorCodes.INVALID_RESPONSE, message);
    this.name = 'SlipwayResponseError';
    this.issues = issues;
  }
}
