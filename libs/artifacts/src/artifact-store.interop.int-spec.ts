import { jetstreamManager } from '@nats-io/jetstream';
import { Objm } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats } from '@slipway/messaging';
import { type TestNatsServer, natsServerForTests, randomSuffix } from '@slipway/testing';
import { ArtifactStore } from './artifact-store';
import { objectStoreLayout } from './object-store.protocol';
import { readAll, sha256Hex } from './testing/byte-streams';

jest.setTimeout(30_000);

/** Objects must stay readable by other object store clients (nats.js's own, the Go `nats` CLI), and theirs by us. */
describe('artifact store - object store protocol', () => {
  let server: TestNatsServer;
  let nc: NatsConnection;
  let store: ArtifactStore;
  const bucket = `artifacts-interop-${randomSuffix()}`;
  const maxBytes = 10 * 1024 * 1024;
  const runId = `run_${randomSuffix()}`;

  beforeAll(async () => {
    server = await natsServerForTests();
    nc = await connectNats({ servers: server.url, name: 'artifacts-interop-test' });
    store = await ArtifactStore.open(nc, { bucket, chunkBytes: 128 * 1024 });
  });

  afterAll(async () => {
    await new Objm(nc)
      .open(bucket)
      .then((os) => os.destroy())
      .catch(() => undefined);
    await nc?.drain();
    await server?.stop();
  });

  it('artifacts - nats.js reads an object we wrote, and its digest check passes', async () => {
    const bytes = Buffer.alloc(1024 * 1024 + 17, 'slipway');
    await store.put(runId, 'model/weights.bin', bytes, { maxBytes });
    const os = await new Objm(nc).open(bucket);
    const blob = await os.getBlob(`runs/${runId}/model/weights.bin`);
    expect(blob && Buffer.from(blob).equals(bytes)).toBe(true);
    expect(await os.info(`runs/${runId}/model/weights.bin`)).toMatchObject({ size: bytes.length, chunks: 9 });
  });

  it('artifacts - we read an object nats.js wrote, taking its sha256 from the object digest', async () => {
    const bytes = Buffer.from('written by another client');
    const os = await new Objm(nc).open(bucket);
    await os.putBlob({ name: `runs/${runId}/external.txt` }, bytes);
    const { info, stream } = await store.get(runId, 'external.txt');
    expect(await readAll(stream)).toEqual(bytes);
    expect(info.sha256).toBe(sha256Hex(bytes));
    expect((await store.list(runId)).map((e) => e.path)).toContain('external.txt');
  });

  it('artifacts - names beyond Latin-1 work, with the meta on the UTF-8 subject other clients use', async () => {
    const path = 'résultats/模型 v1.bin';
    const bytes = Buffer.from('unicode');
    const stored = await store.put(runId, path, bytes, { maxBytes });
    expect(stored.uri).toBe(`runs:/${runId}/r%C3%A9sultats/%E6%A8%A1%E5%9E%8B%20v1.bin`);
    expect(await readAll((await store.get(stored.uri)).stream)).toEqual(bytes);
    expect((await store.list(runId, 'résultats/')).map((e) => e.path)).toEqual([path]);
    const jsm = await jetstreamManager(nc);
    const meta = await jsm.streams.getMessage(objectStoreLayout.stream(bucket), {
      last_by_subj: `$O.${bucket}.M.${Buffer.from(`runs/${runId}/${path}`, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_')}`,
    });
    expect(meta?.json()).toMatchObject({ name: `runs/${runId}/${path}`, size: bytes.length });
    expect(await store.delete(runId, path)).toBe(true);
    expect(await store.list(runId, 'résultats/')).toEqual([]);
  });
});
