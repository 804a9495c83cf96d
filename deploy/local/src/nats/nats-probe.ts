import { Socket } from 'node:net';

/** What a NATS server says about itself in the INFO line it sends on connect. */
export interface NatsServerInfo {
  version?: string;
  jetstream: boolean;
}

/** Connects to host:port and reads the server's INFO line; undefined when nothing NATS answers. */
export function probeNats(host: string, port: number, timeoutMs = 2000): Promise<NatsServerInfo | undefined> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let buffer = '';
    const done = (info: NatsServerInfo | undefined) => {
      socket.destroy();
      resolve(info);
    };
    socket.setTimeout(timeoutMs, () => done(undefined));
    socket.once('error', () => done(undefined));
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const end = buffer.indexOf('\r\n');
      if (end < 0) return;
      done(parseInfoLine(buffer.slice(0, end)));
    });
    socket.connect(port, host);
  });
}

/** Parses `INFO {json}`; undefined for anything else. */
export function parseInfoLine(line: string): NatsServerInfo | undefined {
  if (!line.startsWith('INFO ')) return undefined;
  try {
    const info = JSON.parse(line.slice(5)) as { version?: unknown; jetstream?: unknown };
    return {
      version: typeof info.version === 'string' ? info.version : undefined,
      jetstream: info.jetstream === true,
    };
  } catch {
    return undefined;
  }
}

/** Host and port of one `nats://host:port` URL (4222 when the port is left out). */
export function natsAddress(url: string): { host: string; port: number } {
  const parsed = new URL(url.trim());
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: parsed.port ? Number(parsed.port) : 4222 };
}
