import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';

/** One write call as the audit log keeps it. */
export interface AuditEntry {
  at: Date;
  tokenId: string | null;
  actor: string | null;
  method: string;
  route: string;
  url: string;
  status: number;
  durationMs: number;
  requestId: string;
}

const COLUMNS = 9;

/**
 * Appends write calls to `audit_log` in batches (one multi-row insert per `flushMs`), so auditing
 * costs a request nothing it waits for. `close()` flushes what is left.
 */
export class AuditLogWriter {
  private pending: AuditEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: DataSource,
    private readonly logger: Logger,
    private readonly flushMs = 250,
  ) {}

  record(entry: AuditEntry): void {
    this.pending.push(entry);
    this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing.then(() => this.insert(batch));
    return this.flushing;
  }

  async close(): Promise<void> {
    await this.flush();
  }

  private async insert(batch: AuditEntry[]): Promise<void> {
    const values: unknown[] = [];
    const tuples = batch.map((e, i) => {
      values.push(e.at, e.tokenId, e.actor, e.method, e.route, e.url, e.status, e.durationMs, e.requestId);
      const base = i * COLUMNS;
      return `(${Array.from({ length: COLUMNS }, (_, k) => `$${base + k + 1}`).join(', ')})`;
    });
    try {
      await this.db.query(
        `INSERT INTO audit_log (at, token_id, actor, method, route, url, status, duration_ms, request_id) VALUES ${tuples.join(', ')}`,
        values,
      );
    } catch (err) {
      this.logger.error({ err, entries: batch.length }, 'audit log insert failed');
    }
  }
}
