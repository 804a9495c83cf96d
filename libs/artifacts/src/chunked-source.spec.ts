import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { ArtifactTooLargeError } from './artifacts.errors';
import { ByteMeter, fixedChunks } from './chunked-source';

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const chunk of chunks) out.push(Buffer.from(chunk));
  return out;
}

const bytes = Buffer.from('0123456789abcdefghij');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('chunked source - regrouping, counting and hashing', () => {
  it.each([
    ['a buffer', () => bytes],
    ['a web stream', () => new Blob([bytes.subarray(0, 5), bytes.subarray(5)]).stream()],
    ['a Node readable', () => Readable.from([bytes.subarray(0, 3), new Uint8Array(0), bytes.subarray(3)])],
    [
      'a generator',
      () =>
        (async function* () {
          yield bytes.subarray(0, 9);
          yield bytes.subarray(9);
        })(),
    ],
  ])('cuts %s into fixed chunks with its size and sha256', async (_, source) => {
    const meter = new ByteMeter('f', 20);
    const chunks = await collect(fixedChunks(source(), 8, meter));
    expect(chunks.map((c) => c.toString())).toEqual(['01234567', '89abcdef', 'ghij']);
    expect(meter.size).toBe(20);
    expect(meter.digest().toString('hex')).toBe(sha(bytes));
  });

  it('copies chunks, so a source may reuse its buffer', async () => {
    const shared = Buffer.alloc(4);
    const source = (async function* () {
      for (const c of ['aaaa', 'bbbb']) {
        shared.write(c);
        yield shared;
      }
    })();
    const chunks = await collect(fixedChunks(source, 8, new ByteMeter('f', 100)));
    expect(chunks.map((c) => c.toString())).toEqual(['aaaabbbb']);
  });

  it('reads one piece of the source at a time, as chunks are asked for', async () => {
    let pulled = 0;
    const source = (async function* () {
      for (let i = 0; i < 10; i++) {
        pulled++;
        yield bytes;
      }
    })();
    const chunks = fixedChunks(source, 20, new ByteMeter('f', 1000));
    await chunks.next();
    expect(pulled).toBe(1);
    await chunks.return();
  });

  it('fails past maxBytes, naming the limit, before hashing the extra bytes, and releases the source', async () => {
    let released = false;
    const source = (async function* () {
      try {
        for (;;) yield bytes;
      } finally {
        released = true;
      }
    })();
    const meter = new ByteMeter('big.bin', 50);
    const failed = collect(fixedChunks(source, 16, meter));
    await expect(failed).rejects.toBeInstanceOf(ArtifactTooLargeError);
    await expect(failed).rejects.toMatchObject({
      code: 'ARTIFACTS.TOO_LARGE',
      details: { maxBytes: 50, path: 'big.bin' },
    });
    await expect(failed).rejects.toThrow(/limit of 50 bytes/);
    expect(released).toBe(true);
    expect(meter.size).toBe(40);
  });

  it('refuses pieces that are not bytes, and reports a failing source as SOURCE_FAILED', async () => {
    const text = (async function* () {
      yield 'text' as unknown as Uint8Array;
    })();
    await expect(collect(fixedChunks(text, 8, new ByteMeter('f', 10)))).rejects.toMatchObject({
      code: 'ARTIFACTS.SOURCE_FAILED',
      message: "reading the bytes of 'f' failed: yielded string, not a Uint8Array",
    });
    const broken = new Readable({ read() {} });
    setImmediate(() => broken.destroy(new Error('client went away')));
    await expect(collect(fixedChunks(broken, 8, new ByteMeter('upload.bin', 10)))).rejects.toMatchObject({
      code: 'ARTIFACTS.SOURCE_FAILED',
      message: "reading the bytes of 'upload.bin' failed: client went away",
    });
  });
});
