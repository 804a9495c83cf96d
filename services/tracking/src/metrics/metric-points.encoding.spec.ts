import { ValidationError } from '@slipway/contracts';
import { encodeMetricRows, MAX_METRIC_TIMESTAMP } from './metric-points.encoding';

describe('encodeMetricRows', () => {
  test('rows - one JSON array per point, in column order, with the ordinal in the event', () => {
    const rows = encodeMetricRows('ev-1', 'run-1', [
      { key: 'loss', value: 0.5, timestamp: 1700000000123, step: 3 },
      { key: 'acc', value: -1e-7, timestamp: 0, step: -2 },
    ]);
    expect(
      rows
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
    ).toEqual([
      ['run-1', 'loss', 3, 1700000000123, 0.5, 'ev-1', 0],
      ['run-1', 'acc', -2, 0, -1e-7, 'ev-1', 1],
    ]);
  });

  test('non-finite values - written as the strings ClickHouse reads', () => {
    const rows = encodeMetricRows(
      'e',
      'r',
      [NaN, Infinity, -Infinity].map((value) => ({ key: 'k', value, timestamp: 1, step: 0 })),
    );
    expect(
      rows
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line)[4]),
    ).toEqual(['nan', 'inf', '-inf']);
  });

  test('strings - quotes, backslashes and control characters in ids are escaped', () => {
    const rows = encodeMetricRows('a"b\\c\nd\te', 'r', [{ key: 'k', value: 1, timestamp: 1, step: 0 }]);
    expect(JSON.parse(rows)[5]).toBe('a"b\\c\nd\te');
  });

  test.each([
    [{ timestamp: -1 }, 'metrics[0].timestamp'],
    [{ timestamp: MAX_METRIC_TIMESTAMP + 1 }, 'metrics[0].timestamp'],
    [{ timestamp: 1.5 }, 'metrics[0].timestamp'],
    [{ step: 2 ** 53 }, 'metrics[0].step'],
    [{ step: 0.5 }, 'metrics[0].step'],
    [{ key: '' }, 'metrics[0].key'],
  ])('validation - %j is refused at %s', (change, path) => {
    const point = { key: 'k', value: 1, timestamp: 1, step: 0, ...change };
    try {
      encodeMetricRows('e', 'r', [point]);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.path)).toContain(path);
    }
  });
});
