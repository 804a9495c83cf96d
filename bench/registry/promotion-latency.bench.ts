/**
 * Registry promotion latency (issue 4, "Benchmark"): from sending the approve command (RPC
 * `promotion.approve`) to the `model.promoted` event arriving at a NATS subscriber, through the
 * whole service: the command folds the model, decides, appends with its read models, replies,
 * and the relay (woken by LISTEN/NOTIFY) publishes to JetStream. The baseline is a read RPC
 * (`alias.get`) round trip in the same run.
 *
 *   node -r @swc-node/register bench/registry/promotion-latency.bench.ts
 *
 * Env: BENCH_MODELS (10), BENCH_VERSIONS (25 per model: 250 promotions), DATABASE_URL.
 */
import {
  type Actor,
  ApprovePromotion,
  CreateModelVersion,
  GetAliasHolder,
  ModelPromoted,
  type ModelPromotedData,
  RegisterModel,
  RequestPromotion,
} from '@slipway/contracts';
import { startRegistryForTest } from '../../services/registry/src/testing/registry-test-service';

const MODELS = Number(process.env['BENCH_MODELS'] ?? 10);
const VERSIONS = Number(process.env['BENCH_VERSIONS'] ?? 25);
const alice: Actor = { id: 'alice', kind: 'user' };
const bob: Actor = { id: 'bob', kind: 'user' };

const pct = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;
const line = (label: string, v: number[]) =>
  console.log(
    `${label.padEnd(40)} p50 ${pct(v, 50).toFixed(2)} ms  p99 ${pct(v, 99).toFixed(2)} ms  max ${pct(v, 100).toFixed(2)} ms  (n=${v.length})`,
  );

async function main(): Promise<void> {
  const registry = await startRegistryForTest({
    default: { requiresApproval: false, gates: [] },
    aliases: { production: { requiresApproval: true, gates: [] } },
  });
  const { rpc, nc } = registry;
  const waiting = new Map<string, (at: number) => void>();
  const sub = nc.subscribe(`slipway.${ModelPromoted.subject}`, {
    callback: (_err, msg) => {
      const { data } = msg.json<{ data: ModelPromotedData }>();
      waiting.get(`${data.model}/${data.version}`)?.(performance.now());
    },
  });
  try {
    await nc.flush();
    for (let m = 0; m < MODELS; m++) {
      await rpc.request(RegisterModel, { model: `m${m}`, actor: alice });
      for (let v = 1; v <= VERSIONS; v++) {
        await rpc.request(CreateModelVersion, {
          model: `m${m}`,
          source: `runs:/r${v}/model`,
          flavor: 'sklearn',
          actor: alice,
        });
      }
    }
    const toEvent: number[] = [];
    const toReply: number[] = [];
    const reads: number[] = [];
    for (let v = 1; v <= VERSIONS; v++) {
      for (let m = 0; m < MODELS; m++) {
        const model = `m${m}`;
        const requestId = `r-${m}-${v}`;
        await rpc.request(RequestPromotion, {
          model,
          version: v,
          alias: 'production',
          requestId,
          actor: alice,
        });
        const arrived = new Promise<number>((resolve) => waiting.set(`${model}/${v}`, resolve));
        const t0 = performance.now();
        await rpc.request(ApprovePromotion, { model, requestId, actor: bob });
        toReply.push(performance.now() - t0);
        toEvent.push((await arrived) - t0);
        const r0 = performance.now();
        await rpc.request(GetAliasHolder, { model, alias: 'production' });
        reads.push(performance.now() - r0);
      }
    }
    line('baseline: alias.get RPC round trip', reads);
    line('approve RPC → reply', toReply);
    line('approve RPC → model.promoted on NATS', toEvent);
    console.log(
      `p99 approve → model.promoted / p99 read RPC: ${(pct(toEvent, 99) / pct(reads, 99)).toFixed(1)}`,
    );
  } finally {
    sub.unsubscribe();
    await registry.close();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
