import { RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import {
  streamConfigDiff,
  streamConfigOf,
  streamConfigsOf,
  streamNameOf,
  streamSubjectOf,
} from './stream-config';

describe('stream config - names and subjects', () => {
  it('uses the plain names of DESIGN.md for the root slipway', () => {
    expect(streamConfigsOf('slipway').map((c) => [c.name, c.subjects])).toEqual([
      ['SLIPWAY_INGEST', ['slipway.ingest.>']],
      ['SLIPWAY_EVENTS', ['slipway.evt.>']],
      ['SLIPWAY_TASKS', ['slipway.task.>']],
      ['SLIPWAY_DLQ', ['slipway.dlq.>']],
    ]);
  });

  it('derives distinct, valid names from another root', () => {
    expect(streamNameOf('events', 'test_ab12')).toBe('SLIPWAY_EVENTS_TEST_AB12');
    expect(streamNameOf('dlq', 'acme.prod')).toBe('SLIPWAY_DLQ_ACME_PROD');
    expect(streamSubjectOf('tasks', 'acme.prod')).toBe('acme.prod.task.>');
  });

  it('refuses a root with wildcards', () => {
    expect(() => streamNameOf('events', 'a.>')).toThrow(/subject root/);
  });
});

describe('stream config - settings', () => {
  it('stores on file with a two-minute duplicate window', () => {
    for (const config of streamConfigsOf('slipway')) {
      expect(config.storage).toBe(StorageType.File);
      expect(config.duplicate_window).toBe(nanos(120_000));
    }
  });

  it('shortens the duplicate window to a shorter max age, which the server requires', () => {
    expect(streamConfigOf('dlq', 'slipway', { maxAgeMs: { dlq: 60_000 } }).duplicate_window).toBe(
      nanos(60_000),
    );
  });

  it('makes the tasks stream a work queue and the others limits-based', () => {
    expect(streamConfigOf('tasks').retention).toBe(RetentionPolicy.Workqueue);
    expect(streamConfigOf('events').retention).toBe(RetentionPolicy.Limits);
  });

  it('uses compression only from nats-server 2.10', () => {
    expect(streamConfigOf('events', 'slipway', { serverVersion: '2.9.10' }).compression).toBeUndefined();
    expect(streamConfigOf('events', 'slipway').compression).toBeUndefined();
    expect(streamConfigOf('events', 'slipway', { serverVersion: '2.10.4' }).compression).toBe('s2');
  });
});

describe('stream config - diff', () => {
  it('finds nothing when the server returns the same config plus its own defaults', () => {
    const desired = streamConfigOf('events', 'slipway');
    const actual = { ...desired, max_msgs: -1, sealed: false, allow_direct: false };
    expect(streamConfigDiff(desired, actual)).toEqual([]);
  });

  it('treats an omitted empty value as equal', () => {
    const desired = streamConfigOf('events', 'slipway');
    const { max_age: _omitted, ...actual } = desired;
    expect(streamConfigDiff(desired, actual)).toEqual([]);
  });

  it('names the fields that differ', () => {
    const desired = streamConfigOf('events', 'slipway');
    expect(
      streamConfigDiff(desired, { ...desired, duplicate_window: nanos(1000), subjects: ['x.>'] }),
    ).toEqual(['subjects', 'duplicate_window']);
  });
});
