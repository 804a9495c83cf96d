import { envInt, withDefault } from '@slipway/config';

/** 5 GiB: MLflow has no limit of its own; this keeps one upload from filling the bucket. */
export const DEFAULT_ARTIFACTS_MAX_BYTES = 5 * 1024 ** 3;

/**
 * Artifact settings of the tracking service: spread into `trackingConfigSchema`
 * (`...artifactsEnv`) and pass `ARTIFACTS_MAX_BYTES` to `ArtifactsModule.forRoot({ maxBytes })`.
 */
export const artifactsEnv = {
  /** Largest artifact file accepted, in bytes; a larger upload fails with `ARTIFACTS.TOO_LARGE` and nothing of it is kept. Default 5 GiB. */
  ARTIFACTS_MAX_BYTES: withDefault(
    envInt(1),
    String(DEFAULT_ARTIFACTS_MAX_BYTES),
    'Largest artifact file accepted, in bytes; a larger upload fails with ARTIFACTS.TOO_LARGE and nothing of it is kept.',
  ),
};
