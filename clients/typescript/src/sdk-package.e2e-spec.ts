import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestPlatform, type TestPlatform } from '@slipway/testing';
import { buildSdkPackage } from '../scripts/sdk-package';

const exec = promisify(execFile);
const REPO = join(__dirname, '..', '..', '..');
const REPO_MODULES = join(REPO, 'node_modules');

/**
 * The same script as an ES module and as CommonJS: a run logged, ended and compared through the
 * installed package, its answer printed as JSON.
 */
const script = (load: string) => `${load}
const main = async () => {
  const slipway = new Slipway({ url: process.env.SLIPWAY_URL, token: process.env.SLIPWAY_TOKEN });
  const run = await slipway.startRun({ experimentName: process.env.EXPERIMENT, params: { model: 'SVC' } });
  for (let step = 0; step < 50; step++) run.logMetrics({ f1: step / 100 }, step);
  await run.end();
  const table = await slipway.compareRuns({ experimentId: run.info.experimentId, metricKeys: ['f1'] });
  let refused;
  try {
    await slipway.getRun('0123456789abcdef0123456789abcdef');
  } catch (error) {
    refused = { api: error instanceof SlipwayApiError, code: error.code, status: error.status };
  }
  const row = table.rows[0];
  console.log(JSON.stringify({ rows: table.rows.length, status: row.info.status, f1: row.metrics.f1, refused, nats: typeof nats.subscribeModelPromoted }));
};
main().catch((error) => { console.error(error); process.exitCode = 1; });
`;

/** Type-checked against the package's declarations, as a user's TypeScript would be. */
const typed = `import { Slipway, SlipwayApiError, type Comparison, type RunHandle } from '@slipway/sdk';
import { subscribeModelPromoted, type ModelPromotedEvent } from '@slipway/sdk/nats';

export async function best(slipway: Slipway, experimentId: string): Promise<string | undefined> {
  const run: RunHandle = await slipway.startRun({ experimentId });
  run.logMetrics({ f1: 0.5 }, 1);
  await run.end();
  const table: Comparison = await slipway.compareRuns({ experimentId, sortBy: { metric: 'f1' } });
  return table.rows[0]?.info.runId;
}
export const isApiError = (e: unknown): e is SlipwayApiError => e instanceof SlipwayApiError;
export const follow = (handler: (e: ModelPromotedEvent) => void) =>
  subscribeModelPromoted({ natsUrl: 'nats://127.0.0.1:4222' }, handler);
`;

describe('sdk - the built package, installed outside the repository', () => {
  let work: string;
  let app: string;
  let platform: TestPlatform;
  let packedFiles: string[];

  const node = async (file: string, experiment: string) => {
    const { stdout } = await exec(process.execPath, [file], {
      cwd: app,
      env: {
        PATH: process.env['PATH'],
        SLIPWAY_URL: platform.gatewayUrl,
        SLIPWAY_TOKEN: platform.adminToken,
        EXPERIMENT: experiment,
      },
    });
    return JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
  };

  const tsc = (project: string) =>
    exec(process.execPath, [join(REPO_MODULES, 'typescript', 'bin', 'tsc'), '-p', project], {
      cwd: app,
    }).then(
      () => ({ ok: true, output: '' }),
      (error: { stdout: string }) => ({ ok: false, output: error.stdout }),
    );

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'slipway-sdk-package-'));
    const pkg = await buildSdkPackage(join(work, 'build'));
    const { stdout } = await exec('npm', ['pack', pkg.dir, '--json', '--pack-destination', work], {
      cwd: work,
    });
    const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    packedFiles = packed!.files.map((f) => f.path);
    // A project of its own: node_modules holds the unpacked tarball and the dependencies a user
    // would install (linked from this repository's), nothing else of the repository.
    app = join(work, 'app');
    const sdkDir = join(app, 'node_modules', '@slipway', 'sdk');
    await mkdir(sdkDir, { recursive: true });
    await exec('tar', ['-xzf', join(work, packed!.filename), '-C', sdkDir, '--strip-components=1']);
    await mkdir(join(app, 'node_modules', '@types'), { recursive: true });
    for (const dep of ['zod', '@nats-io', '@types/node', 'undici-types']) {
      await symlink(join(REPO_MODULES, dep), join(app, 'node_modules', dep));
    }
    await writeFile(join(app, 'package.json'), '{ "name": "app", "private": true }\n');
    await writeFile(
      join(app, 'esm.mjs'),
      script(
        `import { Slipway, SlipwayApiError } from '@slipway/sdk';\nimport * as nats from '@slipway/sdk/nats';`,
      ),
    );
    await writeFile(
      join(app, 'cjs.cjs'),
      script(
        `const { Slipway, SlipwayApiError } = require('@slipway/sdk');\nconst nats = require('@slipway/sdk/nats');`,
      ),
    );
    // node16 resolution: a .mts file imports the package as an ES module, a .cts file requires it.
    const compilerOptions = {
      strict: true,
      noEmit: true,
      module: 'node16',
      moduleResolution: 'node16',
      target: 'es2022',
      types: ['node'],
      // The package's own declarations are checked too: a broken .d.ts is a user's compile error.
      skipLibCheck: false,
    };
    for (const ext of ['mts', 'cts']) {
      await writeFile(join(app, `use.${ext}`), typed);
      await writeFile(
        join(app, `wrong.${ext}`),
        `import { Slipway } from '@slipway/sdk';\nexport const s = new Slipway({ url: 8080 });\n`,
      );
    }
    await writeFile(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['use.*'] }));
    await writeFile(
      join(app, 'tsconfig.wrong.json'),
      JSON.stringify({ compilerOptions, include: ['wrong.*'] }),
    );
    platform = await startTestPlatform({ services: ['tracking', 'gateway'] });
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('the tarball holds the builds, declarations and manifest, no sources or tests', () => {
    expect(packedFiles).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'index.mjs',
        'index.cjs',
        'nats.mjs',
        'nats.cjs',
        'types/index.d.ts',
        'types/nats.d.ts',
      ]),
    );
    expect(packedFiles.filter((f) => /\.spec\.|testing\/|\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
  });

  test.each([
    ['an ES module (import)', 'esm.mjs'],
    ['CommonJS (require)', 'cjs.cjs'],
  ])('plain Node loads it as %s and logs, ends and compares a run', async (_, file) => {
    const answer = await node(file, `package-${file.replace('.', '-')}`);
    expect(answer).toEqual({
      rows: 1,
      status: 'FINISHED',
      f1: expect.objectContaining({ latest: 0.49, count: 50 }),
      refused: { api: true, code: 'TRACKING.RUN_NOT_FOUND', status: 404 },
      nats: 'function',
    });
  });

  test('TypeScript (node16 resolution) type-checks a user of the declarations, as ES module and CommonJS, and refuses a wrong call', async () => {
    expect(await tsc('tsconfig.json')).toEqual({ ok: true, output: '' });
    const wrong = await tsc('tsconfig.wrong.json');
    expect(wrong.ok).toBe(false);
    for (const ext of ['mts', 'cts']) {
      expect(wrong.output).toContain(
        `wrong.${ext}(2,32): error TS2322: Type 'number' is not assignable to type 'string'`,
      );
    }
  });
});
