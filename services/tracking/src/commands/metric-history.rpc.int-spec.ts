import {
  CreateRun,
  GetMetricHistory,
  GetMetricHistoryBulkInterval,
  LogBatch,
  type RpcResponse,
} from '@slipway/contracts';
import { startTrackingTestService, type TrackingTestService } from '../testing/tracking-test-service';

jest.setTimeout(60_000);

type BulkReply = RpcResponse<typeof GetMetricHistoryBulkInterval>;

describe('tracking metric history rpc - MLflow get-history and get-history-bulk-interval', () => {
  let t: TrackingTestService;
  let longRun: string;
  let shortRun: string;

  async function runWithSteps(steps: number[]): Promise<string> {
    const { info } = await t.rpc.request(CreateRun, {});
    await t.rpc.request(LogBatch, {
      runId: info.runId,
      metrics: steps.map((step) => ({
        key: 'loss',
        value: 1 / (step + 1),
        timestamp: 1_700_000_000_000 + step,
        step,
      })),
    });
    return info.runId;
  }

  beforeAll(async () => {
    t = await startTrackingTestService('tracking-history-rpc');
    longRun = await runWithSteps(Array.from({ length: 100 }, (_, i) => i));
    shortRun = await runWithSteps([5, 6, 7, 8, 9, 10, 11, 12]);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const stepsOf = (reply: BulkReply, runId: string) =>
    reply.metrics.filter((m) => m.runId === runId).map((m) => m.step);

  it('history - every point of one series comes back, page by page, none twice', async () => {
    const steps: number[] = [];
    let pageToken: string | undefined;
    do {
      const page = await t.rpc.request(GetMetricHistory, {
        runId: longRun,
        key: 'loss',
        pageSize: 30,
        pageToken,
      });
      steps.push(...page.points.map((p) => p.step));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(steps).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('bulk interval - few steps come whole, for each run in the order asked', async () => {
    const reply = await t.rpc.request(GetMetricHistoryBulkInterval, {
      runIds: [shortRun, longRun],
      key: 'loss',
      startStep: 6,
      endStep: 9,
    });
    expect(reply.metrics[0]).toMatchObject({ runId: shortRun, key: 'loss', step: 6, value: 1 / 7 });
    expect(stepsOf(reply, shortRun)).toEqual([6, 7, 8, 9]);
    expect(stepsOf(reply, longRun)).toEqual([6, 7, 8, 9]);
  });

  it('bulk interval - many steps are sampled evenly across the runs, keeping the ends of each run', async () => {
    const reply = await t.rpc.request(GetMetricHistoryBulkInterval, {
      runIds: [longRun, shortRun],
      key: 'loss',
      maxResults: 10,
    });
    const sampled = stepsOf(reply, longRun);
    expect(sampled).toEqual([0, 5, 10, 12, 20, 30, 40, 50, 60, 70, 80, 90, 99]);
    expect(stepsOf(reply, shortRun)).toEqual([5, 10, 12]);
  });

  it('bulk interval - one bound without the other, or start after end, is refused naming the field', async () => {
    await expect(
      t.rpc.request(GetMetricHistoryBulkInterval, { runIds: [longRun], key: 'loss', startStep: 3 }),
    ).rejects.toMatchObject({ code: 'COMMON.VALIDATION_FAILED', details: { issues: [{ path: 'endStep' }] } });
    await expect(
      t.rpc.request(GetMetricHistoryBulkInterval, {
        runIds: [longRun],
        key: 'loss',
        startStep: 9,
        endStep: 3,
      }),
    ).rejects.toMatchObject({ code: 'COMMON.VALIDATION_FAILED', details: { issues: [{ path: 'endStep' }] } });
    await expect(
      t.raw(GetMetricHistoryBulkInterval, {
        runIds: Array.from({ length: 101 }, (_, i) => `r${i}`),
        key: 'loss',
      }),
    ).rejects.toMatchObject({ code: 'COMMON.VALIDATION_FAILED', details: { issues: [{ path: 'runIds' }] } });
  });

  it('bulk interval - a key no run has gives no points', async () => {
    const reply = await t.rpc.request(GetMetricHistoryBulkInterval, { runIds: [longRun], key: 'f1' });
    expect(reply.metrics).toEqual([]);
  });
});
