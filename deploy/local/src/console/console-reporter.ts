import { formatLogLine } from '../logs/format-log-line';
import type { Paint } from '../logs/paint';
import { prefixFor } from '../logs/prefix-lines';

/** Everything `npm start` prints goes through here. */
export class ConsoleReporter {
  private readonly width: number;

  constructor(
    private readonly paint: Paint,
    private readonly sources: readonly string[],
    private readonly out: (text: string) => void = (text) => process.stdout.write(text),
  ) {
    this.width = Math.max('slipway'.length, ...sources.map((s) => s.length));
  }

  info(message: string): void {
    this.write('slipway', message);
  }

  warn(message: string): void {
    this.write('slipway', this.paint('yellow', message));
  }

  error(message: string): void {
    this.write('slipway', this.paint('red', message));
  }

  /** A raw block (the summary table), printed without prefixes. */
  block(lines: string[]): void {
    this.out(lines.map((l) => `${l}\n`).join(''));
  }

  /** One line a service wrote, JSON logs made compact. */
  serviceLine(source: string, line: string, stream: 'stdout' | 'stderr'): void {
    const formatted = formatLogLine(line, this.paint);
    const lines =
      stream === 'stderr' && formatted.length === 1 && formatted[0] === line
        ? [this.paint('yellow', line)]
        : formatted;
    for (const text of lines) this.write(source, text);
  }

  /** Lines kept from a process that died, repeated so they are the last thing on screen. */
  replay(source: string, lines: string[]): void {
    for (const line of lines) for (const text of formatLogLine(line, this.paint)) this.write(source, text);
  }

  private write(source: string, text: string): void {
    const index = this.sources.indexOf(source);
    const prefix =
      source === 'slipway'
        ? this.paint('bold', `[slipway]`.padEnd(this.width + 2))
        : prefixFor(source, this.width, index < 0 ? 0 : index, this.paint);
    this.out(`${prefix} ${text}\n`);
  }
}
