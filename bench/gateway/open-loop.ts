import * as hdr from 'hdr-histogram-js';
import { connect, type Socket } from 'node:net';

/** One request of an open-loop load. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface OpenLoopOptions {
  /** `http://host:port` of the server under load. */
  origin: string;
  /** Requests per second offered, evenly spaced, whatever the answers. */
  rate: number;
  seconds: number;
  /**
   * Seconds of half the load before the measured ones (connections, JIT, caches), not recorded:
   * a cold server offered the whole rate at once would start the measured part with a backlog.
   */
  warmupSeconds?: number;
  /** Keep-alive connections the requests share (a request waits for a free one: that wait counts). */
  connections: number;
  /** The next request to send. */
  next: () => LoadRequest;
}

export interface OpenLoopResult {
  sent: number;
  /** Answers per second over the measured part. */
  rps: number;
  /** Milliseconds from each request's scheduled send time to its whole answer. */
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  non2xx: number;
  errors: number;
  /** Most the generator itself was late sending a due request (ms): its own share of the latencies. */
  generatorLagMax: number;
  /** The worst latency (ms) of the requests due in each quarter second of the measured part: where the stalls were. */
  worstPerQuarterSecond: number[];
}

interface Due {
  at: number;
  measured: boolean;
}

interface Connection {
  socket: Socket;
  inFlight?: Due;
  received: Buffer;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * Offers `rate` requests/s at evenly spaced instants (an open loop, as wrk2 does) and measures each
 * latency from the instant the request was due, not from when it went out: a server that stalls
 * is charged for every request that should have been sent meanwhile (no coordinated omission),
 * and so is the generator when it is late itself (reported as `generatorLagMax`).
 *
 * Hand-written, on plain sockets: autocannon's `overallRate` is a per-second budget (each
 * connection sends back to back until its share of the second is used, then waits: a closed loop
 * in bursts), wrk2 is not installable here, and an undici pool as the client took a third of a
 * core at 5,000 req/s on this 2-core machine, competing with the services it measures. Replies
 * must carry `content-length` (fastify's do); one request per connection at a time.
 */
export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { hostname, port } = new URL(options.origin);
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000 });
  const warmupRate = options.rate / 2;
  const warmup = Math.round(warmupRate * (options.warmupSeconds ?? 0));
  const total = warmup + Math.round(options.rate * options.seconds);
  const warmupMs = (1000 * warmup) / warmupRate || 0;
  /** When request `i` is due, in ms after the start. */
  const dueAt = (i: number) =>
    i < warmup ? (1000 * i) / warmupRate : warmupMs + (1000 * (i - warmup)) / options.rate;
  let sent = 0;
  let answered = 0;
  let non2xx = 0;
  let errors = 0;
  let generatorLagMax = 0;
  let measuredFrom = 0;
  const worst: number[] = [];
  /** Requests due while every connection was busy, oldest first from `waitingHead`. */
  const waiting: Due[] = [];
  let waitingHead = 0;
  const idle: Connection[] = [];
  let alive = 0;
  let allAnswered: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (allAnswered = resolve));

  const settle = (due: Due, status: number | undefined) => {
    answered++;
    if (due.measured) {
      if (status === undefined) errors++;
      else {
        if (status < 200 || status > 299) non2xx++;
        const latency = performance.now() - due.at;
        histogram.recordValue(Math.round(latency * 1000));
        const quarter = Math.max(0, Math.floor((due.at - measuredFrom) / 250));
        worst[quarter] = Math.max(worst[quarter] ?? 0, latency);
      }
    }
    if (sent === total && answered === total) allAnswered();
  };
  const send = (conn: Connection, due: Due) => {
    const req = options.next();
    const body = req.body ?? '';
    let head = `${req.method} ${req.path} HTTP/1.1\r\nhost: ${hostname}:${port}\r\n`;
    for (const [name, value] of Object.entries(req.headers ?? {})) head += `${name}: ${value}\r\n`;
    if (req.method !== 'GET') head += `content-length: ${Buffer.byteLength(body)}\r\n`;
    conn.inFlight = due;
    conn.socket.write(`${head}\r\n${body}`);
  };
  const dispatch = (due: Due) => {
    const conn = idle.pop();
    if (conn) send(conn, due);
    else if (alive === 0) settle(due, undefined);
    else waiting.push(due);
  };
  const nextWaiting = (): Due | undefined => {
    if (waitingHead === waiting.length) return undefined;
    const due = waiting[waitingHead++];
    if (waitingHead === waiting.length) waiting.length = waitingHead = 0;
    return due;
  };
  const onData = (conn: Connection, chunk: Buffer) => {
    conn.received = conn.received.length ? Buffer.concat([conn.received, chunk]) : chunk;
    for (;;) {
      const end = conn.received.indexOf(HEADER_END);
      if (end < 0 || !conn.inFlight) return;
      const head = conn.received.toString('latin1', 0, end);
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (!length) throw new Error(`open loop: a reply without content-length:\n${head}`);
      const size = end + HEADER_END.length + Number(length[1]);
      if (conn.received.length < size) return;
      const due = conn.inFlight;
      conn.inFlight = undefined;
      conn.received = conn.received.subarray(size);
      settle(due, Number(head.slice(9, 12)));
      const next = nextWaiting();
      if (next) send(conn, next);
      else idle.push(conn);
    }
  };
  const connections = await Promise.all(
    Array.from(
      { length: options.connections },
      () =>
        new Promise<Connection>((resolve, reject) => {
          const socket = connect({ host: hostname, port: Number(port), noDelay: true });
          const conn: Connection = { socket, received: Buffer.alloc(0) };
          let connected = false;
          socket.once('connect', () => {
            connected = true;
            alive++;
            resolve(conn);
          });
          // An error after the connection is up is followed by 'close'.
          socket.on('error', (err) => connected || reject(err));
          socket.on('data', (chunk: Buffer) => onData(conn, chunk));
          socket.on('close', () => {
            if (!connected) return;
            // A closed connection takes no more requests; what it carried counts as an error, and
            // so does what is waiting once no connection is left.
            alive--;
            const at = idle.indexOf(conn);
            if (at >= 0) idle.splice(at, 1);
            if (conn.inFlight) settle(conn.inFlight, undefined);
            conn.inFlight = undefined;
            if (alive === 0) for (let due = nextWaiting(); due; due = nextWaiting()) settle(due, undefined);
          });
        }),
    ),
  );
  idle.push(...connections);

  const start = performance.now();
  measuredFrom = start + warmupMs;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      if (sent < total && sent >= warmup)
        generatorLagMax = Math.max(generatorLagMax, now - (start + dueAt(sent)));
      while (sent < total && start + dueAt(sent) <= now) {
        dispatch({ at: start + dueAt(sent), measured: sent >= warmup });
        sent++;
      }
      // Timers fire about every millisecond: requests due meanwhile go out together, each still
      // timed from its own due instant.
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await finished;
  const elapsedS = (performance.now() - measuredFrom) / 1000;
  for (const conn of connections) conn.socket.destroy();
  const measured = total - warmup;
  const ms = (us: number) => Math.round(us / 100) / 10;
  const result: OpenLoopResult = {
    sent: measured,
    rps: (measured - errors) / elapsedS,
    p50: ms(histogram.getValueAtPercentile(50)),
    p90: ms(histogram.getValueAtPercentile(90)),
    p99: ms(histogram.getValueAtPercentile(99)),
    p999: ms(histogram.getValueAtPercentile(99.9)),
    max: ms(histogram.maxValue),
    non2xx,
    errors,
    generatorLagMax: Math.round(generatorLagMax * 10) / 10,
    worstPerQuarterSecond: Array.from(worst, (ms) => Math.round(ms ?? 0)),
  };
  histogram.destroy();
  return result;
}
