import { SingleBar } from 'cli-progress';

/** A byte progress bar on stderr (drawn only on a terminal); `update` takes the bytes done. */
export function byteProgress(label: string, total: number | undefined) {
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% | {done}/{size}`,
    stream: process.stderr,
    hideCursor: true,
  });
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  bar.start(total ?? 0, 0, { done: mib(0), size: total === undefined ? '?' : mib(total) });
  return {
    update: (done: number) => bar.update(done, { done: mib(done) }),
    stop: () => bar.stop(),
  };
}
