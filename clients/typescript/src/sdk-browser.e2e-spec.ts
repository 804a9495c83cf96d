import { existsSync } from 'node:fs';
import { startTestPlatform, type TestPlatform } from '@slipway/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { browserBundle } from './testing/browser-bundle';
import { startCuttableProxy, type CuttableProxy } from './testing/cuttable-proxy';
import { startPageServer, type PageServer } from './testing/page-server';

/** Debian's chromium (CI installs it); CHROMIUM_PATH for another. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** What the page's `logRun` (page-app.mjs) reports back: plain data, it crosses from the page. */
interface PageReport {
  runId?: string;
  status?: string;
  model?: string;
  f1?: { count: number; latest: number | string; step: number };
  live?: { type: string; keys: string[] };
  error?: { name: string; code?: string; message: string };
}

describe('sdk - in a browser page on another origin (CORS)', () => {
  let allowed: PageServer;
  let other: PageServer;
  let platform: TestPlatform;
  let browser: Browser;
  let proxy: CuttableProxy;

  const logRun = (page: Page, args: { url: string; token: string; experimentName: string }) =>
    page.evaluate(
      (a) => (globalThis as unknown as { logRun(x: typeof a): Promise<PageReport> }).logRun(a),
      args,
    );

  const open = async (server: PageServer): Promise<Page> => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => (globalThis as { appReady?: boolean }).appReady === true);
    return page;
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `no browser at ${CHROMIUM}: install chromium (apt-get install chromium) or set CHROMIUM_PATH`,
      );
    }
    const bundle = await browserBundle();
    allowed = await startPageServer(bundle);
    other = await startPageServer(bundle);
    platform = await startTestPlatform({
      services: ['tracking', 'gateway'],
      env: { gateway: { GATEWAY_CORS_ORIGINS: allowed.origin } },
    });
    proxy = await startCuttableProxy(platform.gatewayUrl);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await platform?.stop();
    await allowed?.close();
    await other?.close();
  });

  test('a page of an allowed origin logs a run, follows its live metrics and reads the comparison back', async () => {
    const page = await open(allowed);
    const report = await logRun(page, {
      url: platform.gatewayUrl,
      token: platform.adminToken,
      experimentName: 'browser',
    });
    expect(report.error).toBeUndefined();
    expect(report).toMatchObject({
      status: 'FINISHED',
      model: 'SVC',
      f1: { count: 300, latest: 0.299, step: 299 },
      live: { type: 'dev.slipway.tracking.run.metrics.logged.v1', keys: expect.arrayContaining(['f1']) },
    });
    // Seen from outside the browser too: the run is stored with its points.
    const res = await fetch(`${platform.gatewayUrl}/api/v1/runs/${report.runId}`, {
      headers: { authorization: `Bearer ${platform.adminToken}` },
    });
    expect(res.status).toBe(200);
  });

  test('a page of another origin is refused by the browser: a network error, nothing stored', async () => {
    const page = await open(other);
    const report = await logRun(page, {
      url: platform.gatewayUrl,
      token: platform.adminToken,
      experimentName: 'not-allowed',
    });
    expect(report.error).toMatchObject({ name: 'SlipwayNetworkError', code: 'SDK.NETWORK_ERROR' });
    const res = await fetch(`${platform.gatewayUrl}/api/v1/experiments/by-name/not-allowed`, {
      headers: { authorization: `Bearer ${platform.adminToken}` },
    });
    expect(res.status).toBe(404);
  });

  test('a preflight is answered without a token; an allowed origin may read the answer headers', async () => {
    const res = await fetch(`${platform.gatewayUrl}/api/v1/runs/search`, {
      method: 'OPTIONS',
      headers: {
        origin: allowed.origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(allowed.origin);
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(res.headers.get('access-control-expose-headers')).toContain('retry-after');
    const refused = await fetch(`${platform.gatewayUrl}/api/v1/runs/search`, {
      method: 'OPTIONS',
      headers: { origin: other.origin, 'access-control-request-method': 'POST' },
    });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  test("the browser's own EventSource follows runs with ?access_token= and, after a dropped connection, resumes with Last-Event-ID", async () => {
    const page = await open(allowed);
    const createRun = async (runName: string): Promise<string> => {
      const res = await fetch(`${platform.gatewayUrl}/api/v1/runs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${platform.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ runName }),
      });
      return ((await res.json()) as { info: { runId: string } }).info.runId;
    };
    const followed = () => page.evaluate(() => (globalThis as unknown as { followed: string[] }).followed);
    const until = async (want: (ids: string[]) => boolean) => {
      const deadline = Date.now() + 15_000;
      while (!want(await followed()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      return followed();
    };
    const opened = await page.evaluate(
      (a) => (globalThis as unknown as { followRuns(x: typeof a): Promise<boolean> }).followRuns(a),
      { url: proxy.url, token: platform.adminToken },
    );
    expect(opened).toBe(true);
    const first = await createRun('es-before');
    expect(await until((ids) => ids.includes(first))).toEqual([first]);

    proxy.cut();
    const missed = [await createRun('es-during-1'), await createRun('es-during-2')];
    proxy.heal();
    // EventSource waits its reconnection time (3 s in Chromium), then sends Last-Event-ID.
    expect(await until((ids) => ids.length >= 3)).toEqual([first, ...missed]);
    const state = await page.evaluate(() => ({
      errors: (globalThis as unknown as { followErrors: number }).followErrors,
      lastId: (globalThis as unknown as { followedLastId: string }).followedLastId,
    }));
    expect(state.errors).toBeGreaterThanOrEqual(1);
    expect(state.lastId).toMatch(/^SLIPWAY_EVENTS:\d+$/);
    await page.evaluate(() =>
      (globalThis as unknown as { followSource: { close(): void } }).followSource.close(),
    );
  }, 60_000);
});
