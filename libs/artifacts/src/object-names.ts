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
