import { UsageError } from '../exit-codes';

/** `30d`, `12h`, `90m` from now, or an ISO 8601 time, as ISO 8601 (a token's `--expires`). */
export function expiryOf(value: string, now = Date.now()): string {
  const relative = /^(\d+)([dhm])$/.exec(value);
  if (relative) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[relative[2] as 'd' | 'h' | 'm'];
    return new Date(now + Number(relative[1]) * unit).toISOString();
  }
  const date = Date.parse(value);
  if (Number.isNaN(date))
    throw new UsageError(`--expires: give a duration (30d, 12h, 90m) or an ISO 8601 time, not '${value}'`);
  return new Date(date).toISOString();
}
