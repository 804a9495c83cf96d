import {
  CreateExperiment,
  CreateRun,
  DeleteExperiment,
  DeleteExperimentTag,
  GetExperimentByName,
  GetRun,
  RenameExperiment,
  RestoreExperiment,
  SearchExperiments,
  SetExperimentTag,
  ListArtifacts,
  GetArtifactInfo,
  TRACKING_RPCS,
} from '@slipway/contracts';
import { startTrackingTestService, type TrackingTestService } from '../testing/tracking-test-service';

jest.setTimeout(60_000);

describe('tracking experiments rpc - what the MLflow experiment endpoints call', () => {
  let t: TrackingTestService;

  beforeAll(async () => {
    t = await startTrackingTestService('tracking-experiments-rpc');
    for (const [name, team] of [
      ['churn-xgb', 'ml'],
      ['churn-svc', 'ml'],
      ['fraud-rf', 'risk'],
    ] as const) {
      await t.rpc.request(CreateExperiment, { name, tags: [{ key: 'team', value: team }] });
    }
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const names = (page: { experiments: { name: string }[] }) => page.experiments.map((e) => e.name);

  it('experiments - get-by-name finds an experiment; an unknown name is EXPERIMENT_NOT_FOUND', async () => {
    const found = await t.rpc.request(GetExperimentByName, { name: 'churn-xgb' });
    expect(found).toMatchObject({
      name: 'churn-xgb',
      lifecycleStage: 'active',
      tags: [{ key: 'team', value: 'ml' }],
    });
    await expect(t.rpc.request(GetExperimentByName, { name: 'nope' })).rejects.toMatchObject({
      code: 'TRACKING.EXPERIMENT_NOT_FOUND',
    });
  });

  it("experiments - search filters on name and tags with MLflow's grammar and orders by name", async () => {
    const churn = await t.rpc.request(SearchExperiments, {
      filter: "name LIKE 'churn-%' AND tags.team = 'ml'",
      orderBy: ['name ASC'],
    });
    expect(names(churn)).toEqual(['churn-svc', 'churn-xgb']);
    const risk = await t.rpc.request(SearchExperiments, {
      filter: "attribute.name != 'Default' AND tags.`team` = 'risk'",
    });
    expect(names(risk)).toEqual(['fraud-rf']);
    const all = await t.rpc.request(SearchExperiments, { orderBy: ['name DESC'] });
    expect(names(all)).toEqual(['fraud-rf', 'churn-xgb', 'churn-svc', 'Default']);
    const created = all.experiments.find((e) => e.name === 'churn-xgb')!.creationTime;
    const since = await t.rpc.request(SearchExperiments, {
      filter: `creation_time >= ${created}`,
      orderBy: ['name'],
    });
    expect(names(since)).toEqual(expect.arrayContaining(['churn-xgb', 'fraud-rf']));
    expect(names(since)).not.toContain('Default');
  });

  it('experiments - search pages with max_results and the page token, nothing left out or repeated', async () => {
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await t.rpc.request(SearchExperiments, { maxResults: 2, orderBy: ['name'], pageToken });
      expect(page.experiments.length).toBeLessThanOrEqual(2);
      seen.push(...names(page));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(seen).toEqual(['Default', 'churn-svc', 'churn-xgb', 'fraud-rf']);
  });

  it('experiments - a bad filter or order_by is refused, pointing at the token', async () => {
    await expect(
      t.rpc.request(SearchExperiments, { filter: "name = 'a' OR name = 'b'" }),
    ).rejects.toMatchObject({
      code: 'TRACKING.INVALID_FILTER',
      details: { position: 11, token: 'OR' },
    });
    await expect(t.rpc.request(SearchExperiments, { filter: 'metrics.f1 > 1' })).rejects.toMatchObject({
      code: 'TRACKING.INVALID_FILTER',
      details: { token: 'metrics' },
    });
    await expect(t.rpc.request(SearchExperiments, { filter: 'creation_time LIKE 3' })).rejects.toMatchObject({
      code: 'TRACKING.INVALID_FILTER',
    });
    await expect(t.rpc.request(SearchExperiments, { orderBy: ['tags.team'] })).rejects.toMatchObject({
      code: 'TRACKING.INVALID_ORDER_BY',
    });
  });

  it('experiments - rename, and a name taken by an active experiment is EXPERIMENT_ALREADY_EXISTS', async () => {
    const { experimentId } = await t.rpc.request(CreateExperiment, { name: 'to-rename' });
    const renamed = await t.rpc.request(RenameExperiment, { experimentId, newName: 'renamed' });
    expect(renamed).toMatchObject({ experimentId, name: 'renamed' });
    expect((await t.rpc.request(GetExperimentByName, { name: 'renamed' })).experimentId).toBe(experimentId);
    await expect(
      t.rpc.request(RenameExperiment, { experimentId, newName: 'churn-xgb' }),
    ).rejects.toMatchObject({
      code: 'TRACKING.EXPERIMENT_ALREADY_EXISTS',
    });
  });

  it('experiments - tags are set, overwritten and deleted; a missing one is EXPERIMENT_TAG_NOT_FOUND', async () => {
    const { experimentId } = await t.rpc.request(CreateExperiment, { name: 'tagged' });
    await t.rpc.request(SetExperimentTag, { experimentId, key: 'owner', value: 'ana' });
    const overwritten = await t.rpc.request(SetExperimentTag, { experimentId, key: 'owner', value: 'joak' });
    expect(overwritten.tags).toEqual([{ key: 'owner', value: 'joak' }]);
    const untagged = await t.rpc.request(DeleteExperimentTag, { experimentId, key: 'owner' });
    expect(untagged.tags).toEqual([]);
    await expect(t.rpc.request(DeleteExperimentTag, { experimentId, key: 'owner' })).rejects.toMatchObject({
      code: 'TRACKING.EXPERIMENT_TAG_NOT_FOUND',
    });
  });

  it('experiments - delete hides it from ACTIVE_ONLY, shows it in DELETED_ONLY, refuses changes; restore undoes it', async () => {
    const { experimentId } = await t.rpc.request(CreateExperiment, { name: 'short-lived' });
    const run = await t.rpc.request(CreateRun, { experimentId });
    expect(await t.rpc.request(DeleteExperiment, { experimentId })).toMatchObject({
      lifecycleStage: 'deleted',
    });

    const filter = "name = 'short-lived'";
    expect(names(await t.rpc.request(SearchExperiments, { filter }))).toEqual([]);
    expect(names(await t.rpc.request(SearchExperiments, { filter, viewType: 'DELETED_ONLY' }))).toEqual([
      'short-lived',
    ]);
    expect(names(await t.rpc.request(SearchExperiments, { filter, viewType: 'ALL' }))).toEqual([
      'short-lived',
    ]);
    await expect(
      t.rpc.request(SetExperimentTag, { experimentId, key: 'a', value: 'b' }),
    ).rejects.toMatchObject({
      code: 'TRACKING.EXPERIMENT_INVALID_STATE',
    });
    await expect(t.rpc.request(DeleteExperiment, { experimentId })).rejects.toMatchObject({
      code: 'TRACKING.EXPERIMENT_INVALID_STATE',
    });

    expect(await t.rpc.request(RestoreExperiment, { experimentId })).toMatchObject({
      lifecycleStage: 'active',
    });
    expect((await t.rpc.request(GetRun, { runId: run.info.runId })).info.lifecycleStage).toBe('active');
    await expect(t.rpc.request(RestoreExperiment, { experimentId })).rejects.toMatchObject({
      code: 'TRACKING.EXPERIMENT_INVALID_STATE',
    });
  });

  it('tracking rpc - every RPC of TRACKING_RPCS has a responder (artifacts come with ArtifactsModule in main.ts)', async () => {
    const served = TRACKING_RPCS.filter((def) => def !== ListArtifacts && def !== GetArtifactInfo);
    const answers = await Promise.all(
      served.map((def) =>
        t.raw(def, {}).then(
          () => 'answered',
          (error: { code?: string }) => error.code ?? `no answer: ${String(error)}`,
        ),
      ),
    );
    for (const [i, answer] of answers.entries()) {
      expect([served[i]!.subject, answer]).toEqual([
        served[i]!.subject,
        expect.not.stringMatching(/^no answer/),
      ]);
    }
  });
});
