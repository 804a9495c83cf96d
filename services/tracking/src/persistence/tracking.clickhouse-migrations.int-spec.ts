import { revertClickHouseMigration, runClickHouseMigrations } from '@slipway/persistence';
import { createTestClickHouse, type TestClickHouse } from '@slipway/testing';
import { latestStepSql, latestTimestampSql, latestValueSql } from '../metrics/latest-key.sql';
import { trackingClickHouseMigrations } from './tracking.clickhouse-migrations';

describe('tracking ClickHouse migrations', () => {
  let ch: TestClickHouse;

  beforeAll(async () => {
    ch = await createTestClickHouse();
  });
  afterAll(async () => {
    await ch?.close();
  });

  const rows = async <T>(query: string) =>
    // 64-bit integers as JSON numbers on a server too (chDB's default).
    (
      await ch.client.query({
        query,
        format: 'JSONEachRow',
        clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
      })
    ).json<T>();
  const tables = async (prefix = 'metric') =>
    (
      await rows<{ name: string }>(
        `SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE '${prefix}%' ORDER BY name`,
      )
    ).map((t) => t.name);

  test('migrations - up, points feed the summaries and events views, the search copy; down drops it all', async () => {
    const applied = await runClickHouseMigrations(ch.client, ch.database, trackingClickHouseMigrations);
    expect(applied.map((m) => m.name)).toEqual(['create_metric_store', 'create_search_index']);
    expect(await tables()).toEqual([
      'metric_events',
      'metric_events_mv',
      'metric_points',
      'metric_summaries',
      'metric_summaries_mv',
    ]);

    const point = (step: number, timestamp: number, value: number | string, event: string, ordinal = 0) => ({
      run_id: 'r1',
      key: 'loss',
      step,
      timestamp,
      value,
      event_id: event,
      ordinal,
    });
    // Two inserts make two parts, so the summary is a merge of two states.
    await ch.client.insert({
      table: 'metric_points',
      values: [point(1, 1000, 0.9, 'e1'), point(2, 2000, 'nan', 'e1', 1)],
      format: 'JSONEachRow',
    });
    await ch.client.insert({
      table: 'metric_points',
      values: [point(0, 5000, 0.5, 'e2'), point(2, 2000, '-inf', 'e2', 1)],
      format: 'JSONEachRow',
    });

    const [summary] = await rows<Record<string, unknown>>(`
      SELECT ${latestValueSql('k')} AS latest, ${latestStepSql('k')} AS step, ${latestTimestampSql('k')} AS ts,
        lo, hi, n, first, last
      FROM (
        SELECT max(latest_key) AS k, min(min_value) AS lo, max(max_value) AS hi, sum(point_count) AS n,
          min(first_step) AS first, max(last_step) AS last
        FROM metric_summaries WHERE run_id = 'r1' AND key = 'loss')`);
    // Step 2 at 2000 ms is the latest; on that tie a number (-inf) beats NaN.
    expect(summary).toEqual({
      latest: '-inf',
      step: 2,
      ts: 2000,
      lo: '-inf',
      hi: 0.9,
      n: 4,
      first: 0,
      last: 2,
    });
    expect(await rows('SELECT event_id, points FROM metric_events ORDER BY event_id')).toEqual([
      { event_id: 'e1', points: 2 },
      { event_id: 'e2', points: 2 },
    ]);

    // create_search_index: the run/param copy, kept by a revert of only that version.
    expect(await tables('search')).toEqual(['search_index_state', 'search_params', 'search_runs']);
    await ch.client.insert({
      table: 'search_params',
      values: [{ experiment_id: '1', key: 'model', value: 'svc', run_id: 'r1', start_time: 5 }],
      format: 'JSONEachRow',
    });
    expect(await rows("SELECT run_id FROM search_params WHERE key = 'model' AND value = 'svc'")).toEqual([
      { run_id: 'r1' },
    ]);
    expect(
      (await revertClickHouseMigration(ch.client, ch.database, trackingClickHouseMigrations))?.version,
    ).toBe(2);
    expect(await tables('search')).toEqual([]);
    expect(await tables()).toHaveLength(5);

    expect(
      (await revertClickHouseMigration(ch.client, ch.database, trackingClickHouseMigrations))?.version,
    ).toBe(1);
    expect(await tables()).toEqual([]);

    // Up again on the emptied database (statements are idempotent, the log records the revert).
    expect(await runClickHouseMigrations(ch.client, ch.database, trackingClickHouseMigrations)).toHaveLength(
      2,
    );
    expect(await rows('SELECT count() AS n FROM metric_points')).toEqual([{ n: 0 }]);
    expect(await rows('SELECT count() AS n FROM search_params')).toEqual([{ n: 0 }]);
  });
});
