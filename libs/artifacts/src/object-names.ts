/** The default bucket of run artifacts (DESIGN.md, "Messaging"). */
export const DEFAULT_ARTIFACTS_BUCKET = 'slipway-artifacts';

/** The object name of a run's artifact in the bucket: `runs/<runId>/<path>`. */
export function artifactObjectName(runId: string, path: string): string {
  return `${runObjectPrefix(runId)}${path}`;
}

/** The start of every object name of a run: `runs/<runId>/`. */
export function runObjectPrefix(runId: string): string {
  return `runs/${runId}/`;
}

/**
 * The JetStream stream and chunk subject behind an object store bucket, as ADR-20 (the NATS
 * object store protocol, shared by every client) lays them out: stream `OBJ_<bucket>`, the
 * chunks of one object version on `$O.<bucket>.C.<nuid>`.
 */
export const objectStoreLayout = {
  stream: (bucket: string) => `OBJ_${bucket}`,
  chunkSubject: (bucket: string, nuid: string) => `$O.${bucket}.C.${nuid}`,
};
