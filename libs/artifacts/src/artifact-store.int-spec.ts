import { jetstreamManager } from '@nats-io/jetstream';
import { Objm } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats } from '@slipway/messaging';
import { type TestNatsServer, natsServerForTests, randomSuffix } from '@slipway/testing';
import { ArtifactStore } from './artifact-store';
import { childrenOf } from './artifact-tree';
import { ArtifactsErrorCodes } from './artifacts.errors';
import { objectStoreLayout } from './object-store.protocol';
import { generatedFile, readAll, sha256Hex } from './testing/byte-streams';

jest.setTimeout(30_000);

describe('artifact store', () => {
  let server: TestNatsServer;
  let nc: NatsConnection;
  let store: ArtifactStore;
  const bucket = `artifacts-test-${randomSuffix()}`;
  const maxBytes = 1024 * 1024;
  const chunkBytes = 64 * 1024;
  const newRun = () => `run_${randomSuffix()}`;
  const storedMessages = async () =>
    (await (await jetstreamManager(nc)).streams.info(objectStoreLayout.stream(bucket))).state.messages;

  beforeAll(async () => {
    server = await natsServerForTests();
    nc = await connectNats({ servers: server.url, name: 'artifacts-int-test' });
    // Small chunks, so that files of a few hundred KiB span many.
    store = await ArtifactStore.open(nc, { bucket, chunkBytes });
  });

  afterAll(async () => {
    await new Objm(nc)
      .open(bucket)
      .then((os) => os.destroy())
      .catch(() => undefined);
    await nc?.drain();
    await server?.stop();
  });

  it('artifacts - a put file reads back byte for byte, with its size, sha256 and content type', async () => {
    const runId = newRun();
    const bytes = Buffer.from('accuracy,f1\n0.91,0.88\n');
    const stored = await store.put(runId, 'metrics/summary.csv', bytes, {
      maxBytes,
      contentType: 'text/csv',
    });
    expect(stored).toEqual({
      uri: `runs:/${runId}/metrics/summary.csv`,
      runId,
      path: 'metrics/summary.csv',
      size: bytes.length,
      sha256: sha256Hex(bytes),
    });

    const { info, stream } = await store.get(stored.uri);
    expect(await readAll(stream)).toEqual(bytes);
    expect(info).toMatchObject({ ...stored, contentType: 'text/csv', modified: expect.any(Number) });
    expect(await store.info(runId, 'metrics/summary.csv')).toEqual(info);
    expect(Math.abs(info.modified - Date.now())).toBeLessThan(60_000);
  });

  it('artifacts - the hex sha256 is in the object metadata, for any NATS client to see', async () => {
    const runId = newRun();
    const file = generatedFile(300 * 1024, 64 * 1024);
    const stored = await store.put(runId, 'model.bin', file.chunks, { maxBytes });
    expect(stored.sha256).toBe(file.sha256());
    const raw = await (await new Objm(nc).open(bucket)).info(`runs/${runId}/model.bin`);
    expect(raw?.metadata).toMatchObject({ sha256: file.sha256() });
    expect(raw?.size).toBe(300 * 1024);
  });

  it('artifacts - an empty file and a multi-chunk web stream round-trip', async () => {
    const runId = newRun();
    await store.put(runId, 'empty.txt', new Uint8Array(0), { maxBytes });
    expect((await readAll((await store.get(runId, 'empty.txt')).stream)).length).toBe(0);

    const bytes = Buffer.alloc(700 * 1024, 7);
    const web = new Blob([bytes]).stream();
    await store.put(runId, 'sevens.bin', web, { maxBytes });
    expect(sha256Hex(await readAll((await store.get(runId, 'sevens.bin')).stream))).toBe(sha256Hex(bytes));
  });

  it('artifacts - a put over maxBytes fails with TOO_LARGE naming the limit and leaves nothing stored', async () => {
    const runId = newRun();
    const before = await storedMessages();
    const file = generatedFile(3 * maxBytes, 64 * 1024);
    const failed = store.put(runId, 'too/big.bin', file.chunks, { maxBytes });
    await expect(failed).rejects.toMatchObject({
      code: ArtifactsErrorCodes.TOO_LARGE,
      details: { maxBytes },
    });
    await expect(failed).rejects.toThrow(`limit of ${maxBytes} bytes`);
    expect(file.yielded).toBeLessThanOrEqual(maxBytes + 64 * 1024);
    expect(await store.list(runId)).toEqual([]);
    await expect(store.info(runId, 'too/big.bin')).rejects.toMatchObject({
      code: ArtifactsErrorCodes.NOT_FOUND,
    });
    expect(await storedMessages()).toBe(before);
  });

  it('artifacts - a source failing midway is SOURCE_FAILED and leaves nothing stored', async () => {
    const runId = newRun();
    const before = await storedMessages();
    async function* dropsOut() {
      for (let i = 0; i < 5; i++) yield Buffer.alloc(chunkBytes, i);
      throw new Error('client went away');
    }
    await expect(store.put(runId, 'partial.bin', dropsOut(), { maxBytes })).rejects.toMatchObject({
      code: ArtifactsErrorCodes.SOURCE_FAILED,
      message: "reading the bytes of 'partial.bin' failed: client went away",
    });
    expect(await store.list(runId)).toEqual([]);
    expect(await storedMessages()).toBe(before);
  });

  it('artifacts - a too large replacement keeps the version that was there', async () => {
    const runId = newRun();
    const v1 = Buffer.from('version one');
    await store.put(runId, 'model.pkl', v1, { maxBytes });
    await expect(
      store.put(runId, 'model.pkl', generatedFile(2 * maxBytes).chunks, { maxBytes }),
    ).rejects.toMatchObject({
      code: ArtifactsErrorCodes.TOO_LARGE,
    });
    await expect(
      store.put(runId, 'model.pkl', Buffer.alloc(maxBytes + 1), { maxBytes }),
    ).rejects.toMatchObject({
      code: ArtifactsErrorCodes.TOO_LARGE,
    });
    expect(await readAll((await store.get(runId, 'model.pkl')).stream)).toEqual(v1);
  });

  it('artifacts - putting the same path twice replaces it, and the old chunks are gone', async () => {
    const runId = newRun();
    await store.put(runId, 'model.pkl', Buffer.alloc(400 * 1024, 1), { maxBytes });
    const afterFirst = await storedMessages();
    const v2 = Buffer.from('smaller second version');
    await store.put(runId, 'model.pkl', v2, { maxBytes });
    expect(await readAll((await store.get(runId, 'model.pkl')).stream)).toEqual(v2);
    expect(await store.list(runId)).toEqual([
      expect.objectContaining({ path: 'model.pkl', size: v2.length, sha256: sha256Hex(v2) }),
    ]);
    // 7 chunks and a meta became 1 chunk and a meta.
    expect(await storedMessages()).toBe(afterFirst - 6);
  });

  it('artifacts - list is sorted, filtered by run and prefix, and folders are derivable', async () => {
    const [runId, other] = [newRun(), newRun()];
    for (const path of [
      'model/MLmodel',
      'metrics.json',
      'model/data/model.pkl',
      'models-v2/x',
      'plots/roc.png',
    ])
      await store.put(runId, path, Buffer.from(path), { maxBytes });
    await store.put(other, 'model/MLmodel', Buffer.from('other run'), { maxBytes });

    const all = await store.list(runId);
    expect(all.map((e) => e.path)).toEqual([
      'metrics.json',
      'model/MLmodel',
      'model/data/model.pkl',
      'models-v2/x',
      'plots/roc.png',
    ]);
    expect(all[0]).toEqual({
      path: 'metrics.json',
      size: 'metrics.json'.length,
      sha256: sha256Hex(Buffer.from('metrics.json')),
      modified: expect.any(Number),
    });
    expect((await store.list(runId, 'model/')).map((e) => e.path)).toEqual([
      'model/MLmodel',
      'model/data/model.pkl',
    ]);
    expect((await store.list(runId, 'model')).map((e) => e.path)).toHaveLength(3);
    expect(childrenOf(all).map((n) => `${n.path}${n.isDir ? '/' : ''}`)).toEqual([
      'metrics.json',
      'model/',
      'models-v2/',
      'plots/',
    ]);
    expect(await store.list(newRun())).toEqual([]);
  });

  it('artifacts - delete removes one file and says whether there was one', async () => {
    const runId = newRun();
    await store.put(runId, 'a.txt', Buffer.from('a'), { maxBytes });
    await store.put(runId, 'b.txt', Buffer.from('b'), { maxBytes });
    expect(await store.delete(runId, 'a.txt')).toBe(true);
    expect(await store.delete(runId, 'a.txt')).toBe(false);
    expect((await store.list(runId)).map((e) => e.path)).toEqual(['b.txt']);
    await expect(store.get(runId, 'a.txt')).rejects.toMatchObject({ code: ArtifactsErrorCodes.NOT_FOUND });
  });

  it('artifacts - resolve names a file, a model folder, or nothing', async () => {
    const runId = newRun();
    await store.put(runId, 'model/MLmodel', Buffer.from('flavors: {}'), { maxBytes });
    await store.put(runId, 'model/model.pkl', Buffer.from('pickle'), { maxBytes });

    const file = await store.resolve(`runs:/${runId}/model/MLmodel`);
    expect(file).toMatchObject({ kind: 'file', runId, path: 'model/MLmodel', info: { size: 11 } });
    const folder = await store.resolve(`runs:/${runId}/model`);
    expect(folder.kind === 'directory' && folder.files.map((f) => f.path)).toEqual([
      'model/MLmodel',
      'model/model.pkl',
    ]);
    await expect(store.resolve(`runs:/${runId}/mod`)).rejects.toMatchObject({
      code: ArtifactsErrorCodes.NOT_FOUND,
      message: `no artifact 'mod' in run ${runId}`,
    });
  });

  it('artifacts - invalid URIs, paths and run ids are refused with the bad part named', async () => {
    const runId = newRun();
    await expect(store.put(runId, 'a/../etc/passwd', Buffer.from('x'), { maxBytes })).rejects.toMatchObject({
      code: ArtifactsErrorCodes.INVALID_PATH,
      details: { part: '..' },
    });
    await expect(store.put('run.1', 'x', Buffer.from('x'), { maxBytes })).rejects.toMatchObject({
      code: ArtifactsErrorCodes.INVALID_RUN_ID,
    });
    await expect(store.get(`runs://${runId}/x`)).rejects.toMatchObject({
      code: ArtifactsErrorCodes.INVALID_URI,
      details: { part: 'runId' },
    });
    await expect(store.info(`s3://bucket/${runId}/x`)).rejects.toMatchObject({
      code: ArtifactsErrorCodes.INVALID_URI,
      details: { part: 's3:' },
    });
    await expect(store.list(runId, '/abs')).rejects.toMatchObject({
      code: ArtifactsErrorCodes.INVALID_PATH,
      details: { part: '/' },
    });
    await expect(store.resolve(`runs:/${runId}/a%2F%2Fb`)).rejects.toMatchObject({
      code: ArtifactsErrorCodes.INVALID_URI,
    });
  });

  it('artifacts - a download whose object is replaced before it is read fails as CORRUPT, not short', async () => {
    const quick = await ArtifactStore.open(nc, { bucket, chunkBytes, timeoutMs: 1_000 });
    const runId = newRun();
    await quick.put(runId, 'model.bin', Buffer.alloc(600 * 1024, 3), { maxBytes });
    const { stream } = await quick.get(runId, 'model.bin');
    await quick.put(runId, 'model.bin', Buffer.from('replaced'), { maxBytes });
    await expect(readAll(stream)).rejects.toMatchObject({ code: ArtifactsErrorCodes.CORRUPT });
  });

  it('artifacts - opening the bucket again is idempotent and sees what is stored', async () => {
    const runId = newRun();
    await store.put(runId, 'kept.txt', Buffer.from('kept'), { maxBytes });
    const again = await ArtifactStore.open(nc, { bucket });
    expect((await again.list(runId)).map((e) => e.path)).toEqual(['kept.txt']);
  });
});
