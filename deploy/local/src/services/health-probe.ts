/** The outcome of one GET of a health URL. */
export interface HealthAnswer {
  ready: boolean;
  /** `200`, `503 {"status":"error",…}`, or why nothing answered. */
  detail: string;
}

export async function probeHealth(url: string, timeoutMs = 2000): Promise<HealthAnswer> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await response.text()).replace(/\s+/g, ' ').slice(0, 200);
    return { ready: response.status === 200, detail: `${response.status}${body ? ` ${body}` : ''}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { ready: false, detail: cause?.code ?? (error as Error).message };
  }
}

/** The address to reach a listener bound to `host`: a wildcard is reached through loopback. */
export function reachableHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
