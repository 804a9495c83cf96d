import { randomBytes } from 'node:crypto';

/** 8 random lower-case hex characters, for names that must not collide between parallel suites. */
export function randomSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** A subject root of its own (`test_1a2b3c4d`), so a suite's streams never overlap another's on a shared NATS. */
export function uniqueSubjectRoot(): string {
  return `test_${randomSuffix()}`;
}

/**
 * Refuses a database name without "test", so a test set-up pointed at the wrong server by a
 * stray `DATABASE_URL` can never create or drop a real database.
 */
export function assertTestDatabaseName(name: string): string {
  if (!/test/i.test(name))
    throw new Error(`refusing to use database "${name}" in tests: its name must contain "test"`);
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`test database name "${name}" must be lower-case letters, digits or _`);
  return name;
}
