import type { Actor, ModelPromotedData } from '@slipway/contracts';
import { createTestDatabase, type TestDatabase } from '@slipway/testing';
import type { DataSource } from 'typeorm';
import { ConcurrencyError, EventStore } from '../event-store';
import { RegistryError, RegistryErrorCodes, type RegistryPolicy } from '../models';
import { openRegistrySchema } from '../persistence/registry-test-schema';
import { ReadModelRebuilder } from '../read-models/read-model.rebuilder';
import { RegistryQueriesService } from '../read-models/registry-queries.service';
import { ModelPromoted } from '@slipway/contracts';
import { gatesFor } from './promotion-gates';
import { RegistryCommandsService } from './registry-commands.service';

const alice: Actor = { id: 'alice', kind: 'user' };
const bob: Actor = { id: 'bob', kind: 'user' };
const policy: RegistryPolicy = {
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

const READ_TABLES = {
  models: 'SELECT * FROM models ORDER BY name',
  model_versions: 'SELECT * FROM model_versions ORDER BY model, version',
  aliases: 'SELECT * FROM aliases ORDER BY model, alias',
  promotion_requests: 'SELECT * FROM promotion_requests ORDER BY id',
};

describe('registry commands', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let commands: RegistryCommandsService;
  let queries: RegistryQueriesService;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  beforeEach(async () => {
    ds = await openRegistrySchema(db.url, 20);
    const store = new EventStore(ds);
    commands = new RegistryCommandsService(store, ds, policy);
    queries = new RegistryQueriesService(ds, store);
  });
  afterEach(async () => {
    await ds?.destroy();
  });
  afterAll(async () => {
    await db?.drop();
  });

  async function modelWithVersions(name: string, metrics: Record<string, number>[]): Promise<void> {
    await commands.execute(name, { type: 'RegisterModel', data: {} }, { actor: alice });
    for (const [i, m] of metrics.entries()) {
      await commands.execute(
        name,
        { type: 'CreateVersion', data: { source: `runs:/run${i + 1}/model`, flavor: 'sklearn', metrics: m } },
        { actor: alice },
      );
    }
  }

  /** Request (gates evaluated on the registry's snapshots) then approve, as the RPC does. */
  async function requestAndApprove(name: string, version: number, requestId: string, approver = bob) {
    const gates = gatesFor(policy, await queries.getModel(name), version, 'production', {});
    await commands.execute(
      name,
      {
        type: 'RequestPromotion',
        data: { version, alias: 'production', requestId, gates, reason: 'better' },
      },
      { actor: alice },
    );
    return commands.execute(name, { type: 'ApprovePromotion', data: { requestId } }, { actor: approver });
  }

  const snapshot = async () =>
    Object.fromEntries(
      await Promise.all(Object.entries(READ_TABLES).map(async ([t, sql]) => [t, await ds.query(sql)])),
    );

  test('commands - 50 concurrent promotions of different versions to one alias end with one holder and a consistent history', async () => {
    await modelWithVersions(
      'churn',
      Array.from({ length: 50 }, () => ({})),
    );
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        commands.execute(
          'churn',
          { type: 'PromoteDirectly', data: { version: i + 1, alias: 'staging', reason: `v${i + 1}` } },
          { actor: alice },
        ),
      ),
    );
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    for (const failure of failures) expect(failure).toBeInstanceOf(ConcurrencyError);
    expect(failures.length).toBeLessThan(50);

    const history = await queries.history('churn', 'staging');
    const promotions = history
      .filter((e) => e.type === ModelPromoted.type)
      .map((e) => e.data as ModelPromotedData);
    expect(promotions).toHaveLength(50 - failures.length);
    promotions.forEach((p, i) => expect(p.previousVersion).toBe(i === 0 ? null : promotions[i - 1]?.version));
    expect(new Set(promotions.map((p) => p.version)).size).toBe(promotions.length);

    const holder = await queries.aliasHolder('churn', 'staging');
    expect(holder.version).toBe(promotions.at(-1)?.version);
    expect(await ds.query(`SELECT version FROM aliases WHERE alias = 'staging'`)).toEqual([
      { version: holder.version },
    ]);
    const head = history.at(-1)?.position ?? 0;
    expect(await queries.getModel('churn')).toEqual(await queries.getModel('churn', { position: head }));
  }, 60_000);

  test('gates - the degenerate model (recall 1.0, accuracy 0.095) is blocked by recall <= 0.99 unless an admin overrides', async () => {
    await modelWithVersions('talk', [
      { f1: 0.61, recall: 0.58, accuracy: 0.91 },
      { f1: 0.17, recall: 1.0, accuracy: 0.095 },
    ]);
    await requestAndApprove('talk', 1, 'r1');
    await expect(requestAndApprove('talk', 2, 'r2')).rejects.toMatchObject({
      code: RegistryErrorCodes.GATE_FAILED,
    });
    const open = (await queries.getModel('talk')).openRequests;
    expect(open.map((r) => r.id)).toEqual(['r2']);
    expect(open[0]?.gates.filter((g) => !g.passed).map((g) => g.gate)).toEqual(
      expect.arrayContaining([expect.stringContaining('recall'), expect.stringContaining('f1')]),
    );
    expect((await queries.aliasHolder('talk', 'production')).version).toBe(1);

    await commands.execute(
      'talk',
      { type: 'ApprovePromotion', data: { requestId: 'r2', overrideReason: 'demo of the talk' } },
      { actor: bob, admin: true },
    );
    expect((await queries.aliasHolder('talk', 'production')).version).toBe(2);
    const audit = await queries.history('talk', 'production');
    expect(audit.at(-1)).toMatchObject({ type: ModelPromoted.type, actor: bob });
    expect(audit.at(-1)?.reason).toContain('demo of the talk');
  });

  test('time travel - who held production at time T and at position P', async () => {
    await modelWithVersions('tt', [
      { f1: 0.5, recall: 0.5 },
      { f1: 0.6, recall: 0.5 },
      { f1: 0.7, recall: 0.5 },
    ]);
    const first = await requestAndApprove('tt', 1, 'a');
    await new Promise((r) => setTimeout(r, 20));
    const t1 = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await requestAndApprove('tt', 3, 'b');

    expect((await queries.aliasHolder('tt', 'production', { time: t1 })).version).toBe(1);
    expect((await queries.aliasHolder('tt', 'production')).version).toBe(3);
    const p1 = first.positions.at(-1) ?? 0;
    expect((await queries.aliasHolder('tt', 'production', { position: p1 })).version).toBe(1);
    expect((await queries.aliasHolder('tt', 'production', { position: p1 - 1 })).version).toBeNull();
    await expect(queries.getModel('tt', { time: '2000-01-01T00:00:00Z' })).rejects.toBeInstanceOf(
      RegistryError,
    );
  });

  test('read models - rebuild from all events equals the incrementally maintained tables', async () => {
    await modelWithVersions('a', [
      { f1: 0.5, recall: 0.5 },
      { f1: 0.9, recall: 0.6 },
    ]);
    await modelWithVersions('b', [{ f1: 0.4 }]);
    await requestAndApprove('a', 1, 'ra');
    await commands.execute(
      'a',
      {
        type: 'RequestPromotion',
        data: { version: 2, alias: 'production', requestId: 'open1', gates: [], reason: 'x' },
      },
      { actor: alice },
    );
    await commands.execute(
      'b',
      { type: 'PromoteDirectly', data: { version: 1, alias: 'staging', reason: '' } },
      { actor: alice },
    );
    await commands.execute(
      'b',
      { type: 'ArchiveVersion', data: { version: 1, reason: 'old' } },
      { actor: bob },
    );
    await commands.execute(
      'a',
      { type: 'SetTags', data: { tags: [{ key: 'team', value: 'ml' }] } },
      { actor: bob },
    );

    // Only changed rows are written incrementally; renames, deletes and descriptions must agree too.
    await modelWithVersions('c', [{ f1: 0.1 }, { f1: 0.2 }, { f1: 0.3 }]);
    for (const version of [1, 2, 3]) {
      await commands.execute(
        'c',
        { type: 'PromoteDirectly', data: { version, alias: 'staging', reason: '' } },
        { actor: alice },
      );
    }
    await commands.execute(
      'c',
      { type: 'RollBackAlias', data: { alias: 'staging', reason: 'r' } },
      { actor: bob },
    );
    await commands.execute('c', { type: 'DeleteVersion', data: { version: 1, reason: 'd' } }, { actor: bob });
    await commands.execute(
      'c',
      { type: 'SetDescription', data: { version: 3, description: 'third' } },
      { actor: bob },
    );
    await commands.execute('c', { type: 'RenameModel', data: { newName: 'c2' } }, { actor: bob });
    await commands.execute(
      'c2',
      { type: 'SetTags', data: { tags: [{ key: 'k', value: 'v' }] } },
      { actor: bob },
    );
    await modelWithVersions('d', [{}]);
    await commands.execute('d', { type: 'DeleteModel', data: { reason: 'gone' } }, { actor: bob });

    const incremental = await snapshot();
    expect(incremental.promotion_requests).toHaveLength(1);
    const result = await new ReadModelRebuilder(ds, new EventStore(ds)).rebuild();
    expect(result.models).toBe(3);
    expect(await snapshot()).toEqual(incremental);
  });
});
