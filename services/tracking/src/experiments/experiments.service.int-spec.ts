import {
  openTrackingTestDatabase,
  type TrackingTestDatabase,
} from '../persistence/testing/tracking-test-database';
import { ExperimentsService } from './experiments.service';
import { ExperimentErrorCodes } from './experiment.errors';

describe('ExperimentsService', () => {
  let db: TrackingTestDatabase;
  let experiments: ExperimentsService;

  beforeAll(async () => {
    db = await openTrackingTestDatabase();
    experiments = new ExperimentsService(db.dataSource, undefined, 'nats-obj://bucket/');
  });
  afterAll(async () => {
    await db?.close();
  });

  test('create - MLflow-like decimal id, artifact location under the root, tags', async () => {
    const created = await experiments.create({ name: 'churn', tags: [{ key: 'team', value: 'ml' }] });
    expect(created.experimentId).toMatch(/^[1-9]\d*$/);
    expect(created).toMatchObject({
      name: 'churn',
      artifactLocation: `nats-obj://bucket/${created.experimentId}`,
      lifecycleStage: 'active',
      deletedTime: null,
      tags: [{ key: 'team', value: 'ml' }],
    });
    expect(created.lastUpdateTime).toBe(created.creationTime);
    expect(await experiments.get(created.experimentId)).toEqual(created);
    expect(await experiments.getByName('churn')).toEqual(created);
  });

  test('create - an explicit artifact location is kept', async () => {
    const created = await experiments.create({ name: 'with-location', artifactLocation: 's3://bucket/x' });
    expect(created.artifactLocation).toBe('s3://bucket/x');
  });

  test('create - a name taken by an active experiment is TRACKING.EXPERIMENT_ALREADY_EXISTS naming the holder', async () => {
    const first = await experiments.create({ name: 'unique-name' });
    await expect(experiments.create({ name: 'unique-name' })).rejects.toMatchObject({
      code: ExperimentErrorCodes.ALREADY_EXISTS,
      details: { name: 'unique-name', experimentId: first.experimentId },
    });
  });

  test('create - invalid input is a validation error naming the field', async () => {
    await expect(experiments.create({ name: '' })).rejects.toMatchObject({
      code: 'COMMON.VALIDATION_FAILED',
      message: expect.stringContaining('name'),
    });
    const tooLong = { key: 'k', value: 'v'.repeat(8001) };
    await expect(experiments.create({ name: 'long-tag', tags: [tooLong] })).rejects.toMatchObject({
      message: expect.stringContaining('tags[0].value'),
    });
  });

  test('get - unknown id and name are TRACKING.EXPERIMENT_NOT_FOUND', async () => {
    await expect(experiments.get('987654')).rejects.toMatchObject({ code: ExperimentErrorCodes.NOT_FOUND });
    await expect(experiments.getByName('nope')).rejects.toMatchObject({
      code: ExperimentErrorCodes.NOT_FOUND,
    });
    expect(await experiments.findByName('nope')).toBeUndefined();
  });

  test('default experiment - ensured once, id 0 named Default, even when called concurrently', async () => {
    await Promise.all([experiments.ensureDefaultExperiment(), experiments.ensureDefaultExperiment()]);
    await experiments.ensureDefaultExperiment();
    expect(await experiments.get('0')).toMatchObject({
      name: 'Default',
      artifactLocation: 'nats-obj://bucket/0',
    });
  });

  test('soft delete - the name is freed; restore brings it back unless the name was taken again', async () => {
    const old = await experiments.create({ name: 'reused' });
    const deleted = await experiments.delete(old.experimentId);
    expect(deleted.lifecycleStage).toBe('deleted');
    expect(deleted.deletedTime).not.toBeNull();
    expect(await experiments.getByName('reused')).toMatchObject({ experimentId: old.experimentId });

    await expect(experiments.delete(old.experimentId)).rejects.toMatchObject({
      code: ExperimentErrorCodes.INVALID_STATE,
    });
    await expect(experiments.rename(old.experimentId, 'x')).rejects.toMatchObject({
      code: ExperimentErrorCodes.INVALID_STATE,
    });
    await expect(experiments.setTag(old.experimentId, { key: 'a', value: 'b' })).rejects.toMatchObject({
      code: ExperimentErrorCodes.INVALID_STATE,
    });

    const replacement = await experiments.create({ name: 'reused' });
    expect(replacement.experimentId).not.toBe(old.experimentId);
    expect(await experiments.getByName('reused')).toMatchObject({ experimentId: replacement.experimentId });
    await expect(experiments.restore(old.experimentId)).rejects.toMatchObject({
      code: ExperimentErrorCodes.ALREADY_EXISTS,
      details: { name: 'reused', experimentId: replacement.experimentId },
    });
    expect((await experiments.get(old.experimentId)).lifecycleStage).toBe('deleted');

    await experiments.rename(replacement.experimentId, 'reused-2');
    const restored = await experiments.restore(old.experimentId);
    expect(restored).toMatchObject({ lifecycleStage: 'active', deletedTime: null, name: 'reused' });
    await expect(experiments.restore(old.experimentId)).rejects.toMatchObject({
      code: ExperimentErrorCodes.INVALID_STATE,
    });
  });

  test('rename - to a free name works and bumps last_update_time; to a taken one is refused', async () => {
    const a = await experiments.create({ name: 'rename-a' });
    await experiments.create({ name: 'rename-b' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const renamed = await experiments.rename(a.experimentId, 'rename-c');
    expect(renamed.name).toBe('rename-c');
    expect(renamed.lastUpdateTime).toBeGreaterThan(a.lastUpdateTime);
    await expect(experiments.rename(a.experimentId, 'rename-b')).rejects.toMatchObject({
      code: ExperimentErrorCodes.ALREADY_EXISTS,
    });
    expect((await experiments.get(a.experimentId)).name).toBe('rename-c');
  });

  test('tags - set overwrites, delete removes, deleting a missing tag is TRACKING.EXPERIMENT_TAG_NOT_FOUND', async () => {
    const e = await experiments.create({ name: 'tagged', tags: [{ key: 'stage', value: 'poc' }] });
    await experiments.setTag(e.experimentId, { key: 'stage', value: 'prod' });
    await experiments.setTag(e.experimentId, { key: 'owner', value: 'ana' });
    expect((await experiments.get(e.experimentId)).tags).toEqual([
      { key: 'owner', value: 'ana' },
      { key: 'stage', value: 'prod' },
    ]);
    await experiments.deleteTag(e.experimentId, 'owner');
    expect((await experiments.get(e.experimentId)).tags).toEqual([{ key: 'stage', value: 'prod' }]);
    await expect(experiments.deleteTag(e.experimentId, 'owner')).rejects.toMatchObject({
      code: ExperimentErrorCodes.TAG_NOT_FOUND,
    });
  });

  test('getOrCreateByName - concurrent callers get one experiment, created once', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => experiments.getOrCreateByName('raced')),
    );
    expect(new Set(results.map((r) => r.experiment.experimentId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });
});

describe('ExperimentsService search', () => {
  let db: TrackingTestDatabase;
  let experiments: ExperimentsService;
  const ids: string[] = [];

  beforeAll(async () => {
    db = await openTrackingTestDatabase();
    experiments = new ExperimentsService(db.dataSource);
    for (let i = 0; i < 7; i++) {
      const e = await experiments.create({
        name: `exp-${i}`,
        tags: [{ key: 'parity', value: i % 2 === 0 ? 'even' : 'odd' }],
      });
      ids.push(e.experimentId);
    }
    // Same creation time for all, so the experiment_id tie-break decides the order.
    await db.dataSource.query('UPDATE experiments SET creation_time = 1000');
    await experiments.delete(ids[6]);
  });
  afterAll(async () => {
    await db?.close();
  });

  test('search - pages cover every active experiment once, in MLflow order (creation_time DESC, id ASC)', async () => {
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = await experiments.search({ maxResults: 2, ...(pageToken ? { pageToken } : {}) });
      seen.push(...page.experiments.map((e) => e.experimentId));
      pageToken = page.nextPageToken;
      pages++;
    } while (pageToken);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids.slice(0, 6)].sort());
  });

  test('search - view type, name and tag filters, order by name', async () => {
    const deleted = await experiments.search({ viewType: 'DELETED_ONLY' });
    expect(deleted.experiments.map((e) => e.name)).toEqual(['exp-6']);
    const all = await experiments.search({ viewType: 'ALL' });
    expect(all.experiments).toHaveLength(7);

    const odd = await experiments.search({
      tags: [{ key: 'parity', op: '=', value: 'odd' }],
      orderBy: [{ key: 'name', direction: 'DESC' }],
    });
    expect(odd.experiments.map((e) => e.name)).toEqual(['exp-5', 'exp-3', 'exp-1']);
    expect(odd.experiments[0].tags).toEqual([{ key: 'parity', value: 'odd' }]);

    const like = await experiments.search({ name: { op: 'ILIKE', value: 'EXP-_' }, maxResults: 100 });
    expect(like.experiments).toHaveLength(6);
    expect(like.nextPageToken).toBeUndefined();
  });

  test('search - a token from another search or a forged one is TRACKING.INVALID_PAGE_TOKEN', async () => {
    const page = await experiments.search({ maxResults: 1 });
    expect(page.nextPageToken).toBeDefined();
    await expect(
      experiments.search({ maxResults: 1, viewType: 'ALL', pageToken: page.nextPageToken }),
    ).rejects.toMatchObject({ code: 'TRACKING.INVALID_PAGE_TOKEN' });
    await expect(experiments.search({ pageToken: 'not-a-token' })).rejects.toMatchObject({
      code: 'TRACKING.INVALID_PAGE_TOKEN',
    });
  });
});
