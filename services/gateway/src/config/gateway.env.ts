import { envInt, envOriginList, envString, optionalVar, withDefault } from '@slipway/config';

/** Settings of the gateway's HTTP edge: tokens, limits, timeouts. */
export const gatewayEnv = {
  /** An admin token to make sure exists at start (idempotent): for containers and scripts that set the secret themselves. */
  GATEWAY_ADMIN_TOKEN: optionalVar(
    envString(),
    'An admin API token secret to create at start if missing (for containers and scripts that choose the secret).',
  ),
  /** Where to write the admin token created on first start (mode 0600); it is also logged once. */
  GATEWAY_ADMIN_TOKEN_FILE: optionalVar(
    envString(),
    'File to write the admin token created on first start to (mode 0600); it is also logged once.',
  ),
  /** Requests one token (or one address without a token) may make per rate-limit window. */
  GATEWAY_RATE_LIMIT_MAX: withDefault(
    envInt(1),
    '600000',
    'Requests one token (or one address without a token) may make per rate-limit window; more get 429.',
  ),
  /** Length of the rate-limit window in ms. */
  GATEWAY_RATE_LIMIT_WINDOW_MS: withDefault(envInt(1), '60000', 'Length of the rate-limit window in ms.'),
  /** Browser origins whose pages may call the API (CORS). */
  GATEWAY_CORS_ORIGINS: optionalVar(
    envOriginList(),
    "Browser origins whose pages may call the API (CORS), comma-separated, e.g. `https://app.example.com,http://localhost:5173`, or `*` for any. Unset: no CORS headers, so browsers call only from the gateway's own origin.",
  ),
  /** Largest JSON request body in bytes (artifact uploads are limited by ARTIFACTS_MAX_BYTES instead). */
  GATEWAY_BODY_LIMIT_BYTES: withDefault(
    envInt(1024),
    String(10 * 1024 * 1024),
    'Largest JSON request body in bytes; a larger one gets 413 (artifact uploads are limited by ARTIFACTS_MAX_BYTES).',
  ),
  /** How long a verified token is trusted before Postgres is asked again; a revocation on another replica waits this long. */
  GATEWAY_TOKEN_CACHE_MS: withDefault(
    envInt(0, 600_000),
    '5000',
    'How long a verified token is trusted before Postgres is asked again (a revocation on another replica waits this long).',
  ),
  /** How long the gateway waits for a service's reply. */
  GATEWAY_RPC_TIMEOUT_MS: withDefault(
    envInt(100, 600_000),
    '10000',
    "How long the gateway waits for a service's reply, in ms.",
  ),
  /** Linger of asynchronous metric writes: the least time between two JetStream messages of coalesced requests. */
  GATEWAY_METRICS_LINGER_MS: withDefault(
    envInt(0, 1000),
    '5',
    'Least time between two messages of coalesced asynchronous metric writes (POST /runs/:id/metrics), in ms: under load each message carries this long of requests (fewer, larger messages for tracking); an idle gateway still sends at once. 0 turns it off.',
  ),
  /** Largest artifact file accepted, in bytes. */
  ARTIFACTS_MAX_BYTES: withDefault(
    envInt(1),
    String(5 * 1024 ** 3),
    'Largest artifact file accepted, in bytes; a larger upload fails with ARTIFACTS.TOO_LARGE and nothing of it is kept.',
  ),
};
