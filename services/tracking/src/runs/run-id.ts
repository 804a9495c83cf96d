import { randomUUID } from 'node:crypto';

/** A new run id as MLflow makes them: a random UUID as 32 lower-case hex digits. */
export function newRunId(): string {
  return randomUUID().replaceAll('-', '');
}
