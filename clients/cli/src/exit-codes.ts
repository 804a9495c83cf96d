import { SlipwayApiError, SlipwayNetworkError } from '@slipway/sdk';

/** What `slipway` exits with; listed in `slipway --help`. */
export const ExitCode = {
  OK: 0,
  /** The API refused the request (its code and message are printed to stderr). */
  API_ERROR: 1,
  /** Bad command line or missing configuration. */
  USAGE: 2,
  /** The token is missing, wrong, expired, revoked (401) or lacks the scope (403). */
  AUTH: 3,
  /** What was asked for does not exist (404). */
  NOT_FOUND: 4,
  /** The gateway could not be reached, timed out, or is unavailable or rate limiting (429, 502-504). */
  UNAVAILABLE: 5,
} as const;

/** An error of the command line itself (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The exit code of an error thrown by a command. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError) return ExitCode.USAGE;
  if (error instanceof SlipwayNetworkError) return ExitCode.UNAVAILABLE;
  if (error instanceof SlipwayApiError) {
    if (error.status === 401 || error.status === 403) return ExitCode.AUTH;
    if (error.status === 404) return ExitCode.NOT_FOUND;
    if ([429, 502, 503, 504].includes(error.status)) return ExitCode.UNAVAILABLE;
  }
  return ExitCode.API_ERROR;
}

/** The `--help` epilog that documents the exit codes. */
export const EXIT_CODES_HELP = `
Exit codes:
  0  ok
  1  API error (its code and message are printed to stderr)
  2  usage error (bad arguments, no --url/SLIPWAY_URL or --token/SLIPWAY_TOKEN)
  3  authentication or permission (HTTP 401/403)
  4  not found (HTTP 404)
  5  unavailable or timed out (network error, HTTP 429/502/503/504)

Configuration: --url or SLIPWAY_URL (the gateway, e.g. http://localhost:8080),
--token or SLIPWAY_TOKEN (an API token). --json prints machine-readable output.`;
