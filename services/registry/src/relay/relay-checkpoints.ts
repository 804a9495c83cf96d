import type { DataSource } from 'typeorm';
import { z } from 'zod';

const positionRows = z.array(z.object({ position: z.string().regex(/^\d+$/).transform(Number) }));

/** Runs parameterised SQL and resolves with the rows (a pg `Client` or a TypeORM `DataSource`, adapted). */
export type RunSql = (sql: string, params: unknown[]) => Promise<unknown[]>;

/** The `relay_checkpoints` table of `schema`: the global position each named relay has published up to. */
export class RelayCheckpoints {
  private readonly table: string;

  constructor(
    private readonly run: RunSql,
    /** An identifier already checked by the data source (`registry`). */
    schema: string,
  ) {
    this.table = `"${schema}".relay_checkpoints`;
  }

  /** The position of relay `name`, creating it at 0 (publish from the start) on first use. */
  async load(name: string): Promise<number> {
    await this.run(
      `INSERT INTO ${this.table} (name, position) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING`,
      [name],
    );
    const rows = positionRows.parse(
      await this.run(`SELECT position::text AS position FROM ${this.table} WHERE name = $1`, [name]),
    );
    return rows[0]?.position ?? 0;
  }

  /** Moves relay `name` forward to `position`; never backwards (a stale replica cannot rewind it). */
  async advance(name: string, position: number): Promise<void> {
    await this.run(
      `UPDATE ${this.table} SET position = $2, updated_at = now() WHERE name = $1 AND position < $2`,
      [name, position],
    );
  }

  /** Sets relay `name` to `position`, also backwards: an operator's replay from an earlier point. */
  async reset(name: string, position: number): Promise<void> {
    await this.run(
      `INSERT INTO ${this.table} (name, position) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = now()`,
      [name, position],
    );
  }
}

/** The checkpoints of the schema of `dataSource`, through its pool (operators' resets, tests). */
export function relayCheckpointsOf(dataSource: DataSource): RelayCheckpoints {
  return new RelayCheckpoints(
    async (sql, params) => (await dataSource.query(sql, params)) as unknown[],
    String(dataSource.driver.schema),
  );
}
