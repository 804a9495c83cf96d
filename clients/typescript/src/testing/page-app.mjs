// The page's own script, as an app using the SDK would have: served as it is (plain JS, no
// build), it imports the SDK bundle from its origin and offers `window.logRun` to the test.
import { Slipway } from '/sdk.js';

/** Logs a run to the gateway (another origin), follows it live, and reads its comparison back. */
window.logRun = async ({ url, token, experimentName }) => {
  const slipway = new Slipway({ url, token, retry: { maxRetries: 0 } });
  try {
    const run = await slipway.startRun({ experimentName, runName: 'from-a-page', params: { model: 'SVC' } });
    let live;
    const subscription = slipway.events.subscribe([`run:${run.runId}`], (event) => {
      live ??= { type: event.type, keys: (event.data.metrics ?? []).map((m) => m.key) };
    });
    await subscription.ready;
    for (let step = 0; step < 300; step++) run.logMetric('f1', step / 1000, step);
    const info = await run.end();
    const deadline = Date.now() + 10_000;
    while (!live && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    subscription.close();
    const compared = await slipway.compareRuns({ experimentId: info.experimentId });
    const row = compared.rows[0];
    return { runId: run.runId, status: info.status, model: row.params.model, f1: row.metrics.f1, live };
  } catch (error) {
    return { error: { name: error.name, code: error.code, message: error.message } };
  }
};
/**
 * Follows `runs` with the browser's own EventSource (no SDK): it cannot send headers, so the token
 * goes as `access_token`; on a dropped connection it reconnects by itself with `Last-Event-ID`.
 * The run ids of RunCreated events collect in `window.followed`.
 */
window.followRuns = ({ url, token }) => {
  window.followed = [];
  window.followErrors = 0;
  const source = new EventSource(
    `${url}/api/v1/events?topics=runs&access_token=${encodeURIComponent(token)}`,
  );
  source.addEventListener('dev.slipway.tracking.run.created.v1', (e) => {
    window.followed.push(JSON.parse(e.data).data.runId);
    window.followedLastId = e.lastEventId;
  });
  source.addEventListener('error', () => window.followErrors++);
  window.followSource = source;
  return new Promise((resolve) => source.addEventListener('open', () => resolve(true), { once: true }));
};
window.appReady = true;
