/**
 * Artifact upload and download throughput: ArtifactStore against nats.js's own object store
 * (`os.put` / `os.get`, native sha256), same server, same bytes, interleaved rounds.
 *
 *   node -r @swc-node/register libs/artifacts/scripts/artifacts-throughput.bench.ts
 *
 * Env: BENCH_MB (256), BENCH_ROUNDS (3), BENCH_CHUNK_BYTES (the store's default), NATS_URL to use
 * a running server (else a private nats-server is started).
 */
import { createHash, randomBytes } from 'node:crypto';
import { Objm, StorageType, setSha256Backend } from '@nats-io/obj';
import { connectNats } from '@slipway/messaging';
import { natsServerForTests, randomSuffix } from '@slipway/testing';
import { ArtifactStore } from '@slipway/artifacts';

const MiB = 1024 * 1024;
const SIZE = Number(process.env['BENCH_MB'] ?? 256) * MiB;
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const CHUNK_BYTES = process.env['BENCH_CHUNK_BYTES'] ? Number(process.env['BENCH_CHUNK_BYTES']) : undefined;
const PIECE = 256 * 1024;

/** The same pseudo-file for every run: 16 MiB of random bytes repeated, handed out in 256 KiB pieces. */
const block = randomBytes(16 * MiB);
async function* file(): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < SIZE; offset += PIECE)
    yield block.subarray(offset % block.length, (offset % block.length) + PIECE);
}
const webFile = () => ReadableStream.from(file()) as ReadableStream<Uint8Array>;

async function drain(stream: ReadableStream<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) hash.update(chunk);
  return hash.digest('hex');
}

async function timed(run: () => Promise<unknown>): Promise<{ mbps: number; rssMiB: number }> {
  const rss0 = process.memoryUsage.rss();
  let peak = rss0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const t0 = performance.now();
  await run();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  return { mbps: SIZE / MiB / seconds, rssMiB: (peak - rss0) / MiB };
}

async function main() {
  setSha256Backend('native');
  const server = await natsServerForTests();
  const nc = await connectNats({ servers: server.url, name: 'artifacts-bench' });
  const bucket = `artifacts-bench-${randomSuffix()}`;
  const store = await ArtifactStore.open(nc, { bucket, ...(CHUNK_BYTES ? { chunkBytes: CHUNK_BYTES } : {}) });
  const os = await new Objm(nc).create(`${bucket}-baseline`, { storage: StorageType.File });
  const results: Record<string, { mbps: number; rssMiB: number }[]> = {};
  const record = (key: string, r: { mbps: number; rssMiB: number }) => (results[key] ??= []).push(r);
  try {
    // Warm-up (JIT, first-use allocations), not recorded.
    await store.put('bench', 'warm.bin', block, { maxBytes: SIZE });
    await drain((await store.get('bench', 'warm.bin')).stream);
    await os.put({ name: 'warm.bin' }, new Blob([block]).stream());
    await drain((await os.get('warm.bin'))!.data);
    for (let round = 0; round < ROUNDS; round++) {
      record('put ours', await timed(() => store.put('bench', 'file.bin', file(), { maxBytes: SIZE })));
      record(
        'put nats.js',
        await timed(() =>
          os.put({ name: 'file.bin', options: { max_chunk_size: CHUNK_BYTES ?? 256 * 1024 } }, webFile()),
        ),
      );
      record('get ours', await timed(async () => drain((await store.get('bench', 'file.bin')).stream)));
      record('get nats.js', await timed(async () => drain((await os.get('file.bin'))!.data)));
    }
    const best = (key: string) => Math.max(...results[key]!.map((r) => r.mbps));
    const rss = (key: string) => Math.max(...results[key]!.map((r) => r.rssMiB));
    console.log(`artifacts: ${SIZE / MiB} MiB file, best of ${ROUNDS}, nats-server ${nc.info?.version}`);
    for (const op of ['put', 'get'])
      console.log(
        `${op}: ours ${best(`${op} ours`).toFixed(0)} MB/s (peak RSS +${rss(`${op} ours`).toFixed(0)} MiB), ` +
          `nats.js ${best(`${op} nats.js`).toFixed(0)} MB/s (peak RSS +${rss(`${op} nats.js`).toFixed(0)} MiB), ` +
          `ratio ${(best(`${op} ours`) / best(`${op} nats.js`)).toFixed(2)}`,
      );
  } finally {
    await os.destroy().catch(() => undefined);
    await (await new Objm(nc).open(bucket)).destroy().catch(() => undefined);
    await nc.drain();
    await server.stop();
  }
}

void main();
