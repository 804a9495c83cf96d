/** @slipway/artifacts: run artifacts in the NATS object store, addressed by `runs:/<runId>/<path>` URIs. */
export * from './artifacts.errors';
export * from './artifact.types';
export * from './artifact-path';
export * from './artifact-uri';
export * from './artifact-tree';
export * from './artifact-info.mapping';
export * from './object-names';
export * from './sha256-digest';
export * from './artifact-store';
