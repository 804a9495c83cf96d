/** Stable codes of persistence errors (`SlipwayError.code`). */
export const PersistenceErrorCodes = {
  /** Embedded ClickHouse was wanted but the optional `chdb` package is not installed. */
  CHDB_MISSING: 'PERSISTENCE.CHDB_NOT_INSTALLED',
  /** A ClickHouse server or chDB data directory could not be opened. */
  CLICKHOUSE_UNAVAILABLE: 'PERSISTENCE.CLICKHOUSE_UNAVAILABLE',
  /** A schema, database or migration definition is not usable. */
  INVALID_DEFINITION: 'PERSISTENCE.INVALID_DEFINITION',
  /** The database records a migration the code does not know, or under another name. */
  MIGRATION_MISMATCH: 'PERSISTENCE.MIGRATION_MISMATCH',
} as const;
