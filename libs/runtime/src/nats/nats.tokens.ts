/** Injection token of the service's NATS connection (`NatsConnection` of nats.js v3). */
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
/** Injection token of the service's {@link EventPublisher}. */
export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');
