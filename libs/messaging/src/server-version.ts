import type { NatsConnection } from '@nats-io/transport-node';

/** Server versions that unlock features Slipway uses when present (DESIGN.md: target 2.9, guard 2.10+). */
export const SERVER_FEATURES = {
  /** Stream/consumer `metadata`, stream `compression`, consumer `filter_subjects`. */
  v2_10: '2.10.0',
  /** `term(reason)` reaches the server's advisory. */
  v2_11: '2.11.0',
} as const;

/** Compares `2.9.10` with `2.10.0` numerically; a pre-release or build suffix is ignored. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) =>
    v
      .replace(/^v/, '')
      .split(/[-+]/)[0]!
      .split('.')
      .map((n) => Number(n) || 0);
  const [pa, pb] = [parse(a), parse(b)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** True when `version` is `min` or newer. */
export function versionAtLeast(version: string | undefined, min: string): boolean {
  return version !== undefined && compareVersions(version, min) >= 0;
}

/** The version of the server `nc` is connected to (`0.0.0` when unknown, which enables no optional feature). */
export function serverVersionOf(nc: Pick<NatsConnection, 'info'>): string {
  return nc.info?.version ?? '0.0.0';
}
