import { SlipwayError } from '@slipway/contracts';
import { PersistenceErrorCodes } from './persistence-errors';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Checks a schema or database name that will be written into SQL: lower-case letters, digits
 * and `_`, so it needs no quoting rules beyond double quotes / backticks and cannot inject SQL.
 */
export function assertIdentifier(kind: string, name: string): string {
  if (!IDENTIFIER.test(name) || name.length > 63) {
    throw new SlipwayError(
      PersistenceErrorCodes.INVALID_DEFINITION,
      `${kind} "${name}" must be 1-63 lower-case letters, digits or _, not starting with a digit`,
    );
  }
  return name;
}
