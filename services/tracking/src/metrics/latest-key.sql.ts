/**
 * SQL reading `metric_summaries.latest_key`, the UInt256 the summaries view packs the latest
 * point into (see the migration): four 64-bit words, high to low, `step ^ sign`,
 * `timestamp ms ^ sign`, `1 if the value is a number`, `order-preserving value bits`.
 * Each function takes an SQL expression of that key and returns one for a field.
 */
const SIGN = 'toUInt64(9223372036854775808)';

function word(key: string, index: 0 | 1 | 2 | 3): string {
  return `toUInt64(bitAnd(bitShiftRight(${key}, ${64 * index}), toUInt256(18446744073709551615)))`;
}

/** Int64 step of the latest point. */
export function latestStepSql(key: string): string {
  return `reinterpretAsInt64(bitXor(${word(key, 3)}, ${SIGN}))`;
}

/** Int64 timestamp (ms since the epoch) of the latest point. */
export function latestTimestampSql(key: string): string {
  return `reinterpretAsInt64(bitXor(${word(key, 2)}, ${SIGN}))`;
}

/** Float64 value of the latest point, NaN included. */
export function latestValueSql(key: string): string {
  const bits = word(key, 0);
  return `if(${word(key, 1)} = 1,
    reinterpretAsFloat64(if(bitTest(${bits}, 63), bitXor(${bits}, ${SIGN}), bitNot(${bits}))), nan)`;
}
