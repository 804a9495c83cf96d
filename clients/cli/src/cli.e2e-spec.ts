import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Slipway } from '@slipway/sdk';
import { startTestPlatform, type TestPlatform } from '@slipway/testing';
import { runCli, type CliResult } from './testing/run-cli';

/** The slide's classifiers: model, then accuracy, f1, mean_fit_time, mean_score_time. */
const CLASSIFIERS = [
  ['RandomForestClassifier', 0.992, 0.922, 78.61, 21.25],
  ['XGBClassifier', 0.997, 0.972, 112.5, 1.526],
  ['SVC', 0.983, 0.878, 11.03, 10.71],
  ['LogisticRegression', 0.995, 0.961, 15.86, 1.506],
  ['ExtraTreesClassifier', 0.966, 0.602, 84.41, 49.77],
] as const;

const json = (r: CliResult) => JSON.parse(r.stdout);

describe('cli - the slipway command against the running platform', () => {
  let platform: TestPlatform;
  let slipway: Slipway;
  let env: Record<string, string>;
  let dir: string;
  const runIds: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['tracking', 'registry', 'gateway'] });
    slipway = new Slipway({ url: platform.gatewayUrl, token: platform.adminToken });
    env = { SLIPWAY_URL: platform.gatewayUrl, SLIPWAY_TOKEN: platform.adminToken };
    dir = mkdtempSync(join(tmpdir(), 'slipway-cli-'));
    for (const [model, accuracy, f1, fit, score] of CLASSIFIERS) {
      const run = await slipway.startRun({
        experimentName: 'classifiers',
        runName: model,
        params: { model },
      });
      run.logMetrics({ accuracy, f1, mean_fit_time: fit, mean_score_time: score });
      await run.end();
      runIds[model] = run.runId;
    }
  }, 120_000);

  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await platform?.stop();
  });

  test('runs compare - the slide table: one row per run, params and metrics as columns, sorted by f1', async () => {
    const r = await runCli(['runs', 'compare', '--experiment', 'classifiers', '--sort', 'f1'], env);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const lines = r.stdout.split('\n');
    expect(r.stdout).toContain('f1 ▼');
    expect(r.stdout).toMatch(/Parameters.*Metrics/);
    const order = CLASSIFIERS.map(([m]) => m)
      .map((m) => ({ m, line: lines.findIndex((l) => l.includes(` ${m} `)) }))
      .sort((a, b) => a.line - b.line)
      .map((x) => x.m);
    expect(order).toEqual([
      'XGBClassifier',
      'LogisticRegression',
      'RandomForestClassifier',
      'SVC',
      'ExtraTreesClassifier',
    ]);
    expect(lines.find((l) => l.includes(' XGBClassifier '))).toMatch(/0\.997 .*0\.972 .*112\.5 .*1\.526/);
  });

  test('runs compare --json - chosen metrics, ascending, for scripts', async () => {
    const r = await runCli(
      ['--json', 'runs', 'compare', '-e', 'classifiers', '--metrics', 'f1,accuracy', '--asc'],
      env,
    );
    expect(r.code).toBe(0);
    const out = json(r);
    expect(out.columns.metrics).toEqual(['f1', 'accuracy']);
    expect(out.rows.map((row: { params: { model: string } }) => row.params.model)).toEqual([
      'ExtraTreesClassifier',
      'SVC',
      'RandomForestClassifier',
      'LogisticRegression',
      'XGBClassifier',
    ]);
    const byIds = await runCli(
      ['--json', 'runs', 'compare', runIds['SVC']!, runIds['XGBClassifier']!, '--only-differences'],
      env,
    );
    expect(json(byIds).rows).toHaveLength(2);
  });

  test('experiments list / runs list / show / metrics history - filter and order, one run in detail, a series', async () => {
    const list = await runCli(
      [
        '--json',
        'runs',
        'list',
        '-e',
        'classifiers',
        '--filter',
        'metrics.f1 > 0.9',
        '--order-by',
        'metrics.f1 ASC',
      ],
      env,
    );
    expect(list.code).toBe(0);
    expect(json(list).runs.map((r: { info: { runName: string } }) => r.info.runName)).toEqual([
      'RandomForestClassifier',
      'LogisticRegression',
      'XGBClassifier',
    ]);
    const experiments = await runCli(['experiments', 'list', '--filter', "name LIKE 'class%'"], env);
    expect(experiments).toMatchObject({ code: 0, stdout: expect.stringContaining('classifiers') });
    const show = await runCli(['runs', 'show', runIds['SVC']!], env);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/model\s+│ SVC/);
    expect(show.stdout).toMatch(/f1\s+│ 0\.878/);
    const history = await runCli(['--json', 'metrics', 'history', runIds['SVC']!, 'f1'], env);
    expect(json(history).points).toEqual([expect.objectContaining({ step: 0, value: 0.878 })]);
  });

  test('tokens - create prints the secret once, list shows it, revoke stops it (exit 3 afterwards)', async () => {
    const created = await runCli(
      ['tokens', 'create', 'ci-reader', '--scope', 'read', '--expires', '30d'],
      env,
    );
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^slw_/);
    const asCi = { ...env, SLIPWAY_TOKEN: secret };
    expect((await runCli(['runs', 'show', runIds['SVC']!], asCi)).code).toBe(0);

    const listed = await runCli(['--json', 'tokens', 'list'], env);
    const token = json(listed).tokens.find((t: { name: string }) => t.name === 'ci-reader');
    expect(token).toMatchObject({ scopes: ['read'], revokedAt: null, expiresAt: expect.any(String) });
    expect(listed.stdout).not.toContain(secret);
    const table = await runCli(['tokens', 'list'], env);
    expect(table.stdout).toContain('ci-reader');

    const revoked = await runCli(['tokens', 'revoke', token.id], env);
    expect(revoked).toMatchObject({ code: 0, stdout: expect.stringContaining(`Revoked ${token.id}`) });
    const after = await runCli(['runs', 'show', runIds['SVC']!], asCi);
    expect(after.code).toBe(3);
    expect(after.stderr).toContain('GATEWAY.UNAUTHENTICATED');
  });

  test('models - promote opens a request, another token approves it, history shows who; reject needs a reason', async () => {
    await slipway.registerModel('churn');
    await slipway.createModelVersion('churn', {
      source: `runs:/${runIds['XGBClassifier']}/model`,
      flavor: 'sklearn',
      runId: runIds['XGBClassifier'],
    });
    await slipway.createModelVersion('churn', {
      source: `runs:/${runIds['SVC']}/model`,
      flavor: 'sklearn',
      runId: runIds['SVC'],
    });

    const promote = await runCli(
      ['--json', 'models', 'promote', 'churn', '1', '--alias', 'production', '--reason', 'best f1'],
      env,
    );
    expect(promote.code).toBe(0);
    const { requestId, request } = json(promote);
    expect(request).toMatchObject({ version: 1, alias: 'production', requiresApproval: true });

    const bob = await slipway.tokens.create('bob', ['write']);
    const approve = await runCli(['models', 'approve', 'churn', requestId, '--comment', 'ship it'], {
      ...env,
      SLIPWAY_TOKEN: bob.token,
    });
    expect(approve).toMatchObject({ code: 0, stdout: expect.stringContaining('production=v1') });

    const other = await runCli(['--json', 'models', 'promote', 'churn', '2', '--alias', 'production'], env);
    const second = json(other).requestId;
    expect((await runCli(['models', 'reject', 'churn', second], env)).code).toBe(2);
    expect((await runCli(['models', 'reject', 'churn', second, '--reason', 'worse f1'], env)).code).toBe(0);

    const history = await runCli(['models', 'history', 'churn', '--alias', 'production'], env);
    expect(history.code).toBe(0);
    expect(history.stdout).toContain('bob');
    expect(history.stdout).toContain('worse f1');
    const show = await runCli(['models', 'show', 'churn'], env);
    expect(show.stdout).toMatch(/│ 1\s+│ production/);
    const list = await runCli(['--json', 'models', 'list'], env);
    expect(json(list).models).toEqual([
      expect.objectContaining({ name: 'churn', aliases: { production: 1 } }),
    ]);
  });

  test('artifacts - upload with progress, download back unchanged, list', async () => {
    const file = join(dir, 'weights.bin');
    const bytes = Buffer.alloc(2 * 1024 * 1024 + 5, 3);
    writeFileSync(file, bytes);
    const up = await runCli(
      ['--json', 'artifacts', 'upload', runIds['SVC']!, file, '--path', 'model/weights.bin'],
      env,
    );
    expect(up.code).toBe(0);
    expect(json(up)).toMatchObject({ uri: `runs:/${runIds['SVC']}/model/weights.bin`, size: bytes.length });
    const out = join(dir, 'back.bin');
    const down = await runCli(
      ['artifacts', 'download', runIds['SVC']!, 'model/weights.bin', '--out', out],
      env,
    );
    expect(down.code).toBe(0);
    expect(readFileSync(out).equals(bytes)).toBe(true);
    const list = await runCli(['artifacts', 'list', runIds['SVC']!, '--recursive'], env);
    expect(list.stdout).toContain('model/weights.bin');
  });

  test('exit codes - 3 on a bad token, 4 on a missing run, 2 on bad usage or missing config, 5 when nothing listens', async () => {
    const bad = await runCli(['runs', 'show', runIds['SVC']!], { ...env, SLIPWAY_TOKEN: 'slw_wrong' });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('GATEWAY.UNAUTHENTICATED');
    const missing = await runCli(['runs', 'show', 'no_such_run'], env);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/^error: TRACKING\.RUN_NOT_FOUND: /);
    expect((await runCli(['runs', 'compare'], env)).code).toBe(2);
    expect((await runCli(['runs', 'show', 'x'], {})).code).toBe(2);
    const down = await runCli(['--url', 'http://127.0.0.1:9', 'runs', 'show', 'x'], { SLIPWAY_TOKEN: 't' });
    expect(down.code).toBe(5);
    // Following events fails the same way, with the code and no stack trace.
    const refused = await runCli(['events', 'runs'], { ...env, SLIPWAY_TOKEN: 'slw_wrong' });
    expect(refused).toMatchObject({
      code: 3,
      stderr: expect.stringMatching(/^error: GATEWAY\.UNAUTHENTICATED: [^\n]*\n$/),
    });
    const nobody = await runCli(['--url', 'http://127.0.0.1:9', 'events', 'runs'], { SLIPWAY_TOKEN: 't' });
    expect(nobody.code).toBe(5);
  });

  test('events - replays from a position, one JSON line per event with its own position; people get a line each', async () => {
    // A position to start from: the moment an SDK subscription began.
    const probe = slipway.events.subscribe(['runs'], () => undefined);
    await probe.ready;
    const start = probe.lastEventId!;
    probe.close();
    // Started, not ended, in an experiment that exists: each is one RunCreated on the stream.
    const created: string[] = [];
    for (const runName of ['cli-events-a', 'cli-events-b'])
      created.push((await slipway.startRun({ experimentName: 'classifiers', runName })).runId);
    const r = await runCli(['--json', 'events', 'runs', '--since', start, '--count', '2'], env);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { position: string; event: { type: string; data: { runId: string } } });
    expect(lines.map((l) => [l.event.type, l.event.data.runId])).toEqual(
      created.map((id) => ['dev.slipway.tracking.run.created.v1', id]),
    );
    expect(lines[0]!.position).toMatch(/^SLIPWAY_EVENTS:\d+$/);
    expect(lines[1]!.position).not.toBe(lines[0]!.position);

    const human = await runCli(['events', 'runs', '--since', lines[0]!.position, '--count', '1'], env);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`tracking\\.run\\.created  runId=${created[1]}`));
    expect(human.stderr).toMatch(/^position: SLIPWAY_EVENTS:\d+\n$/);

    const refused = await runCli(['events', 'runs', '--since', 'nonsense'], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('COMMON.VALIDATION_FAILED');
  });
});
