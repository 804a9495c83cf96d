/**
 * Brief profiling for the benchmarks: a V8 CPU profile of the current thread (main or worker)
 * summarised by where the code comes from (a package, a Slipway lib or service, a V8 builtin),
 * and CPU seconds of this process and of another one (nats-server) from /proc.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Session } from 'node:inspector';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

/** Share of the samples per origin, largest first: `[origin, percent]`. */
export type ProfileSummary = [string, number][];

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result as T))),
  );
}

/** Where a frame's code comes from: `zod`, `@nats-io/nats-core`, `libs/messaging`, `services/tracking`, `(gc)`, `V8 JSON.parse`… */
function originOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName.startsWith('(')) return functionName;
    return `V8/native ${functionName || '(anonymous)'}`;
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/(libs|services|bench)\/([^/]+)/.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url;
}

/** Starts profiling this thread; the returned function stops and summarises (top `top` origins). */
export async function startCpuProfile(): Promise<(top?: number) => Promise<ProfileSummary>> {
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 1000 });
  await post(session, 'Profiler.start');
  return async (top = 12) => {
    const { profile } = await post<{ profile: Profile }>(session, 'Profiler.stop');
    session.disconnect();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const counts = new Map<string, number>();
    let total = 0;
    const functions = new Map<string, number>();
    for (const id of profile.samples ?? []) {
      const node = byId.get(id);
      if (!node) continue;
      const origin = originOf(node.callFrame);
      counts.set(origin, (counts.get(origin) ?? 0) + 1);
      const fn = `${node.callFrame.functionName || '(anonymous)'} ${origin}`;
      functions.set(fn, (functions.get(fn) ?? 0) + 1);
      total++;
    }
    if (process.env['BENCH_PROFILE_FUNCTIONS']) {
      const topFunctions = [...functions.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
      console.log(
        `  top functions (self time): ${topFunctions.map(([f, n]) => `${f} ${((100 * n) / Math.max(total, 1)).toFixed(1)}%`).join('; ')}`,
      );
    }
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([origin, n]) => [origin, (100 * n) / Math.max(total, 1)]);
  };
}

export function formatSummary(summary: ProfileSummary): string {
  return summary.map(([origin, pct]) => `${origin} ${pct.toFixed(0)}%`).join(', ');
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat; undefined when unreadable. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime), counted from the state field (3rd): indexes 11 and 12.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** The pid of the process whose command line contains every one of `parts` (first match). */
export function findPid(parts: readonly string[]): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      if (parts.every((p) => cmdline.includes(p))) return Number(entry);
    } catch {
      // gone, or not ours to read
    }
  }
  return undefined;
}
