import { createPostgresDataSource, initializePostgres } from '@slipway/persistence';
import { createTestDatabase, type TestDatabase } from '@slipway/testing';
import type { DataSource } from 'typeorm';
import { trackingMigrations } from './tracking.schema';

/**
 * Each migration, run up on a schema holding data from the ones before, then down: the data of
 * the earlier tables survives both ways, and the new table takes data and keeps its rules.
 */
describe('tracking migrations', () => {
  let db: TestDatabase;
  const open: DataSource[] = [];
  let schemaCount = 0;

  /** A fresh schema migrated up to (not including) migration `index`, then the data source with it. */
  async function before(index: number): Promise<{ upTo: DataSource; withIt: DataSource }> {
    const schema = `migration_${index}_${schemaCount++}`;
    const source = (count: number) => {
      const ds = createPostgresDataSource({
        url: db.url,
        schema,
        migrations: trackingMigrations.slice(0, count),
        poolSize: 2,
      });
      open.push(ds);
      return ds;
    };
    const upTo = source(index);
    await initializePostgres(upTo);
    return { upTo, withIt: source(index + 1) };
  }
  const tables = async (ds: DataSource) =>
    (
      await ds.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'migrations' ORDER BY 1`,
      )
    ).map((r: { table_name: string }) => r.table_name);
  const undo = (ds: DataSource) => ds.undoLastMigration({ transaction: 'all' });

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((ds) => (ds.isInitialized ? ds.destroy() : undefined)));
  });
  afterAll(async () => {
    await db?.drop();
  });

  const seedExperiments = async (ds: DataSource) => {
    await ds.query(
      `INSERT INTO experiments (experiment_id, name, artifact_location, creation_time, last_update_time)
       VALUES ('0', 'Default', 'x:/0', 1, 1), ('7', 'churn', 'x:/7', 2, 2)`,
    );
    await ds.query(`INSERT INTO experiment_tags VALUES ('7', 'team', 'ml')`);
  };
  const seedRuns = async (ds: DataSource) => {
    await ds.query(
      `INSERT INTO runs (run_id, experiment_id, status, start_time, artifact_uri) VALUES ('r1', '7', 'RUNNING', 10, 'x:/7/r1/artifacts')`,
    );
  };
  const seedParams = async (ds: DataSource) => {
    await ds.query(`INSERT INTO params VALUES ('r1', 'model', 'svc')`);
  };

  test('CreateExperiments - ids from a sequence, names unique among active ones; down drops both tables', async () => {
    const { withIt } = await before(0);
    await initializePostgres(withIt);
    await seedExperiments(withIt);
    const [{ id }] = await withIt.query(
      `INSERT INTO experiments (name, artifact_location, creation_time, last_update_time) VALUES ('auto', 'x:/', 3, 3) RETURNING experiment_id AS id`,
    );
    expect(id).toBe('1');
    await expect(
      withIt.query(
        `INSERT INTO experiments (name, artifact_location, creation_time, last_update_time) VALUES ('churn', 'x:/', 3, 3)`,
      ),
    ).rejects.toThrow(/experiments_active_name_key/);
    await withIt.query(
      `INSERT INTO experiments (name, artifact_location, lifecycle_stage, deleted_time, creation_time, last_update_time)
       VALUES ('churn', 'x:/', 'deleted', 4, 3, 3)`,
    );
    await expect(withIt.query(`UPDATE experiments SET lifecycle_stage = 'archived'`)).rejects.toThrow(
      /lifecycle_stage_check/,
    );
    await expect(withIt.query(`UPDATE experiments SET lifecycle_stage = 'deleted'`)).rejects.toThrow(
      /deleted_time_check/,
    );
    expect(await tables(withIt)).toEqual(['experiment_tags', 'experiments']);

    await undo(withIt);
    expect(await tables(withIt)).toEqual([]);
    expect(await withIt.query(`SELECT 1 FROM pg_class WHERE relname = 'experiment_id_seq'`)).toEqual([]);
  });

  test('CreateRuns - up keeps experiments and refuses runs of unknown experiments; down keeps experiments', async () => {
    const { upTo, withIt } = await before(1);
    await seedExperiments(upTo);
    await initializePostgres(withIt);
    await seedRuns(withIt);
    await expect(
      withIt.query(
        `INSERT INTO runs (run_id, experiment_id, status, start_time, artifact_uri) VALUES ('r2', '99', 'RUNNING', 1, 'x:/')`,
      ),
    ).rejects.toThrow(/foreign key/);
    await expect(withIt.query(`UPDATE runs SET status = 'DONE'`)).rejects.toThrow(/runs_status_check/);
    await withIt.query(
      `INSERT INTO runs (run_id, experiment_id, status, start_time, artifact_uri, parent_run_id)
       VALUES ('child', '7', 'RUNNING', 11, 'x:/', 'not-yet-stored')`,
    );
    expect(await withIt.query(`SELECT run_id, start_time::int AS t FROM runs ORDER BY run_id`)).toEqual([
      { run_id: 'child', t: 11 },
      { run_id: 'r1', t: 10 },
    ]);

    await undo(withIt);
    expect(await tables(withIt)).toEqual(['experiment_tags', 'experiments']);
    expect(await withIt.query(`SELECT experiment_id, name FROM experiments ORDER BY 1`)).toEqual([
      { experiment_id: '0', name: 'Default' },
      { experiment_id: '7', name: 'churn' },
    ]);
  });

  test('CreateParams - one value per (run, key), 6000-character values indexable, gone with the run; down keeps runs', async () => {
    const { upTo, withIt } = await before(2);
    await seedExperiments(upTo);
    await seedRuns(upTo);
    await initializePostgres(withIt);
    await seedParams(withIt);
    await expect(withIt.query(`INSERT INTO params VALUES ('r1', 'model', 'rf')`)).rejects.toThrow(
      /params_pkey/,
    );
    await withIt.query(`INSERT INTO params VALUES ('r1', $1, $2)`, ['k'.repeat(250), 'é'.repeat(6000)]);
    await withIt.query(
      `INSERT INTO runs (run_id, experiment_id, status, start_time, artifact_uri) VALUES ('gone', '7', 'RUNNING', 1, 'x:/')`,
    );
    await withIt.query(`INSERT INTO params VALUES ('gone', 'a', 'b')`);
    await withIt.query(`DELETE FROM runs WHERE run_id = 'gone'`);
    expect(await withIt.query(`SELECT run_id, key FROM params WHERE key IN ('model', 'a')`)).toEqual([
      { run_id: 'r1', key: 'model' },
    ]);

    await undo(withIt);
    expect(await tables(withIt)).toEqual(['experiment_tags', 'experiments', 'runs']);
    expect(await withIt.query(`SELECT run_id FROM runs`)).toEqual([{ run_id: 'r1' }]);
  });

  test('CreateRunTags - one value per (run, key), overwritable, 8000-character values indexable; down keeps params', async () => {
    const { upTo, withIt } = await before(3);
    await seedExperiments(upTo);
    await seedRuns(upTo);
    await seedParams(upTo);
    await initializePostgres(withIt);
    await withIt.query(`INSERT INTO run_tags VALUES ('r1', 'team', 'ml')`);
    await withIt.query(
      `INSERT INTO run_tags VALUES ('r1', 'team', 'data') ON CONFLICT (run_id, key) DO UPDATE SET value = EXCLUDED.value`,
    );
    await withIt.query(`INSERT INTO run_tags VALUES ('r1', 'note', $1)`, ['é'.repeat(8000)]);
    expect(await withIt.query(`SELECT key, length(value) AS n FROM run_tags ORDER BY key`)).toEqual([
      { key: 'note', n: 8000 },
      { key: 'team', n: 4 },
    ]);

    await undo(withIt);
    expect(await tables(withIt)).toEqual(['experiment_tags', 'experiments', 'params', 'runs']);
    expect(await withIt.query(`SELECT run_id, key, value FROM params`)).toEqual([
      { run_id: 'r1', key: 'model', value: 'svc' },
    ]);
    await initializePostgres(withIt);
    expect(await tables(withIt)).toContain('run_tags');
  });

  test('CreateDatasets - one dataset per (experiment, name, digest), one input per (run, dataset), gone with the run; down keeps the tables before', async () => {
    const { upTo, withIt } = await before(4);
    await seedExperiments(upTo);
    await seedRuns(upTo);
    await upTo.query(`INSERT INTO run_tags VALUES ('r1', 'team', 'ml')`);
    await initializePostgres(withIt);
    const dataset = `INSERT INTO datasets (dataset_id, experiment_id, name, digest, source_type, source)
      VALUES ($1, '7', 'iris', 'abc123', 'local', '{"uri": "/data/iris.csv"}')`;
    await withIt.query(dataset, ['d1']);
    await expect(withIt.query(dataset, ['d2'])).rejects.toThrow(/datasets_experiment_id_name_digest_key/);
    await withIt.query(`INSERT INTO run_inputs (run_id, dataset_id, tags) VALUES ('r1', 'd1', $1)`, [
      JSON.stringify([{ key: 'mlflow.data.context', value: 'training' }]),
    ]);
    await expect(
      withIt.query(`INSERT INTO run_inputs (run_id, dataset_id) VALUES ('r1', 'd1')`),
    ).rejects.toThrow(/run_inputs_pkey/);
    await expect(
      withIt.query(`INSERT INTO run_inputs (run_id, dataset_id) VALUES ('nope', 'd1')`),
    ).rejects.toThrow(/foreign key/);
    await withIt.query(`DELETE FROM runs WHERE run_id = 'r1'`);
    expect(await withIt.query(`SELECT count(*)::int AS n FROM run_inputs`)).toEqual([{ n: 0 }]);
    expect(await withIt.query(`SELECT dataset_id FROM datasets`)).toEqual([{ dataset_id: 'd1' }]);

    await undo(withIt);
    expect(await tables(withIt)).toEqual(['experiment_tags', 'experiments', 'params', 'run_tags', 'runs']);
    await initializePostgres(withIt);
    expect(await tables(withIt)).toEqual(expect.arrayContaining(['datasets', 'run_inputs']));
  });
});
