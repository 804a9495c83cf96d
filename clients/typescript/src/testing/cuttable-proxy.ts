import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy to the gateway whose connections can be cut, and which can refuse new ones for a
 * while: a network blip as a long-lived stream (Server-Sent Events) sees it.
 */
export interface CuttableProxy {
  url: string;
  /** Drops every open connection, and refuses new ones until `heal()`. */
  cut(): void;
  heal(): void;
  close(): Promise<void>;
}

export async function startCuttableProxy(target: string): Promise<CuttableProxy> {
  const upstream = new URL(target);
  const open = new Set<Socket>();
  let down = false;
  const server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const remote = connect(Number(upstream.port), upstream.hostname);
    for (const [a, b] of [
      [client, remote],
      [remote, client],
    ] as const) {
      open.add(a);
      a.pipe(b);
      a.on('error', () => b.destroy());
      a.on('close', () => (open.delete(a), b.destroy()));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      down = true;
      for (const socket of open) socket.destroy();
    },
    heal() {
      down = false;
    },
    close: () => {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
