import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  type Actor,
  ApprovePromotion,
  CreateModelVersion,
  GetAliasHolder,
  GetModel,
  GetModelHistory,
  ModelPromoted,
  type ModelPromotedData,
  PromoteModelVersion,
  PromotionRequested,
  type PromotionRequestedData,
  RebuildReadModels,
  RegisterModel,
  RequestPromotion,
  RollBackAlias,
} from '@slipway/contracts';
import { type RpcClient, streamNameOf } from '@slipway/messaging';
import type { RegistryPolicy } from '../models';
import { type RegistryUnderTest, startRegistryForTest } from '../testing/registry-test-service';

const alice: Actor = { id: 'alice', kind: 'user' };
const bob: Actor = { id: 'bob', kind: 'user' };
/** The talk's gates on `production`: f1 no worse than the holder's, recall at most 0.99. */
const talkPolicy: RegistryPolicy = {
  default: { requiresApproval: false, gates: [] },
  aliases: {
    production: {
      requiresApproval: true,
      gates: [
        { metric: 'f1', op: '>=', against: 'current-holder' },
        { metric: 'recall', op: '<=', value: 0.99 },
      ],
    },
  },
};

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Latest metrics of the runs tracking knows, by run id: the talk's two models, and fraud's. */
const TRACKED_RUNS: Record<string, Record<string, number>> = {
  // "Current model" of the talk.
  talkrun1: { accuracy: 0.8286, f1: 0.097764, recall: 0.097484 },
  // "New model" of the talk: predicts the positive class for everything.
  talkrun2: { accuracy: 0.0954, f1: 0.174182, recall: 1.0 },
  fraudrun1: { f1: 0.7, recall: 0.6 },
  fraudrun2: { f1: 0.8, recall: 0.7 },
};

describe('registry - commands, gates, time travel and audit over request/reply', () => {
  let registry: RegistryUnderTest;
  let nc: NatsConnection;
  let rpc: RpcClient;

  beforeAll(async () => {
    registry = await startRegistryForTest(talkPolicy, TRACKED_RUNS);
    ({ nc, rpc } = registry);
  }, 60_000);

  afterAll(() => registry?.close());

  async function model(name: string, metrics: Record<string, number>[]): Promise<void> {
    await rpc.request(RegisterModel, { model: name, actor: alice });
    for (const [i, m] of metrics.entries()) {
      await rpc.request(CreateModelVersion, {
        model: name,
        source: `runs:/${name}run${i + 1}/model`,
        runId: `${name}run${i + 1}`,
        flavor: 'sklearn',
        metrics: m,
        actor: alice,
      });
    }
  }

  test('registry - 50 concurrent promotions of different versions to one alias leave one holder and a consistent history', async () => {
    await model(
      'busy',
      Array.from({ length: 50 }, () => ({})),
    );
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        rpc.request(PromoteModelVersion, { model: 'busy', version: i + 1, alias: 'staging', actor: alice }),
      ),
    );
    const succeeded = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(succeeded).toBeGreaterThan(0);

    const { entries } = await rpc.request(GetModelHistory, { model: 'busy', alias: 'staging' });
    const promotions = entries
      .filter((e) => e.type === ModelPromoted.type)
      .map((e) => e.data as ModelPromotedData);
    expect(promotions).toHaveLength(succeeded);
    promotions.forEach((p, i) => expect(p.previousVersion).toBe(i === 0 ? null : promotions[i - 1]?.version));
    const holder = await rpc.request(GetAliasHolder, { model: 'busy', alias: 'staging' });
    expect(holder.version).toBe(promotions.at(-1)?.version);
    expect((await rpc.request(GetModel, { model: 'busy' })).aliases).toEqual({ staging: holder.version });
  }, 120_000);

  test('registry - the degenerate model of the talk (recall 1.0, accuracy 0.095) is blocked by the recall <= 0.99 gate on metrics from tracking', async () => {
    // The snapshots stored at creation would pass every gate: the gates must use tracking's metrics.
    await model('talk', [
      { f1: 0.1, recall: 0.1 },
      { f1: 0.9, recall: 0.5 },
    ]);
    await rpc.request(RequestPromotion, {
      model: 'talk',
      version: 1,
      alias: 'production',
      requestId: 'talk-current-model',
      reason: 'Current model',
      actor: alice,
    });
    await rpc.request(ApprovePromotion, { model: 'talk', requestId: 'talk-current-model', actor: bob });

    const reply = await rpc.request(RequestPromotion, {
      model: 'talk',
      version: 2,
      alias: 'production',
      requestId: 'talk-new-model',
      reason: 'New model',
      actor: alice,
    });
    expect(reply.events).toEqual(['PromotionRequested']);
    const { entries } = await rpc.request(GetModelHistory, { model: 'talk', alias: 'production' });
    const requested = entries.filter((e) => e.type === PromotionRequested.type).at(-1)
      ?.data as PromotionRequestedData;
    expect(requested.gates.map((g) => [g.passed, g.actual, g.message])).toEqual([
      [true, 0.174182, 'f1 0.174182 meets >= 0.097764 (current-holder)'],
      [false, 1, 'recall 1 fails <= 0.99'],
    ]);
    await expect(
      rpc.request(ApprovePromotion, { model: 'talk', requestId: 'talk-new-model', actor: bob }),
    ).rejects.toMatchObject({ code: 'REGISTRY.GATE_FAILED' });
    expect((await rpc.request(GetAliasHolder, { model: 'talk', alias: 'production' })).version).toBe(1);
  });

  test('registry - who held production at time T, with the audit of who moved it and why', async () => {
    await model('fraud', [
      { f1: 0.7, recall: 0.6 },
      { f1: 0.8, recall: 0.7 },
    ]);
    await rpc.request(RequestPromotion, {
      model: 'fraud',
      version: 1,
      alias: 'production',
      requestId: 'fraud-1',
      reason: 'first',
      actor: alice,
    });
    await rpc.request(ApprovePromotion, { model: 'fraud', requestId: 'fraud-1', comment: 'ok', actor: bob });
    await pause(20);
    const t = new Date().toISOString();
    await pause(20);
    await rpc.request(RequestPromotion, {
      model: 'fraud',
      version: 2,
      alias: 'production',
      requestId: 'fraud-2',
      reason: 'better f1',
      actor: alice,
    });
    await rpc.request(ApprovePromotion, { model: 'fraud', requestId: 'fraud-2', comment: 'go', actor: bob });
    await rpc.request(RollBackAlias, { model: 'fraud', alias: 'production', reason: 'latency', actor: bob });

    expect(
      (await rpc.request(GetAliasHolder, { model: 'fraud', alias: 'production', asOf: { time: t } })).version,
    ).toBe(1);
    const { entries } = await rpc.request(GetModelHistory, { model: 'fraud', alias: 'production' });
    const promoted = entries.filter((e) => e.type === ModelPromoted.type);
    expect(promoted.map((e) => (e.data as ModelPromotedData).version)).toEqual([1, 2, 1]);
    expect(promoted.map((e) => [e.actor.id, e.reason])).toEqual([
      ['bob', 'ok'],
      ['bob', 'go'],
      ['bob', 'latency'],
    ]);
    const before = await rpc.request(GetModel, { model: 'fraud', asOf: { position: promoted[1]!.position } });
    expect(before.aliases).toEqual({ production: 2 });
  });

  test('registry - the relay publishes each promotion once to JetStream as model.promoted, with who approved and why', async () => {
    const jsm = await jetstreamManager(nc);
    const stream = streamNameOf('events', 'slipway');
    const promotedOfFraud = async () => {
      const info = await jsm.streams.info(stream);
      const found: { msgId: string | undefined; data: ModelPromotedData }[] = [];
      for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
        const msg = await jsm.streams.getMessage(stream, { seq });
        const event = msg?.json<{ type: string; data: ModelPromotedData }>();
        if (msg && event?.type === ModelPromoted.type && event.data.model === 'fraud')
          found.push({ msgId: msg.header.get('Nats-Msg-Id'), data: event.data });
      }
      return found;
    };
    const deadline = Date.now() + 15_000;
    let found = await promotedOfFraud();
    while (found.length < 3 && Date.now() < deadline) {
      await pause(100);
      found = await promotedOfFraud();
    }
    expect(
      found.map((f) => [f.data.version, f.data.previousVersion, f.data.approvedBy.id, f.data.reason]),
    ).toEqual([
      [1, null, 'bob', 'ok'],
      [2, 1, 'bob', 'go'],
      [1, 2, 'bob', 'rolled back from version 2: latency'],
    ]);
    expect(new Set(found.map((f) => f.msgId)).size).toBe(3);
  });

  test('registry - rebuilding the read models gives the same answers', async () => {
    const names = ['busy', 'talk', 'fraud'];
    const before = await Promise.all(names.map((name) => rpc.request(GetModel, { model: name })));
    const result = await rpc.request(RebuildReadModels, { actor: bob });
    expect(result.models).toBe(3);
    const after = await Promise.all(names.map((name) => rpc.request(GetModel, { model: name })));
    expect(after).toEqual(before);
  });
  test('registry - a run tracking does not know fails the gates, saying so', async () => {
    await rpc.request(RegisterModel, { model: 'ghost', actor: alice });
    await rpc.request(CreateModelVersion, {
      model: 'ghost',
      source: 'runs:/ghostrun1/model',
      runId: 'ghostrun1',
      flavor: 'sklearn',
      metrics: { f1: 0.9, recall: 0.5 },
      actor: alice,
    });
    const reply = await rpc.request(RequestPromotion, {
      model: 'ghost',
      version: 1,
      alias: 'production',
      requestId: 'ghost-1',
      actor: alice,
    });
    expect(reply.model.openRequests[0]?.gates.map((g) => [g.passed, g.message])).toEqual([
      [false, 'candidate run ghostrun1 not found in tracking'],
      [false, 'candidate run ghostrun1 not found in tracking'],
    ]);
  });

  test('registry - tracking down is REGISTRY.TRACKING_UNAVAILABLE; explicit metrics still work offline', async () => {
    await registry.stopTracking();
    await expect(
      rpc.request(RequestPromotion, {
        model: 'talk',
        version: 2,
        alias: 'production',
        requestId: 'talk-while-tracking-down',
        actor: alice,
      }),
    ).rejects.toMatchObject({ code: 'REGISTRY.TRACKING_UNAVAILABLE' });
    expect((await rpc.request(GetModel, { model: 'talk' })).openRequests.map((r) => r.id)).toEqual([
      'talk-new-model',
    ]);

    const offline = await rpc.request(RequestPromotion, {
      model: 'talk',
      version: 2,
      alias: 'production',
      requestId: 'talk-offline',
      metrics: { candidate: { f1: 0.174182, recall: 1 }, holder: { f1: 0.097764 } },
      actor: alice,
    });
    const gates = offline.model.openRequests.find((r) => r.id === 'talk-offline')?.gates ?? [];
    expect(gates.map((g) => g.passed)).toEqual([true, false]);
  });
});
