/** Injection token of the list of {@link DependencyCheck}s a service's readiness depends on. */
export const DEPENDENCY_CHECKS = Symbol('DEPENDENCY_CHECKS');

/** One dependency of a service (NATS, Postgres, ClickHouse): `check` resolves when it is usable, throws when not. */
export interface DependencyCheck {
  readonly name: string;
  check(): Promise<void>;
}

/** Rejects with a clear message when `promise` has not settled after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
