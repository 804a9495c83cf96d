/** The transport id of `JetStreamServer`: `@EventPattern(type, JETSTREAM_TRANSPORT)` targets it in a hybrid app. */
export const JETSTREAM_TRANSPORT = Symbol('SLIPWAY_JETSTREAM');
