import { runIdSchema } from '@slipway/contracts';
import { InvalidArtifactPathError, InvalidArtifactRunIdError } from './artifacts.errors';

/** The longest artifact path accepted, in UTF-16 code units (MLflow keeps paths well below it). */
export const MAX_ARTIFACT_PATH_LENGTH = 1024;

// Control characters, and UTF-16 halves without their pair (they cannot be encoded in a URI).
const CONTROL = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks an artifact path relative to its run (`model/MLmodel`): not empty, at most 1024
 * characters, not starting with `/`, no backslash, no empty, `.` or `..` segment, no control
 * character. Throws an {@link InvalidArtifactPathError} naming the offending part; returns the path.
 */
export function assertArtifactPath(path: string): string {
  if (typeof path !== 'string' || path.length === 0)
    throw new InvalidArtifactPathError('', '', 'it is empty');
  if (path.length > MAX_ARTIFACT_PATH_LENGTH)
    throw new InvalidArtifactPathError(
      path,
      path.slice(MAX_ARTIFACT_PATH_LENGTH),
      `it is ${path.length} characters long, more than ${MAX_ARTIFACT_PATH_LENGTH}`,
    );
  const backslash = path.indexOf('\\');
  if (backslash >= 0)
    throw new InvalidArtifactPathError(path, '\\', `it contains a backslash at index ${backslash}; use '/'`);
  const control = CONTROL.exec(path) ?? LONE_SURROGATE.exec(path);
  if (control)
    throw new InvalidArtifactPathError(
      path,
      control[0],
      `it contains U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at index ${control.index}`,
    );
  if (path.startsWith('/'))
    throw new InvalidArtifactPathError(path, '/', "it must be relative to the run, not start with '/'");
  const segments = path.split('/');
  segments.forEach((segment, i) => {
    if (segment === '')
      throw new InvalidArtifactPathError(
        path,
        '',
        i === segments.length - 1 ? "it ends with '/'" : `segment ${i + 1} is empty ('//')`,
      );
    if (segment === '.' || segment === '..')
      throw new InvalidArtifactPathError(path, segment, `segment ${i + 1} is '${segment}'`);
  });
  return path;
}

/**
 * Checks a listing prefix: empty (the whole run), or the start of a valid path (`model/`,
 * `model/ML`). Throws an {@link InvalidArtifactPathError} like {@link assertArtifactPath}.
 */
export function assertArtifactPrefix(prefix: string): string {
  if (prefix === '') return prefix;
  if (prefix.length > MAX_ARTIFACT_PATH_LENGTH) assertArtifactPath(prefix);
  try {
    // A prefix is valid when some path starts with it; adding one character completes a trailing segment.
    assertArtifactPath(`${prefix}x`);
  } catch (err) {
    if (err instanceof InvalidArtifactPathError)
      throw new InvalidArtifactPathError(
        prefix,
        String(err.details?.['part'] ?? ''),
        String(err.details?.['reason']),
      );
    throw err;
  }
  return prefix;
}

/** True when `runId` is a safe token (the `runIdSchema` of contracts). */
export function isArtifactRunId(runId: string): boolean {
  return runIdSchema.safeParse(runId).success;
}

/** Throws an {@link InvalidArtifactRunIdError} unless `runId` is a safe token; returns it. */
export function assertArtifactRunId(runId: string): string {
  if (!isArtifactRunId(runId)) throw new InvalidArtifactRunIdError(String(runId));
  return runId;
}
