import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SlipwayError } from '@slipway/sdk';
import { Command } from 'commander';
import { contextOf, emit } from '../context';
import { formatTime } from '../render/format';
import { byteProgress } from '../render/progress';
import { renderTable } from '../render/table';

/** `slipway artifacts upload|download|list`. */
export function artifactsCommand(): Command {
  const artifacts = new Command('artifacts').description('files of a run, streamed');

  artifacts
    .command('upload')
    .description('upload a file to a run (progress on stderr)')
    .argument('<runId>')
    .argument('<file>')
    .option('-p, --path <artifactPath>', 'where in the run (default: the file name)')
    .option('--content-type <type>', 'stored with the file')
    .action(
      async (runId: string, file: string, opts: { path?: string; contentType?: string }, cmd: Command) => {
        const ctx = contextOf(cmd);
        const { size } = await stat(file);
        // A file-backed Blob streams from disk and can be re-read, so a failed upload is retried.
        const body = await openAsBlob(file);
        const progress = byteProgress('upload', size);
        try {
          const stored = await ctx.slipway.uploadArtifact(runId, opts.path ?? basename(file), body, {
            contentType: opts.contentType,
            onProgress: progress.update,
          });
          progress.stop();
          emit(ctx, stored, (s) => `${s.uri} (${s.size} bytes, sha256 ${s.sha256})`);
        } finally {
          progress.stop();
        }
      },
    );

  artifacts
    .command('download')
    .description("download a run's file; its sha256 is checked")
    .argument('<runId>')
    .argument('<artifactPath>')
    .option('-o, --out <file>', "where to write it ('-' for stdout; default: its file name)")
    .action(async (runId: string, artifactPath: string, opts: { out?: string }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const download = await ctx.slipway.downloadArtifact(runId, artifactPath);
      const out = opts.out ?? basename(artifactPath);
      const hash = createHash('sha256');
      let done = 0;
      const progress = out === '-' ? undefined : byteProgress('download', download.size);
      const tap = new Transform({
        transform(chunk: Buffer, _enc, callback) {
          hash.update(chunk);
          done += chunk.length;
          progress?.update(done);
          callback(null, chunk);
        },
      });
      try {
        await pipeline(
          Readable.fromWeb(download.body as never),
          tap,
          out === '-' ? process.stdout : createWriteStream(out),
        );
      } finally {
        progress?.stop();
      }
      const sha256 = hash.digest('hex');
      if (download.sha256 && download.sha256 !== sha256)
        throw new SlipwayError(
          'CLI.CHECKSUM_MISMATCH',
          `${out}: sha256 ${sha256}, the server says ${download.sha256}`,
        );
      if (out !== '-')
        emit(
          ctx,
          { runId, path: artifactPath, file: out, size: done, sha256 },
          (d) => `${d.file} (${d.size} bytes, sha256 ${d.sha256})`,
        );
    });

  artifacts
    .command('list')
    .description("list a run's artifacts")
    .argument('<runId>')
    .option('-p, --path <folder>', 'a folder of the run')
    .option('-r, --recursive', 'every file below')
    .action(async (runId: string, opts: { path?: string; recursive?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const list = await ctx.slipway.artifacts.list(runId, opts);
      emit(ctx, list, (l) =>
        renderTable(
          ['Path', 'Size', 'Modified', 'sha256'],
          l.files.map((f) => [
            f.isDir ? `${f.path}/` : f.path,
            f.size === undefined ? '' : String(f.size),
            formatTime(f.modified),
            (f.sha256 ?? '').slice(0, 12),
          ]),
        ),
      );
    });
  return artifacts;
}
