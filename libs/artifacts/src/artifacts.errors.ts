import { SlipwayError } from '@slipway/contracts';

/** Stable codes of artifact errors (`SlipwayError.code`); the gateway maps them to HTTP statuses. */
export const ArtifactsErrorCodes = {
  /** A `runs:/<runId>/<path>` URI that cannot be parsed; `details.part` names the bad part. */
  INVALID_URI: 'ARTIFACTS.INVALID_URI',
  /** An artifact path that is absolute, too long, or has an empty, `.` or `..` segment. */
  INVALID_PATH: 'ARTIFACTS.INVALID_PATH',
  /** A run id that is not a safe token (1 to 64 letters, digits, `_` or `-`). */
  INVALID_RUN_ID: 'ARTIFACTS.INVALID_RUN_ID',
  /** An upload went past its byte limit; nothing of it is kept. */
  TOO_LARGE: 'ARTIFACTS.TOO_LARGE',
  /** No artifact (file or directory) at that run and path. */
  NOT_FOUND: 'ARTIFACTS.NOT_FOUND',
  /** The bytes read back do not match the recorded size or sha256 (or changed while read). */
  CORRUPT: 'ARTIFACTS.CORRUPT',
  /** Reading the bytes to upload failed (the client went away, a file read failed); nothing is kept. */
  SOURCE_FAILED: 'ARTIFACTS.SOURCE_FAILED',
  /** The object store failed (NATS unreachable, JetStream error). Retryable. */
  STORAGE_FAILED: 'ARTIFACTS.STORAGE_FAILED',
} as const;

/** A URI that is not `runs:/<runId>/<path>`; retrying the same URI never helps. */
export class InvalidArtifactUriError extends SlipwayError {
  override readonly permanent = true;

  constructor(uri: string, part: string, reason: string) {
    super(ArtifactsErrorCodes.INVALID_URI, `invalid artifact URI '${clip(uri)}': ${reason}`, {
      uri: clip(uri),
      part,
      reason,
    });
    this.name = 'InvalidArtifactUriError';
  }
}

/** A path that breaks the artifact path rules; `details.part` is the offending piece. */
export class InvalidArtifactPathError extends SlipwayError {
  override readonly permanent = true;

  constructor(path: string, part: string, reason: string) {
    super(ArtifactsErrorCodes.INVALID_PATH, `invalid artifact path '${clip(path)}': ${reason}`, {
      path: clip(path),
      part,
      reason,
    });
    this.name = 'InvalidArtifactPathError';
  }
}

/** A run id that is not a safe token. */
export class InvalidArtifactRunIdError extends SlipwayError {
  override readonly permanent = true;

  constructor(runId: string) {
    super(
      ArtifactsErrorCodes.INVALID_RUN_ID,
      `invalid run id '${clip(runId)}': must be 1 to 64 letters, digits, '_' or '-'`,
      { runId: clip(runId) },
    );
    this.name = 'InvalidArtifactRunIdError';
  }
}

/** An upload went past `maxBytes`; what was written of it has been deleted. */
export class ArtifactTooLargeError extends SlipwayError {
  override readonly permanent = true;

  constructor(
    readonly path: string,
    readonly maxBytes: number,
  ) {
    super(
      ArtifactsErrorCodes.TOO_LARGE,
      `artifact '${clip(path)}' is larger than the limit of ${maxBytes} bytes`,
      {
        path: clip(path),
        maxBytes,
      },
    );
    this.name = 'ArtifactTooLargeError';
  }
}

/** Nothing stored at that run and path. */
export class ArtifactNotFoundError extends SlipwayError {
  constructor(runId: string, path: string) {
    super(ArtifactsErrorCodes.NOT_FOUND, `no artifact '${clip(path)}' in run ${runId}`, {
      runId,
      path: clip(path),
    });
    this.name = 'ArtifactNotFoundError';
  }
}

/** The bytes do not match what was recorded; a read may succeed again if the artifact was being replaced. */
export class ArtifactCorruptError extends SlipwayError {
  constructor(runId: string, path: string, reason: string) {
    super(ArtifactsErrorCodes.CORRUPT, `artifact '${clip(path)}' of run ${runId}: ${reason}`, {
      runId,
      path: clip(path),
      reason,
    });
    this.name = 'ArtifactCorruptError';
  }
}

/** The source of an upload failed or yielded something other than bytes; `cause` holds its error. */
export class ArtifactSourceError extends SlipwayError {
  constructor(path: string, cause: unknown) {
    super(
      ArtifactsErrorCodes.SOURCE_FAILED,
      `reading the bytes of '${clip(path)}' failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { path: clip(path) },
      { cause },
    );
    this.name = 'ArtifactSourceError';
  }
}

/** The object store failed; `cause` holds the NATS error. */
export class ArtifactStorageError extends SlipwayError {
  constructor(operation: string, cause: unknown) {
    super(
      ArtifactsErrorCodes.STORAGE_FAILED,
      `artifact ${operation} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { operation },
      { cause },
    );
    this.name = 'ArtifactStorageError';
  }
}

/** Keeps error messages readable when the input is huge. */
function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
