/** One Server-Sent Event: its `event:` name, `id:` and `data:` (lines joined with `\n`). */
export interface SseMessage {
  event: string;
  id: string | undefined;
  data: string;
}

/**
 * Reads the `text/event-stream` format chunk by chunk (chunks may split lines anywhere):
 * `push` returns the events completed so far; comment lines (`: …`) are passed to `onComment`.
 */
export class SseParser {
  private buffer = '';
  private event = '';
  private id: string | undefined;
  private dispatchedId: string | undefined;
  private data: string[] = [];

  constructor(private readonly onComment: (text: string) => void = () => undefined) {}

  /**
   * The `id:` of the last complete frame, also of one without data (what an EventSource resumes
   * from). An `id:` line whose frame has not ended yet does not count: the event is not handed out.
   */
  get lastEventId(): string | undefined {
    return this.dispatchedId;
  }

  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    let end: number;
    while ((end = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      // A '\r' that ends the chunk may be the first half of '\r\n': wait for the next chunk.
      if (end === this.buffer.length - 1 && this.buffer.endsWith('\r')) break;
      const line = this.buffer.slice(0, end);
      const newline = this.buffer.startsWith('\r\n', end) ? 2 : 1;
      this.buffer = this.buffer.slice(end + newline);
      const message = this.line(line);
      if (message) out.push(message);
    }
    return out;
  }

  private line(line: string): SseMessage | undefined {
    if (line === '') {
      this.dispatchedId = this.id;
      if (this.data.length === 0) return undefined;
      const message = { event: this.event || 'message', id: this.id, data: this.data.join('\n') };
      this.event = '';
      this.data = [];
      return message;
    }
    if (line.startsWith(':')) {
      this.onComment(line.slice(1).trim());
      return undefined;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id') this.id = value;
    return undefined;
  }
}
