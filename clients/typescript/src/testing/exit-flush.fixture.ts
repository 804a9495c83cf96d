/** A script that logs 1,500 points and simply ends: the SDK must flush them on `beforeExit`. */
import { Slipway } from '../slipway';

async function main(): Promise<void> {
  const slipway = new Slipway({ url: process.argv[2]!, flushIntervalMs: 60_000 });
  const run = await slipway.startRun({ runName: 'forgetful' });
  for (let step = 0; step < 1500; step++) run.logMetric('loss', 1 / (step + 1), step);
}

void main();
