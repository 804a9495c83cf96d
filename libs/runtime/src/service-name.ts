/** Injection token of the running service's name (`tracking`, `registry`, …). */
export const SERVICE_NAME = Symbol('SERVICE_NAME');
/** Injection token of the pino logger of the running service. */
export const LOGGER = Symbol('LOGGER');
