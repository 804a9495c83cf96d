import { createWriteStream, type WriteStream } from 'node:fs';

/** Appends a process's lines to a file (nats-server and Postgres stamp their own times). */
export class LogFile {
  private readonly stream: WriteStream;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { flags: 'a' });
    this.stream.on('error', () => undefined);
  }

  write(line: string): void {
    this.stream.write(`${line}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }
}
