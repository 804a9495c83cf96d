import type { JetStreamManager } from '@nats-io/jetstream';
import { z } from 'zod';

/**
 * The NATS object store protocol (ADR-20), shared by every client: bucket `<b>` is stream
 * `OBJ_<b>`; the chunks of one object version are messages on `$O.<b>.C.<nuid>`; the object's
 * meta (JSON, one per name, replaced with a `Nats-Rollup: sub` header) is on
 * `$O.<b>.M.<base64url(name), padded>`.
 *
 * Names are encoded from their UTF-8 bytes, as the Go client and the `nats` CLI do. (nats.js
 * 3.4 uses `btoa`, which throws on characters above U+00FF and encodes U+0080–U+00FF as Latin-1,
 * so its `info`/`get`/`delete` are not used here.)
 */
export const objectStoreLayout = {
  stream: (bucket: string) => `OBJ_${bucket}`,
  chunkSubject: (bucket: string, nuid: string) => `$O.${bucket}.C.${nuid}`,
  metaSubject: (bucket: string, name: string) =>
    `$O.${bucket}.M.${base64UrlPadded(Buffer.from(name, 'utf8'))}`,
};

/** The `digest` of an object: `SHA-256=<base64url, padded>` of its bytes. */
export function natsDigestOf(sha256: Buffer): string {
  return `SHA-256=${base64UrlPadded(sha256)}`;
}

function base64UrlPadded(bytes: Buffer): string {
  return bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** The meta message of one object, as written by every client (unknown fields are kept). */
export const objectMetaSchema = z.looseObject({
  name: z.string().min(1),
  bucket: z.string(),
  nuid: z.string(),
  size: z.number().int().min(0),
  chunks: z.number().int().min(0),
  digest: z.string(),
  mtime: z.string(),
  deleted: z.boolean().optional(),
  description: z.string().optional(),
  options: z.looseObject({ max_chunk_size: z.number().int().positive().optional() }).nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
});
export type ObjectMeta = z.infer<typeof objectMetaSchema>;

/** The current meta of `name`, or null when it was never stored. Throws on a malformed meta. */
export async function readObjectMeta(
  jsm: JetStreamManager,
  bucket: string,
  name: string,
): Promise<ObjectMeta | null> {
  const msg = await jsm.streams.getMessage(objectStoreLayout.stream(bucket), {
    last_by_subj: objectStoreLayout.metaSubject(bucket, name),
  });
  return msg ? objectMetaSchema.parse(msg.json()) : null;
}
