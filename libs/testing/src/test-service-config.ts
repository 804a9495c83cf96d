/**
 * The service-kit settings of a service booted in-process (`bootstrapService`) by a test or a
 * bench: its own nats-server, the `slipway` subject root, an ephemeral HTTP port on loopback and
 * warnings only in the logs. Spread it and override what differs.
 */
export function testServiceConfig(natsUrl: string) {
  return {
    NATS_URL: [natsUrl],
    SLIPWAY_SUBJECT_ROOT: 'slipway',
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: 0,
    LOG_LEVEL: 'warn',
    SHUTDOWN_TIMEOUT_MS: 10_000,
  };
}
