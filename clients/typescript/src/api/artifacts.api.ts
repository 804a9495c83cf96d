import type { HttpClient } from '../http/http-client';
import {
  artifactListSchema,
  storedArtifactSchema,
  type ArtifactList,
  type StoredArtifact,
} from '../schemas/artifacts.schemas';
import { countingStream, chunkedStream } from './byte-streams';
import { seg, segments } from './path';

/** An artifact's bytes: in memory (retried on failure) or a stream (sent once, never retried). */
export type ArtifactBody = Uint8Array | Blob | ReadableStream<Uint8Array>;

/** Options of an upload. */
export interface UploadOptions {
  /** Stored with the file and sent back on download. */
  contentType?: string;
  /** Called as bytes go out, with the total sent so far. */
  onProgress?: (bytesSent: number) => void;
}

/** A download: the bytes as a stream, with the size and sha256 the server knows. */
export interface ArtifactDownload {
  body: ReadableStream<Uint8Array>;
  size: number | undefined;
  sha256: string | undefined;
  contentType: string | undefined;
}

/** Run artifacts, streamed both ways. */
export class ArtifactsApi {
  constructor(private readonly http: HttpClient) {}

  /** Uploads one file of a run to `path` (`model/model.onnx`); replies with its URI, size and sha256. */
  upload(
    runId: string,
    path: string,
    body: ArtifactBody,
    options: UploadOptions = {},
  ): Promise<StoredArtifact> {
    const isStream = body instanceof ReadableStream;
    let used = false;
    const rawBody = () => {
      if (used && isStream) throw new Error('a stream body cannot be sent twice');
      used = true;
      const source = isStream ? body : body instanceof Blob ? body.stream() : chunkedStream(body);
      return {
        body: countingStream(source, options.onProgress),
        headers: {
          'content-type': 'application/octet-stream',
          ...(options.contentType ? { 'x-artifact-content-type': options.contentType } : {}),
        },
      };
    };
    return this.http.json(
      {
        method: 'PUT',
        path: `/runs/${seg(runId)}/artifacts/${segments(path)}`,
        rawBody,
        idempotent: true,
        replayable: !isStream,
        timeoutMs: 0,
      },
      storedArtifactSchema,
    );
  }

  /** Downloads one file of a run as a stream. */
  async download(runId: string, path: string): Promise<ArtifactDownload> {
    const res = await this.http.send({
      method: 'GET',
      path: `/runs/${seg(runId)}/artifacts/${segments(path)}`,
      idempotent: true,
    });
    const length = res.headers.get('content-length');
    const etag = res.headers.get('etag');
    return {
      body: res.body ?? new Blob([]).stream(),
      size: length === null ? undefined : Number(length),
      sha256: etag === null ? undefined : etag.replace(/"/g, ''),
      contentType: res.headers.get('content-type') ?? undefined,
    };
  }

  /** The files and folders of a run's artifacts (at the root, or under `path`; all below with `recursive`). */
  list(runId: string, options: { path?: string; recursive?: boolean } = {}): Promise<ArtifactList> {
    return this.http.json(
      { method: 'GET', path: `/runs/${seg(runId)}/artifacts`, query: options, idempotent: true },
      artifactListSchema,
    );
  }
}
