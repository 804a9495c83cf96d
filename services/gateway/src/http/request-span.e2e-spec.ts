import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { gatewaySuite } from '../testing/gateway-suite';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

/** Collects the `traceparent` header of every message on `subject` until stopped. */
function headersOn(nc: NatsConnection, subject: string): { seen: string[]; sub: Subscription } {
  const seen: string[] = [];
  const sub = nc.subscribe(subject, {
    callback: (_err, msg) => {
      seen.push(msg.headers?.get('traceparent') ?? '(none)');
    },
  });
  return { seen, sub };
}

/**
 * The gateway's own server spans (not OpenTelemetry's http instrumentation): a caller's
 * `traceparent` continues into the RPCs and events the request causes, each with a new span id.
 */
describe('gateway - request spans', () => {
  const suite = gatewaySuite({ services: ['tracking', 'gateway'] });
  let nc: NatsConnection;

  beforeAll(async () => {
    nc = await connect({ servers: suite.platform.natsUrl });
  });
  afterAll(async () => {
    await nc?.close();
  });

  const post = (path: string, body: unknown, traceparent?: string) =>
    fetch(`${suite.platform.gatewayUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${suite.platform.adminToken}`,
        'content-type': 'application/json',
        ...(traceparent ? { traceparent } : {}),
      },
      body: JSON.stringify(body),
    });

  test("an RPC and a coalesced metrics event carry the caller's trace; a request without one starts its own", async () => {
    const rpcs = headersOn(nc, 'slipway.rpc.tracking.>');
    const created = await post('/api/v1/experiments', { name: 'traced' }, CALLER);
    expect(created.status).toBe(201);
    await nc.flush();
    expect(rpcs.seen.length).toBeGreaterThan(0);
    for (const tp of rpcs.seen) {
      expect(tp).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-0[01]$`));
      expect(tp).not.toBe(CALLER);
    }

    const { experimentId } = (await created.json()) as { experimentId: string };
    const run = (await (await post('/api/v1/runs', { experimentId }, CALLER)).json()) as {
      info: { runId: string };
    };
    const events = headersOn(nc, 'slipway.ingest.metrics.batch');
    const metric = { key: 'loss', value: 0.5, step: 1, timestamp: Date.now() };
    expect((await post(`/api/v1/runs/${run.info.runId}/metrics`, { metrics: [metric] }, CALLER)).status).toBe(
      202,
    );
    rpcs.seen.length = 0;
    expect((await post('/api/v1/experiments', { name: 'untraced' })).status).toBe(201);
    await nc.flush();
    await new Promise((r) => setTimeout(r, 100));
    expect(events.seen).toEqual([expect.stringMatching(new RegExp(`^00-${TRACE_ID}-`))]);
    expect(rpcs.seen.length).toBeGreaterThan(0);
    for (const tp of rpcs.seen) expect(tp).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    expect(rpcs.seen.some((tp) => tp.includes(TRACE_ID))).toBe(false);
    rpcs.sub.unsubscribe();
    events.sub.unsubscribe();
  });
});
