import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { ArtifactTooLargeError } from './artifacts.errors';
import { type MeteredResult, meteredStream } from './metered-source';

async function drain(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(parts);
    parts.push(value);
  }
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytes = Buffer.from('0123456789abcdef');

describe('metered source - counting and hashing while streaming', () => {
  it.each([
    ['a buffer', () => bytes],
    ['a web stream', () => Readable.toWeb(Readable.from([bytes.subarray(0, 5), bytes.subarray(5)])) as ReadableStream<Uint8Array>],
    ['a Node readable', () => Readable.from([bytes.subarray(0, 3), new Uint8Array(0), bytes.subarray(3)])],
    [
      'a generator',
      () =>
        (async function* () {
          yield bytes.subarray(0, 8);
          yield bytes.subarray(8);
        })(),
    ],
  ])('passes %s through with its size and sha256', async (_, source) => {
    let result: MeteredResult | undefined;
    const out = await drain(meteredStream(source(), { path: 'f', maxBytes: 16 }, (r) => (result = r)));
    expect(out).toEqual(bytes);
    expect(result).toEqual({ size: 16, sha256: sha(bytes) });
  });

  it('reads nothing ahead of its reader', async () => {
    let pulled = 0;
    const source = (async function* () {
      for (let i = 0; i < 10; i++) {
        pulled++;
        yield bytes;
      }
    })();
    const reader = meteredStream(source, { path: 'f', maxBytes: 1000 }, () => undefined).getReader();
    await reader.read();
    await new Promise((r) => setTimeout(r, 20));
    expect(pulled).toBe(1);
    await reader.cancel();
  });

  it('fails past maxBytes, naming the limit, and releases the source', async () => {
    let released = false;
    const source = (async function* () {
      try {
        for (;;) yield bytes;
      } finally {
        released = true;
      }
    })();
    const onEnd = jest.fn();
    const failed = drain(meteredStream(source, { path: 'big.bin', maxBytes: 40 }, onEnd));
    await expect(failed).rejects.toBeInstanceOf(ArtifactTooLargeError);
    await expect(failed).rejects.toMatchObject({ code: 'ARTIFACTS.TOO_LARGE', details: { maxBytes: 40, path: 'big.bin' } });
    await expect(failed).rejects.toThrow(/limit of 40 bytes/);
    expect(released).toBe(true);
    expect(onEnd).not.toHaveBeenCalled();
  });

  it('refuses chunks that are not bytes', async () => {
    const source = (async function* () {
      yield 'text' as unknown as Uint8Array;
    })();
    await expect(drain(meteredStream(source, { path: 'f', maxBytes: 10 }, () => undefined))).rejects.toThrow(/not a Uint8Array/);
  });
});
