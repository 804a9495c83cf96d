import {
  type Actor,
  ApprovePromotion,
  CreateModelVersion,
  DeleteModel,
  DeleteModelTag,
  DeleteModelVersion,
  DeleteModelVersionTag,
  GetAliasHolder,
  GetLatestVersions,
  GetModel,
  GetModelHistory,
  GetModelVersion,
  PromoteModelVersion,
  RebuildReadModels,
  RegisterModel,
  RenameModel,
  RequestPromotion,
  SearchModels,
  SearchModelVersions,
  SetModelDescription,
  SetModelTags,
  SetModelVersionDescription,
  SetModelVersionTags,
  TransitionModelVersionStage,
} from '@slipway/contracts';
import type { RpcClient } from '@slipway/messaging';
import type { RegistryPolicy } from '../models';
import { type RegistryUnderTest, startRegistryForTest } from '../testing/registry-test-service';

const alice: Actor = { id: 'alice', kind: 'user' };
const bob: Actor = { id: 'bob', kind: 'user' };

/** Staging moves at once; production needs approval and an f1 at least the baseline run's. */
const policy: RegistryPolicy = {
  default: { requiresApproval: false, gates: [] },
  aliases: {
    production: {
      requiresApproval: true,
      gates: [{ metric: 'f1', op: '>=', against: 'baseline-run' }],
      baselineRunId: 'weakbaseline',
    },
  },
};
const RUNS = {
  weakbaseline: { f1: 0.1 },
  strongbaseline: { f1: 0.99 },
  candidate1: { f1: 0.5 },
  candidate2: { f1: 0.6 },
  candidate3: { f1: 0.7 },
};

describe('registry - the MLflow-compatible RPCs as a user calls them', () => {
  let registry: RegistryUnderTest;
  let rpc: RpcClient;

  beforeAll(async () => {
    registry = await startRegistryForTest(policy, RUNS);
    rpc = registry.rpc;
  }, 60_000);
  afterAll(() => registry?.close());

  async function modelWith(name: string, versions: number, tags: Record<string, string> = {}) {
    await rpc.request(RegisterModel, {
      model: name,
      tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
      actor: alice,
    });
    for (let i = 1; i <= versions; i++) {
      await rpc.request(CreateModelVersion, {
        model: name,
        source: `runs:/candidate${i}/model`,
        runId: `candidate${i}`,
        flavor: 'sklearn',
        actor: alice,
      });
    }
  }

  test('tags and descriptions - set and delete on the model and on a version, with update times', async () => {
    await modelWith('tagged', 1);
    const before = await rpc.request(GetModelVersion, { model: 'tagged', version: 1 });
    expect(before).toMatchObject({ model: 'tagged', description: null, createdBy: alice, stage: 'None' });
    await rpc.request(SetModelTags, {
      model: 'tagged',
      tags: [
        { key: 'team', value: 'ml' },
        { key: 'x', value: '1' },
      ],
      actor: alice,
    });
    await rpc.request(DeleteModelTag, { model: 'tagged', key: 'x', actor: alice });
    await rpc.request(SetModelDescription, {
      model: 'tagged',
      description: 'churn in 30 days',
      actor: alice,
    });
    await rpc.request(SetModelVersionTags, {
      model: 'tagged',
      version: 1,
      tags: [
        { key: 'algo', value: 'xgb' },
        { key: 'y', value: '2' },
      ],
      actor: alice,
    });
    await rpc.request(DeleteModelVersionTag, { model: 'tagged', version: 1, key: 'y', actor: alice });
    await rpc.request(SetModelVersionDescription, {
      model: 'tagged',
      version: 1,
      description: 'first cut',
      actor: alice,
    });

    const model = await rpc.request(GetModel, { model: 'tagged' });
    expect([model.tags, model.description]).toEqual([{ team: 'ml' }, 'churn in 30 days']);
    const version = await rpc.request(GetModelVersion, { model: 'tagged', version: 1 });
    expect([version.tags, version.description]).toEqual([{ algo: 'xgb' }, 'first cut']);
    expect(Date.parse(version.updatedAt!)).toBeGreaterThan(Date.parse(before.updatedAt!));
    expect(version.createdAt).toBe(before.createdAt);
    await expect(
      rpc.request(SetModelVersionDescription, {
        model: 'tagged',
        version: 9,
        description: 'x',
        actor: alice,
      }),
    ).rejects.toMatchObject({ code: 'REGISTRY.VERSION_NOT_FOUND' });
    await expect(
      rpc.request(SetModelTags, { model: 'nobody', tags: [{ key: 'a', value: 'b' }], actor: alice }),
    ).rejects.toMatchObject({ code: 'REGISTRY.MODEL_NOT_FOUND' });
  });

  test('model.search - LIKE patterns, case, tags, order and pages, with the latest version per stage', async () => {
    await modelWith('search-churn-a', 2, { team: 'growth' });
    await modelWith('search-churn-b', 1, { team: 'risk' });
    await modelWith('search-fraud', 0, { team: 'risk' });
    await rpc.request(PromoteModelVersion, {
      model: 'search-churn-a',
      version: 1,
      alias: 'staging',
      actor: alice,
    });

    const first = await rpc.request(SearchModels, { nameLike: 'search-churn-%', maxResults: 1 });
    expect(first.models.map((m) => m.name)).toEqual(['search-churn-a']);
    expect(first.models[0]!.latestVersions.map((v) => [v.version, v.stage])).toEqual([
      [2, 'None'],
      [1, 'Staging'],
    ]);
    expect(first.models[0]).toMatchObject({
      lastVersion: 2,
      aliases: { staging: 1 },
      tags: { team: 'growth' },
    });
    const second = await rpc.request(SearchModels, {
      nameLike: 'search-churn-%',
      maxResults: 1,
      pageToken: first.nextPageToken!,
    });
    expect(second.models.map((m) => m.name)).toEqual(['search-churn-b']);
    expect(second.nextPageToken).toBeNull();

    expect((await rpc.request(SearchModels, { nameLike: 'SEARCH-%', ignoreCase: false })).models).toEqual([]);
    const risk = await rpc.request(SearchModels, {
      nameLike: 'SEARCH-%',
      ignoreCase: true,
      tags: { team: 'risk' },
    });
    expect(risk.models.map((m) => m.name)).toEqual(['search-churn-b', 'search-fraud']);
    const newest = await rpc.request(SearchModels, {
      nameLike: 'search-%',
      orderBy: 'createdAt',
      descending: true,
    });
    expect(newest.models.map((m) => m.name)).toEqual(['search-fraud', 'search-churn-b', 'search-churn-a']);
    expect((await rpc.request(SearchModels, { name: 'search-fraud' })).models).toHaveLength(1);
    await expect(rpc.request(SearchModels, { pageToken: 'not-ours' })).rejects.toMatchObject({
      code: 'REGISTRY.INVALID_PAGE_TOKEN',
    });
  });

  test('model-version.search and model.latest-versions - by model and run ids, newest first', async () => {
    await modelWith('runs-a', 3);
    await modelWith('runs-b', 2);
    const byRun = await rpc.request(SearchModelVersions, { modelLike: 'runs-%', runIds: ['candidate2'] });
    expect(byRun.versions.map((v) => [v.model, v.version, v.runId])).toEqual([
      ['runs-a', 2, 'candidate2'],
      ['runs-b', 2, 'candidate2'],
    ]);
    const ofA = await rpc.request(SearchModelVersions, { model: 'runs-a', maxResults: 2 });
    expect(ofA.versions.map((v) => v.version)).toEqual([3, 2]);
    const rest = await rpc.request(SearchModelVersions, {
      model: 'runs-a',
      maxResults: 2,
      pageToken: ofA.nextPageToken!,
    });
    expect(rest.versions.map((v) => v.version)).toEqual([1]);

    await rpc.request(PromoteModelVersion, { model: 'runs-a', version: 1, alias: 'staging', actor: alice });
    const latest = await rpc.request(GetLatestVersions, { model: 'runs-a' });
    expect(latest.versions.map((v) => [v.stage, v.version])).toEqual([
      ['None', 3],
      ['Staging', 1],
    ]);
    const staging = await rpc.request(GetLatestVersions, {
      model: 'runs-a',
      stages: ['Staging', 'Production'],
    });
    expect(staging.versions.map((v) => [v.stage, v.version, v.aliases])).toEqual([
      ['Staging', 1, ['staging']],
    ]);
  });

  test('model.rename - versions, aliases and history move; the old name is free; a taken name is refused', async () => {
    await modelWith('old-name', 2);
    await rpc.request(PromoteModelVersion, {
      model: 'old-name',
      version: 2,
      alias: 'champion',
      actor: alice,
    });
    await modelWith('taken', 0);
    await expect(
      rpc.request(RenameModel, { model: 'old-name', newName: 'taken', actor: alice }),
    ).rejects.toMatchObject({ code: 'REGISTRY.MODEL_ALREADY_EXISTS' });

    const reply = await rpc.request(RenameModel, { model: 'old-name', newName: 'new-name', actor: alice });
    expect(reply.events).toEqual(['RegisteredModelRenamed']);
    await expect(rpc.request(GetModel, { model: 'old-name' })).rejects.toMatchObject({
      code: 'REGISTRY.MODEL_NOT_FOUND',
    });
    const renamed = await rpc.request(GetModel, { model: 'new-name' });
    expect([renamed.versions.length, renamed.aliases]).toEqual([2, { champion: 2 }]);
    expect((await rpc.request(GetAliasHolder, { model: 'new-name', alias: 'champion' })).version).toBe(2);
    const { entries } = await rpc.request(GetModelHistory, { model: 'new-name' });
    expect(entries.map((e) => e.type).at(0)).toBe('dev.slipway.registry.registered-model.created.v1');
    expect(entries.at(-1)?.data).toMatchObject({ model: 'old-name', newName: 'new-name' });

    // The old name registers afresh (its first stream belongs to new-name now); two at once: one wins.
    const twice = await Promise.allSettled([
      rpc.request(RegisterModel, { model: 'old-name', actor: alice }),
      rpc.request(RegisterModel, { model: 'old-name', actor: bob }),
    ]);
    expect(twice.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(twice.find((o) => o.status === 'rejected')).toMatchObject({
      reason: { code: 'REGISTRY.MODEL_ALREADY_EXISTS' },
    });
    const fresh = await rpc.request(GetModel, { model: 'old-name' });
    expect([fresh.versions, fresh.aliases]).toEqual([[], {}]);
    expect((await rpc.request(GetModel, { model: 'new-name' })).versions).toHaveLength(2);

    // A rebuild from the events gives the same read models.
    const views = async () =>
      Promise.all(['old-name', 'new-name'].map((model) => rpc.request(GetModel, { model })));
    const incremental = await views();
    await rpc.request(RebuildReadModels, { actor: alice });
    expect(await views()).toEqual(incremental);
  });

  test('model.delete and model-version.delete - aliases go first, reads say not found, names and numbers behave like MLflow', async () => {
    await modelWith('doomed', 2);
    await rpc.request(PromoteModelVersion, { model: 'doomed', version: 1, alias: 'staging', actor: alice });
    const versionGone = await rpc.request(DeleteModelVersion, {
      model: 'doomed',
      version: 1,
      reason: 'leak',
      actor: bob,
    });
    expect(versionGone.events).toEqual(['AliasRemoved', 'ModelVersionDeleted']);
    await expect(rpc.request(GetModelVersion, { model: 'doomed', version: 1 })).rejects.toMatchObject({
      code: 'REGISTRY.VERSION_NOT_FOUND',
    });
    expect(
      (await rpc.request(SearchModelVersions, { model: 'doomed' })).versions.map((v) => v.version),
    ).toEqual([2]);
    const next = await rpc.request(CreateModelVersion, {
      model: 'doomed',
      source: 'runs:/candidate3/model',
      flavor: 'sklearn',
      actor: alice,
    });
    expect(next.model.versions.map((v) => v.version)).toEqual([2, 3]);

    await rpc.request(PromoteModelVersion, { model: 'doomed', version: 3, alias: 'champion', actor: alice });
    const gone = await rpc.request(DeleteModel, { model: 'doomed', reason: 'poc over', actor: bob });
    expect(gone.events).toEqual(['AliasRemoved', 'RegisteredModelDeleted']);
    await expect(rpc.request(GetModel, { model: 'doomed' })).rejects.toMatchObject({
      code: 'REGISTRY.MODEL_NOT_FOUND',
    });
    expect((await rpc.request(SearchModels, { name: 'doomed' })).models).toEqual([]);
    expect((await rpc.request(SearchModelVersions, { model: 'doomed' })).versions).toEqual([]);
    const { entries } = await rpc.request(GetModelHistory, { model: 'doomed' });
    expect(entries.at(-1)?.type).toBe('dev.slipway.registry.registered-model.deleted.v1');

    await rpc.request(RegisterModel, { model: 'doomed', actor: alice });
    const again = await rpc.request(CreateModelVersion, {
      model: 'doomed',
      source: 'runs:/candidate1/model',
      flavor: 'sklearn',
      actor: alice,
    });
    expect([again.model.versions.map((v) => v.version), again.model.aliases]).toEqual([[1], {}]);
  });

  test('model-version.transition-stage - Staging with archive_existing_versions, Production through approval, None and Archived', async () => {
    await modelWith('staged', 3);
    await rpc.request(TransitionModelVersionStage, {
      model: 'staged',
      version: 1,
      stage: 'Staging',
      actor: alice,
    });
    const moved = await rpc.request(TransitionModelVersionStage, {
      model: 'staged',
      version: 2,
      stage: 'Staging',
      archiveExistingVersions: true,
      actor: alice,
    });
    expect(moved.model.aliases).toEqual({ staging: 2 });
    expect(moved.model.versions.map((v) => v.status)).toEqual(['archived', 'active', 'active']);
    expect((await rpc.request(GetModelVersion, { model: 'staged', version: 1 })).stage).toBe('Archived');

    const asked = await rpc.request(TransitionModelVersionStage, {
      model: 'staged',
      version: 2,
      stage: 'Production',
      requestId: 'staged-prod-2',
      actor: alice,
    });
    expect(asked.events).toEqual(['PromotionRequested']);
    await rpc.request(ApprovePromotion, { model: 'staged', requestId: 'staged-prod-2', actor: bob });
    expect((await rpc.request(GetModelVersion, { model: 'staged', version: 2 })).stage).toBe('Production');

    const none = await rpc.request(TransitionModelVersionStage, {
      model: 'staged',
      version: 2,
      stage: 'None',
      actor: alice,
    });
    // None is no stage at all: the version leaves staging and production both.
    expect(none.events).toEqual(['AliasRemoved', 'AliasRemoved']);
    expect(none.model.aliases).toEqual({});
    await rpc.request(TransitionModelVersionStage, {
      model: 'staged',
      version: 3,
      stage: 'Archived',
      actor: alice,
    });
    expect((await rpc.request(GetModelVersion, { model: 'staged', version: 3 })).stage).toBe('Archived');
  });

  test('promotion.request - baselineRunId replaces the policy baseline in the gates', async () => {
    await modelWith('baselined', 2);
    const passes = await rpc.request(RequestPromotion, {
      model: 'baselined',
      version: 1,
      alias: 'production',
      requestId: 'baselined-1',
      actor: alice,
    });
    expect(passes.model.openRequests[0]?.gates.map((g) => [g.passed, g.expected])).toEqual([
      [true, '>= 0.1'],
    ]);
    const blocked = await rpc.request(RequestPromotion, {
      model: 'baselined',
      version: 2,
      alias: 'production',
      requestId: 'baselined-2',
      baselineRunId: 'strongbaseline',
      actor: alice,
    });
    const gates = blocked.model.openRequests.find((r) => r.id === 'baselined-2')?.gates;
    expect(gates?.map((g) => [g.passed, g.actual, g.expected])).toEqual([[false, 0.6, '>= 0.99']]);
    await expect(
      rpc.request(ApprovePromotion, { model: 'baselined', requestId: 'baselined-2', actor: bob }),
    ).rejects.toMatchObject({ code: 'REGISTRY.GATE_FAILED' });
  });

  test('events - rename and deletes reach NATS as public registry events', async () => {
    const seen: { type: string; data: { model: string } }[] = [];
    const sub = registry.nc.subscribe('slipway.evt.registry.>', {
      callback: (_err, msg) => {
        seen.push(msg.json());
      },
    });
    await registry.nc.flush();
    await modelWith('announced', 1);
    await rpc.request(RenameModel, { model: 'announced', newName: 'announced-2', actor: alice });
    await rpc.request(DeleteModelVersion, { model: 'announced-2', version: 1, reason: 'bad', actor: bob });
    await rpc.request(DeleteModel, { model: 'announced-2', reason: 'done', actor: bob });
    const wanted = [
      'dev.slipway.registry.registered-model.renamed.v1',
      'dev.slipway.registry.model-version.deleted.v1',
      'dev.slipway.registry.registered-model.deleted.v1',
    ];
    const deadline = Date.now() + 10_000;
    const ofThese = () => seen.filter((e) => wanted.includes(e.type));
    while (ofThese().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    sub.unsubscribe();
    expect(ofThese().map((e) => [e.type, e.data.model])).toEqual([
      [wanted[0], 'announced'],
      [wanted[1], 'announced-2'],
      [wanted[2], 'announced-2'],
    ]);
  });
});
