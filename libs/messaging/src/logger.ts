/**
 * The logger messaging code writes to: pino-compatible (`logger.warn({ subject }, 'message')`),
 * so a service passes its pino instance as is.
 */
export interface MessagingLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

/** Discards everything (tests that assert on behaviour, not on logs). */
export const silentLogger: MessagingLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** The minimal Nest `LoggerService` surface used by {@link nestLoggerAdapter}. */
export interface NestLikeLogger {
  log(message: unknown, ...optionalParams: unknown[]): unknown;
  warn(message: unknown, ...optionalParams: unknown[]): unknown;
  error(message: unknown, ...optionalParams: unknown[]): unknown;
}

/** Writes messaging logs through a Nest logger (the default of the JetStream transport). */
export function nestLoggerAdapter(logger: NestLikeLogger): MessagingLogger {
  const line = (obj: Record<string, unknown>, msg: string) =>
    Object.keys(obj).length ? `${msg} ${safeJson(obj)}` : msg;
  return {
    info: (obj, msg) => logger.log(line(obj, msg)),
    warn: (obj, msg) => logger.warn(line(obj, msg)),
    error: (obj, msg) => logger.error(line(obj, msg)),
  };
}

function safeJson(obj: Record<string, unknown>): string {
  try {
    return JSON.stringify(obj, (_key, value: unknown) => (value instanceof Error ? value.message : value));
  } catch {
    return '[unserializable]';
  }
}
