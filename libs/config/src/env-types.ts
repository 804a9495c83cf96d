import { assertSubjectRoot } from '@slipway/contracts';
import { envValue } from './env-value';

/** An integer in `[min, max]`, written in decimal. */
export function envInt(min: number, max = Number.MAX_SAFE_INTEGER) {
  const expected = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer ${min}-${max}`;
  return envValue(expected, (raw) => {
    if (!/^-?\d+$/.test(raw)) return undefined;
    const n = Number(raw);
    return n >= min && n <= max ? n : undefined;
  });
}

/** A TCP port, 1-65535. */
export const envPort = () => envInt(1, 65535);

const TRUE = new Set(['true', '1']);
const FALSE = new Set(['false', '0']);

/** `true`/`false`/`1`/`0` (any case). Unlike `z.coerce.boolean`, `"false"` is false. */
export const envBoolean = () =>
  envValue('true, false, 1 or 0', (raw) => {
    const v = raw.toLowerCase();
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    return undefined;
  });

function parseUrl(raw: string, protocols: readonly string[]): string | undefined {
  try {
    const url = new URL(raw);
    return protocols.includes(url.protocol) && url.hostname !== '' ? raw : undefined;
  } catch {
    return undefined;
  }
}

const schemes = (protocols: readonly string[]) => protocols.map((p) => `${p}//`).join(' or ');

/** A URL whose scheme is one of `protocols` (`['http:', 'https:']`); kept as written. */
export const envUrl = (protocols: readonly string[]) =>
  envValue(`a ${schemes(protocols)} URL`, (raw) => parseUrl(raw, protocols));

/** A comma-separated list of URLs (spaces allowed around commas), each with one of `protocols`. */
export const envUrlList = (protocols: readonly string[]) =>
  envValue(`a comma-separated list of ${schemes(protocols)} URLs`, (raw) => {
    const urls = raw.split(',').map((s) => s.trim());
    const parsed = urls.map((u) => parseUrl(u, protocols));
    return parsed.every((u): u is string => u !== undefined) ? parsed : undefined;
  });

/** `raw` when it is an http(s) origin as browsers send it (`scheme://host[:port]`, no path); else undefined. */
function parseOrigin(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === raw ? raw : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Browser origins, comma-separated (`https://app.example.com,http://localhost:5173`), each exactly
 * as a browser sends it in `Origin` (no path, no trailing slash); or `*` alone for any origin.
 */
export const envOriginList = () =>
  envValue('* or a comma-separated list of origins such as https://app.example.com (no path)', (raw) => {
    if (raw === '*') return ['*'];
    const origins = raw.split(',').map((s) => s.trim());
    return origins.every((o) => parseOrigin(o) !== undefined) ? origins : undefined;
  });

/** One of a fixed set of words. */
export const envEnum = <const T extends string>(values: readonly T[]) =>
  envValue(`one of ${values.join(', ')}`, (raw) => values.find((v) => v === raw));

/** Any non-empty string. */
export const envString = () => envValue('a non-empty string', (raw) => (raw === '' ? undefined : raw));

/** A SQL identifier usable unquoted: letters, digits, `_`, not starting with a digit. */
export const envIdentifier = () =>
  envValue('an identifier of letters, digits and _ (not starting with a digit)', (raw) =>
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(raw) ? raw : undefined,
  );

/** A NATS subject root: dot-separated tokens of letters, digits, `-` or `_`. */
export const envSubjectRoot = () =>
  envValue("dot-separated tokens of letters, digits, '-' or '_'", (raw) => {
    try {
      return assertSubjectRoot(raw);
    } catch {
      return undefined;
    }
  });
