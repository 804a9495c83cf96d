/** Injection token of the tracking service's `ArtifactStore` (bucket `slipway-artifacts`). */
export const ARTIFACT_STORE = Symbol('ARTIFACT_STORE');
/** Injection token of the {@link ArtifactsModuleOptions} given to `ArtifactsModule.forRoot`. */
export const ARTIFACTS_OPTIONS = Symbol('ARTIFACTS_OPTIONS');

/** Options of `ArtifactsModule.forRoot`. */
export interface ArtifactsModuleOptions {
  /** Largest upload in bytes (`ARTIFACTS_MAX_BYTES`); default 5 GiB. */
  maxBytes?: number;
  /** The object store bucket; default `slipway-artifacts`. Tests use one of their own. */
  bucket?: string;
}
