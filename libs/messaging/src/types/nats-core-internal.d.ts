/**
 * nats.js v3 packages import `@nats-io/nats-core/internal`, a subpath only visible through
 * package.json `exports`, which TypeScript's `moduleResolution: node` ignores (and nats-core's
 * own `types` field points to a missing file). Without this declaration the types of
 * `@nats-io/transport-node` and `@nats-io/jetstream` lose everything re-exported from nats-core
 * (`NatsConnection`, `MsgHdrs`, `headers()`…). A `paths` entry in tsconfig.base.json would do the same.
 */
declare module '@nats-io/nats-core/internal' {
  export * from '@nats-io/nats-core/lib/internal_mod';
}
