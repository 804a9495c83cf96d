import { ExperimentsService } from '../experiments/experiments.service';
import {
  openTrackingTestDatabase,
  type TrackingTestDatabase,
} from '../persistence/testing/tracking-test-database';
import { RunErrorCodes } from './run.errors';
import { RunsService } from './runs.service';
import { TagsService } from './tags.service';

describe('TagsService', () => {
  let db: TrackingTestDatabase;
  let runs: RunsService;
  let tags: TagsService;
  let experimentId: string;

  const newRun = async () => (await runs.create({ experimentId })).run.runId;
  const stored = async (runId: string) => (await runs.getDetails(runId)).data.tags;

  beforeAll(async () => {
    db = await openTrackingTestDatabase();
    const experiments = new ExperimentsService(db.dataSource);
    runs = new RunsService(db.dataSource, experiments);
    tags = new TagsService(db.dataSource);
    experimentId = (await experiments.create({ name: 'tags' })).experimentId;
  });
  afterAll(async () => {
    await db?.close();
  });

  test('set - a tag set again takes the new value; in one batch the last value wins', async () => {
    const runId = await newRun();
    await tags.setTags(runId, [
      { key: 'stage', value: 'poc' },
      { key: 'team', value: 'ml' },
    ]);
    await tags.setTags(runId, [
      { key: 'stage', value: 'staging' },
      { key: 'stage', value: 'prod' },
    ]);
    expect(await stored(runId)).toEqual([
      { key: 'stage', value: 'prod' },
      { key: 'team', value: 'ml' },
    ]);
  });

  test('set - mlflow.runName renames the run', async () => {
    const runId = await newRun();
    await tags.setTags(runId, [{ key: 'mlflow.runName', value: 'renamed' }]);
    expect((await runs.get(runId)).runName).toBe('renamed');
  });

  test('delete - removes the tag; a missing tag is TRACKING.RUN_TAG_NOT_FOUND', async () => {
    const runId = await newRun();
    await tags.setTags(runId, [{ key: 'a', value: '1' }]);
    await tags.deleteTag(runId, 'a');
    expect(await stored(runId)).toEqual([]);
    await expect(tags.deleteTag(runId, 'a')).rejects.toMatchObject({ code: RunErrorCodes.TAG_NOT_FOUND });
  });

  test('limits - 100 tags per batch and 8000-character values; the longest value is stored', async () => {
    const runId = await newRun();
    const many = Array.from({ length: 101 }, (_, i) => ({ key: `t${i}`, value: 'v' }));
    await expect(tags.setTags(runId, many)).rejects.toMatchObject({
      message: expect.stringContaining('at most 100 tags per batch'),
    });
    await expect(tags.setTags(runId, [{ key: 't', value: 'v'.repeat(8001) }])).rejects.toMatchObject({
      message: expect.stringContaining('tags[0].value'),
    });
    await tags.setTags(runId, [{ key: 'long', value: 'é'.repeat(8000) }]);
    expect((await stored(runId))[0].value).toHaveLength(8000);
  });

  test('run state - a deleted run takes no tags; an unknown run is TRACKING.RUN_NOT_FOUND', async () => {
    const runId = await newRun();
    await runs.delete(runId);
    await expect(tags.setTags(runId, [{ key: 'a', value: 'b' }])).rejects.toMatchObject({
      code: RunErrorCodes.INVALID_STATE,
    });
    await expect(tags.setTags('nope', [{ key: 'a', value: 'b' }])).rejects.toMatchObject({
      code: RunErrorCodes.NOT_FOUND,
    });
  });
});
