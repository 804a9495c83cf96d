import type { ClickHouseClient } from '@clickhouse/client';
import type { Param } from '@slipway/contracts';
import { z } from 'zod';
import type { Queryable } from '../persistence/queryable';
import { parseRows } from '../persistence/rows';
import { searchRunIds, type ClickHouseRunSearch } from './run-search.clickhouse';

/** What the copy keeps of a run: fixed at creation. */
export interface IndexedRun {
  runId: string;
  experimentId: string;
  startTime: number;
}

const BACKFILL = 'backfill';
/** Rows copied per page by {@link SearchIndex.backfill}. */
const PAGE = 50_000;

const runRow = z.object({ run_id: z.string(), experiment_id: z.string(), start_time: z.coerce.number() });
const paramRow = runRow.extend({ key: z.string(), value: z.string() });

/**
 * The immutable part of runs and params copied into ClickHouse (tables of the
 * `create_search_index` migration), so that a search on metrics and params is one ClickHouse
 * query. Postgres stays the source of truth: this copy is written after each Postgres commit,
 * and {@link backfill} rebuilds it from Postgres (at first start, or after data was loaded
 * behind the service's back).
 */
export class SearchIndex {
  private ready = false;

  constructor(private readonly client: ClickHouseClient) {}

  /** Records created runs (idempotent for readers: a repeated row changes no answer). */
  async runsCreated(runs: readonly IndexedRun[]): Promise<void> {
    if (runs.length === 0) return;
    await this.client.insert({
      table: 'search_runs',
      values: runs.map((r) => ({ experiment_id: r.experimentId, run_id: r.runId, start_time: r.startTime })),
      format: 'JSONEachRow',
    });
  }

  /** Records params logged to `run` (immutable, so a repeat carries the same value). */
  async paramsLogged(run: IndexedRun, params: readonly Param[]): Promise<void> {
    await this.insertParams(params.map((p) => ({ ...run, key: p.key, value: p.value })));
  }

  private async insertParams(rows: readonly (IndexedRun & Param)[]): Promise<void> {
    if (rows.length === 0) return;
    await this.client.insert({
      table: 'search_params',
      values: rows.map((r) => ({
        experiment_id: r.experimentId,
        key: r.key,
        value: r.value,
        run_id: r.runId,
        start_time: r.startTime,
      })),
      format: 'JSONEachRow',
    });
  }

  /** Whether the copy holds every run and param (its backfill has finished once). */
  async isReady(): Promise<boolean> {
    if (this.ready) return true;
    const rows = await this.client.query({
      query: 'SELECT count() AS n FROM search_index_state WHERE name = {name:String}',
      query_params: { name: BACKFILL },
      format: 'JSONEachRow',
    });
    const [row] = await rows.json<{ n: number | string }>();
    this.ready = Number(row?.n ?? 0) > 0;
    return this.ready;
  }

  /**
   * Copies every run and param of Postgres (`db`, the tracking schema) into the copy, then marks
   * it ready. Safe while runs are created: those are written by the normal path too.
   */
  async backfill(db: Queryable): Promise<{ runs: number; params: number }> {
    let runs = 0;
    for (let after = ''; ;) {
      const page = parseRows(
        runRow,
        await db.query(
          'SELECT run_id, experiment_id, start_time FROM runs WHERE run_id > $1 ORDER BY run_id LIMIT $2',
          [after, PAGE],
        ),
        'tracking.runs row',
      );
      await this.runsCreated(
        page.map((r) => ({ runId: r.run_id, experimentId: r.experiment_id, startTime: r.start_time })),
      );
      runs += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.run_id;
    }
    let params = 0;
    for (let after = { run: '', key: '' }; ;) {
      const page = parseRows(
        paramRow,
        await db.query(
          `SELECT p.run_id, p.key, p.value, r.experiment_id, r.start_time FROM params p JOIN runs r USING (run_id)
           WHERE (p.run_id, p.key) > ($1, $2) ORDER BY p.run_id, p.key LIMIT $3`,
          [after.run, after.key, PAGE],
        ),
        'tracking.params row',
      );
      await this.insertParams(
        page.map((p) => ({
          runId: p.run_id,
          experimentId: p.experiment_id,
          startTime: p.start_time,
          key: p.key,
          value: p.value,
        })),
      );
      params += page.length;
      if (page.length < PAGE) break;
      const last = page[page.length - 1]!;
      after = { run: last.run_id, key: last.key };
    }
    await this.client.insert({
      table: 'search_index_state',
      values: [{ name: BACKFILL, done_at: Date.now() }],
      format: 'JSONEachRow',
    });
    this.ready = true;
    return { runs, params };
  }

  /** Run ids of a search answered in ClickHouse alone (see {@link searchRunIds}). */
  searchRunIds(search: ClickHouseRunSearch): Promise<string[]> {
    return searchRunIds(this.client, search);
  }
}
