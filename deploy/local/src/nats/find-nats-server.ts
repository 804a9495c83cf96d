import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Folders searched after PATH: Debian installs nats-server in /usr/sbin, which is not on every PATH. */
export const EXTRA_NATS_DIRS = ['/usr/sbin', '/usr/local/bin', '/usr/local/sbin', '/opt/homebrew/bin'];

/** The path of an executable `nats-server`, or undefined. */
export function findNatsServer(
  pathEnv: string | undefined,
  isExecutable: (path: string) => boolean = executable,
): string | undefined {
  const dirs = [...(pathEnv ?? '').split(delimiter).filter(Boolean), ...EXTRA_NATS_DIRS];
  return dirs.map((dir) => join(dir, 'nats-server')).find(isExecutable);
}

export const NATS_INSTALL_HELP = [
  'nats-server was not found on PATH (nor in /usr/sbin, /usr/local/bin).',
  'Slipway needs a NATS server with JetStream. Either:',
  '  - install it:  sudo apt-get install nats-server   (Debian, Ubuntu)',
  '                 brew install nats-server           (macOS)',
  '  - or download a release from https://github.com/nats-io/nats-server/releases and put nats-server on PATH',
  '  - or use a running server:  NATS_URL=nats://host:4222 npm start   (started with -js)',
].join('\n');

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
