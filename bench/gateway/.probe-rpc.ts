import { connectNats, RpcClient } from '@slipway/messaging';
import { CreateRun, LogBatch, GetRun } from '@slipway/contracts';
import { startTestPlatform } from '@slipway/testing';
(async () => {
  const p = await startTestPlatform({ services: ['tracking'], env: { tracking: { LOG_LEVEL: 'error' } } });
  const nc = await connectNats({ servers: p.natsUrl, name: 'probe' });
  const rpc = new RpcClient(nc, { timeoutMs: 30000 });
  const run = await rpc.request(CreateRun, { runName: 'x' });
  const runId = run.info.runId;
  for (const [name, fn] of [
    ['GetRun', () => rpc.request(GetRun, { runId })],
    [
      'LogBatch 1 metric',
      () =>
        rpc.request(LogBatch, {
          runId,
          metrics: [{ key: 'loss', value: Math.random(), step: 1, timestamp: Date.now() }],
        }),
    ],
  ] as const) {
    let n = 0;
    const lat: number[] = [];
    const end = Date.now() + 5000;
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (Date.now() < end) {
          const t = performance.now();
          await fn();
          lat.push(performance.now() - t);
          n++;
        }
      }),
    );
    lat.sort((a, b) => a - b);
    console.log(
      name,
      (n / 5).toFixed(0),
      'req/s p50',
      lat[Math.floor(lat.length / 2)]!.toFixed(1),
      'p99',
      lat[Math.floor(lat.length * 0.99)]!.toFixed(1),
    );
  }
  await nc.drain();
  await p.stop();
  process.exit(0);
})();
