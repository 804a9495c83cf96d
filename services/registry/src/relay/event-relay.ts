import type { EventDefinition } from '@slipway/contracts';
import { type EventPublisher, type MessagingLogger, silentLogger } from '@slipway/messaging';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { type EventStore, REGISTRY_EVENTS_CHANNEL, type StoredEvent } from '../event-store';
import { publicEventOf } from './registry-event-types';
import { RelayCheckpoints } from './relay-checkpoints';
import { WakeSignal } from './wake-signal';

/** Options of {@link EventRelay}. */
export interface EventRelayOptions {
  /** The checkpoint and lock name; one publisher per name across replicas. Default `jetstream`. */
  name?: string;
  /** Postgres URL of the relay's own connection (LISTEN and the leader lock); default the data source's `url`. */
  connectionString?: string;
  /** How often to look for events without a notification (the fallback); default 1000 ms. */
  pollIntervalMs?: number;
  /** How often a standby replica tries to take the leader lock; default 1000 ms. */
  lockRetryMs?: number;
  /** Events read per query; default 100. */
  batchSize?: number;
  /** Pause after a failure (NATS or Postgres down) before trying again; default 500 ms. */
  retryDelayMs?: number;
  /** The contract of a stored type; `undefined` keeps the event internal. Default: the registry's public events. */
  resolve?: (type: string) => EventDefinition | undefined;
  /** Called after an event is published and checkpointed (metrics, tests). */
  onPublished?: (event: StoredEvent) => void;
  logger?: MessagingLogger;
}

/**
 * Publishes the stored events to JetStream in global order from a checkpoint: the store is its
 * own outbox. Each event goes out with its event id as `Nats-Msg-Id` and only then is the
 * checkpoint advanced, so a crash in between re-publishes an event that JetStream's duplicate
 * window drops: nothing lost, nothing doubled. A session advisory lock per relay name makes one
 * replica the publisher; the others wait and take over when its connection ends. `LISTEN` on
 * {@link REGISTRY_EVENTS_CHANNEL} wakes it at each commit, and a poll covers a lost notification.
 */
export class EventRelay {
  private readonly name: string;
  private readonly signal = new WakeSignal();
  private readonly logger: MessagingLogger;
  private running: Promise<void> | undefined;
  private stopping = false;
  private connectionLost = false;
  private leader = false;

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly publisher: Pick<EventPublisher, 'publish'>,
    private readonly options: EventRelayOptions = {},
  ) {
    this.name = options.name ?? 'jetstream';
    this.logger = options.logger ?? silentLogger;
  }

  /** True while this replica holds the lock and publishes. */
  get isLeader(): boolean {
    return this.leader;
  }

  /** Starts relaying in the background (as leader, or standing by until the leader goes). */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.run();
  }

  /** Finishes the event in flight, checkpoints it, releases the lock and closes the connection. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.signal.wake();
    await this.running;
    this.running = undefined;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const client = this.newClient();
      try {
        await client.connect();
        if (await this.becomeLeader(client)) await this.relayAsLeader(client);
      } catch (err) {
        this.logger.warn({ relay: this.name, err }, 'registry relay failed; retrying');
        await this.signal.wait(this.options.retryDelayMs ?? 500);
      } finally {
        this.leader = false;
        await client.end().catch(() => undefined);
      }
    }
  }

  private newClient(): Client {
    this.connectionLost = false;
    const url = this.options.connectionString ?? (this.dataSource.options as { url?: string }).url;
    const client = new Client({ connectionString: url, application_name: `relay:${this.name}` });
    client.on('notification', () => this.signal.wake());
    client.on('error', (err) => {
      this.connectionLost = true;
      this.logger.warn({ relay: this.name, err }, 'registry relay connection lost');
      this.signal.wake();
    });
    return client;
  }

  /** Waits for the leader lock; false when stopped (or the connection lost) first. */
  private async becomeLeader(client: Client): Promise<boolean> {
    const key = `slipway.registry.relay.${String(this.dataSource.driver.schema)}.${this.name}`;
    while (!this.stopping && !this.connectionLost) {
      const result = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [key],
      );
      if (result.rows[0]?.locked === true) {
        this.leader = true;
        this.logger.info({ relay: this.name }, 'registry relay is the publisher');
        return true;
      }
      await this.signal.wait(this.options.lockRetryMs ?? 1000);
    }
    return false;
  }

  private async relayAsLeader(client: Client): Promise<void> {
    // LISTEN before the first read: an event committed in between is either read or notified.
    await client.query(`LISTEN ${REGISTRY_EVENTS_CHANNEL}`);
    // Checkpoints are written on the lock-holding session, without waiting for the WAL flush: a
    // checkpoint lost in a Postgres crash only re-publishes events JetStream then drops as duplicates.
    await client.query('SET synchronous_commit = off');
    const checkpoints = new RelayCheckpoints(
      async (sql, params) => (await client.query(sql, params)).rows,
      String(this.dataSource.driver.schema),
    );
    let position = await checkpoints.load(this.name);
    while (!this.stopping && !this.connectionLost) {
      const events = await this.store.readAll(position, this.options.batchSize ?? 100);
      for (const event of events) {
        if (this.stopping || this.connectionLost) return;
        await this.publish(event);
        await checkpoints.advance(this.name, event.position);
        position = event.position;
        this.options.onPublished?.(event);
      }
      if (events.length === 0) await this.signal.wait(this.options.pollIntervalMs ?? 1000);
    }
  }

  private async publish(event: StoredEvent): Promise<void> {
    const def = (this.options.resolve ?? publicEventOf)(event.type);
    if (!def) return;
    await this.publisher.publish(def, event.data as never, {
      id: event.eventId,
      time: event.recordedAt,
      subject: event.streamId,
    });
  }
}
