/** One path segment, percent-encoded. */
export const seg = (value: string | number): string => encodeURIComponent(String(value));

/** A slash-separated path (an artifact path) with each segment encoded and the slashes kept. */
export const segments = (path: string): string => path.split('/').filter(Boolean).map(seg).join('/');
