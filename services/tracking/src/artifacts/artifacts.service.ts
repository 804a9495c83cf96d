import { Inject, Injectable } from '@nestjs/common';
import type { RpcRequest, RpcResponse } from '@slipway/contracts';
import {
  type ArtifactEntry,
  type ArtifactNode,
  type ArtifactSource,
  ArtifactStore,
  type StoredArtifact,
  assertArtifactPath,
  childrenOf,
} from '@slipway/artifacts';
import type { ArtifactFileView } from '@slipway/contracts';
import { DEFAULT_ARTIFACTS_MAX_BYTES } from './artifacts.env';
import { ARTIFACT_STORE, ARTIFACTS_OPTIONS, type ArtifactsModuleOptions } from './artifacts.tokens';
import type { GetArtifactInfo } from '@slipway/contracts';
import type { ListArtifacts } from '@slipway/contracts';

/** Run artifacts for tracking's transports: listings, file info, and uploads within the size limit. */
@Injectable()
export class ArtifactsService {
  private readonly maxBytes: number;

  constructor(
    @Inject(ARTIFACT_STORE) private readonly store: ArtifactStore,
    @Inject(ARTIFACTS_OPTIONS) options: ArtifactsModuleOptions,
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_ARTIFACTS_MAX_BYTES;
  }

  /** The children of a folder ('' for the root), or every file below it when `recursive`. */
  async list(request: RpcRequest<typeof ListArtifacts>): Promise<RpcResponse<typeof ListArtifacts>> {
    // MLflow clients may send a folder as `model/`.
    const dir = request.path.replace(/\/$/, '');
    if (dir !== '') assertArtifactPath(dir);
    const files = await this.store.list(request.runId, dir === '' ? '' : `${dir}/`);
    return {
      runId: request.runId,
      path: dir,
      files: request.recursive ? files.map(fileView) : childrenOf(files, dir).map(nodeView),
    };
  }

  /** One file's size, sha256, time and URI; `ARTIFACTS.NOT_FOUND` when there is none. */
  async info(request: RpcRequest<typeof GetArtifactInfo>): Promise<RpcResponse<typeof GetArtifactInfo>> {
    return this.store.info(request.runId, request.path);
  }

  /** Stores a file of a run, refusing it past `ARTIFACTS_MAX_BYTES` (for an HTTP upload endpoint). */
  upload(runId: string, path: string, source: ArtifactSource, contentType?: string): Promise<StoredArtifact> {
    return this.store.put(runId, path, source, {
      maxBytes: this.maxBytes,
      ...(contentType ? { contentType } : {}),
    });
  }
}

function fileView(entry: ArtifactEntry): ArtifactFileView {
  return { ...entry, isDir: false };
}

function nodeView(node: ArtifactNode): ArtifactFileView {
  return node.isDir ? { path: node.path, isDir: true } : fileView(node.entry);
}
