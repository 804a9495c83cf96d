import { assertArtifactPath, assertArtifactRunId } from './artifact-path';
import {
  InvalidArtifactPathError,
  InvalidArtifactRunIdError,
  InvalidArtifactUriError,
} from './artifacts.errors';

/** The scheme of run artifact URIs, as MLflow writes them: `runs:/<runId>/<path>`. */
export const ARTIFACT_URI_SCHEME = 'runs:';

/** The longest URI parsed: a 1024-character path percent-encoded, plus the run id. */
const MAX_URI_LENGTH = 4096;

/** What a `runs:/<runId>/<path>` URI points at. */
export interface ArtifactRef {
  runId: string;
  /** Relative to the run, `/`-separated, checked by `assertArtifactPath`. */
  path: string;
}

/**
 * `runs:/<runId>/<path>`, each path segment percent-encoded where needed (so the URI has no
 * spaces and fits the `uriSchema` of events). Throws on an invalid run id or path.
 */
export function formatArtifactUri(runId: string, path: string): string {
  assertArtifactRunId(runId);
  assertArtifactPath(path);
  return `${ARTIFACT_URI_SCHEME}/${runId}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Parses `runs:/<runId>/<path>` strictly: the scheme, one `/`, a safe run id, then a path whose
 * percent-escapes are decoded before the path rules apply (so `%2E%2E` is refused like `..`).
 * No `runs://`, query, fragment or trailing `/`. Throws an {@link InvalidArtifactUriError}
 * whose `details.part` names the bad part.
 */
export function parseArtifactUri(uri: string): ArtifactRef {
  if (typeof uri !== 'string' || uri.length === 0) throw new InvalidArtifactUriError('', '', 'it is empty');
  if (uri.length > MAX_URI_LENGTH)
    throw new InvalidArtifactUriError(
      uri,
      '',
      `it is ${uri.length} characters long, more than ${MAX_URI_LENGTH}`,
    );
  if (!uri.startsWith(`${ARTIFACT_URI_SCHEME}/`)) {
    const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(uri)?.[0];
    throw new InvalidArtifactUriError(
      uri,
      scheme ?? uri.slice(0, 16),
      scheme && scheme !== ARTIFACT_URI_SCHEME
        ? `scheme '${scheme}' is not '${ARTIFACT_URI_SCHEME}'`
        : `it must start with '${ARTIFACT_URI_SCHEME}/<runId>/'`,
    );
  }
  const rest = uri.slice(ARTIFACT_URI_SCHEME.length + 1);
  const special = /[?#]/.exec(rest);
  if (special)
    throw new InvalidArtifactUriError(
      uri,
      special[0],
      `'${special[0]}' must be percent-encoded (no query or fragment)`,
    );
  const slash = rest.indexOf('/');
  const runId = slash < 0 ? rest : rest.slice(0, slash);
  if (runId === '')
    throw new InvalidArtifactUriError(
      uri,
      'runId',
      "the run id is empty (write 'runs:/<runId>/<path>', not 'runs://')",
    );
  try {
    assertArtifactRunId(runId);
  } catch (err) {
    if (err instanceof InvalidArtifactRunIdError)
      throw new InvalidArtifactUriError(
        uri,
        runId,
        `run id '${runId}' must be 1 to 64 letters, digits, '_' or '-'`,
      );
    throw err;
  }
  if (slash < 0 || slash === rest.length - 1)
    throw new InvalidArtifactUriError(uri, 'path', `it names run ${runId} but no artifact path`);
  const path = decodePath(uri, rest.slice(slash + 1));
  try {
    assertArtifactPath(path);
  } catch (err) {
    if (err instanceof InvalidArtifactPathError)
      throw new InvalidArtifactUriError(
        uri,
        String(err.details?.['part'] ?? 'path'),
        `path ${err.details?.['reason']}`,
      );
    throw err;
  }
  return { runId, path };
}

/** True when `uri` starts with `runs:` (it may still be invalid). */
export function isArtifactUri(uri: string): boolean {
  return typeof uri === 'string' && uri.startsWith(ARTIFACT_URI_SCHEME);
}

function decodePath(uri: string, encoded: string): string {
  return encoded
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        const escape = /%(?![0-9A-Fa-f]{2})..?|%$/.exec(segment)?.[0] ?? segment;
        throw new InvalidArtifactUriError(
          uri,
          escape,
          `'${escape}' is not a valid percent-escape in '${segment}'`,
        );
      }
    })
    .join('/');
}
