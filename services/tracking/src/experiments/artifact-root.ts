/** Injection token of the root URI under which experiments get their artifact location (a string). */
export const TRACKING_ARTIFACT_ROOT = Symbol('TRACKING_ARTIFACT_ROOT');

/** Where artifacts go when nothing else is configured: the NATS object store bucket of DESIGN.md. */
export const DEFAULT_ARTIFACT_ROOT = 'nats-obj://slipway-artifacts';

/** `<root>/<experimentId>`, as MLflow derives an experiment's artifact location from its root. */
export function experimentArtifactLocation(root: string, experimentId: string): string {
  return `${root.replace(/\/+$/, '')}/${experimentId}`;
}

/** `<experiment location>/<runId>/artifacts`, MLflow's artifact URI of a run. */
export function runArtifactUri(experimentLocation: string, runId: string): string {
  return `${experimentLocation.replace(/\/+$/, '')}/${runId}/artifacts`;
}
