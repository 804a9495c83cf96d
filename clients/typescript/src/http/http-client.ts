import type { z } from 'zod';
import { SdkErrorCodes, SlipwayApiError, SlipwayNetworkError } from '../errors';
import { parseBody } from './parse-body';
import {
  DEFAULT_RETRY_POLICY,
  isRetryable,
  parseRetryAfter,
  retryDelayMs,
  type RetryPolicy,
} from './retry-policy';

/** HTTP methods the API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A query string value; `undefined` leaves the key out, an array repeats it. */
export type QueryValue = string | number | boolean | undefined | readonly string[];

/** What {@link HttpClient} is told about every retry, for logs and tests. */
export interface RetryInfo {
  method: HttpMethod;
  path: string;
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  error: unknown;
}

/** Settings of {@link HttpClient}. */
export interface HttpClientOptions {
  /** The gateway's base URL (`http://localhost:8080`); `/api/v1` is added to paths. */
  url: string;
  /** The API token, sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Per-attempt timeout in ms. Default 30,000. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Called before each retry's wait. */
  onRetry?: (info: RetryInfo) => void;
  /** The fetch to use; default the global one (Node 20+, browsers). */
  fetch?: typeof fetch;
}

/** One request. `body` is sent as JSON; `rawBody` makes a fresh body per attempt (streams). */
export interface RequestSpec {
  method: HttpMethod;
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  rawBody?: () => { body: NonNullable<RequestInit['body']>; headers: Record<string, string> };
  /** Safe to send twice (reads, PUT, DELETE, POSTs carrying an idempotency key). */
  idempotent: boolean;
  /** A body that can be sent only once (a caller's stream) is never retried. */
  replayable?: boolean;
  /** Per-attempt timeout (until the answer's head) overriding the client's; 0 for none. */
  timeoutMs?: number;
  /** Cancels the request (and the reading of its body); an aborted request is not retried. */
  signal?: AbortSignal;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** fetch with the token, timeouts, Slipway's error shape and retries with back-off. No Node-only imports. */
export class HttpClient {
  private readonly base: string;
  private readonly policy: RetryPolicy;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: HttpClientOptions) {
    this.base = `${options.url.replace(/\/+$/, '').replace(/\/api\/v1$/, '')}/api/v1`;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Sends a request and parses its JSON reply with `schema`. */
  async json<T>(spec: RequestSpec, schema: z.ZodType<T>): Promise<T> {
    const res = await this.send(spec);
    const text = await res.text();
    return parseBody(schema, text, `${spec.method} ${spec.path}`);
  }

  /** Sends a request with retries and returns the successful Response (its body unread). */
  async send(spec: RequestSpec): Promise<Response> {
    for (let retry = 0; ; retry++) {
      try {
        return await this.attempt(spec);
      } catch (error) {
        const canRetry =
          !spec.signal?.aborted &&
          retry < this.policy.maxRetries &&
          spec.replayable !== false &&
          isRetryable(error, spec.idempotent);
        if (!canRetry) throw error;
        const retryAfter = error instanceof SlipwayApiError ? error.retryAfterMs : undefined;
        const delayMs = retryDelayMs(this.policy, retry, retryAfter);
        this.options.onRetry?.({ method: spec.method, path: spec.path, retry: retry + 1, delayMs, error });
        await sleep(delayMs);
      }
    }
  }

  private async attempt(spec: RequestSpec): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.token) headers['authorization'] = `Bearer ${this.options.token}`;
    let body: RequestInit['body'];
    if (spec.rawBody) {
      const raw = spec.rawBody();
      body = raw.body;
      Object.assign(headers, raw.headers);
    } else if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      headers['content-type'] = 'application/json';
    }
    const timeoutMs = spec.timeoutMs ?? this.options.timeoutMs ?? 30_000;
    const controller = new AbortController();
    const timer = timeoutMs > 0 ? setTimeout(() => controller.abort(), timeoutMs) : undefined;
    const cancel = () => controller.abort(spec.signal?.reason);
    if (spec.signal?.aborted) cancel();
    spec.signal?.addEventListener('abort', cancel, { once: true });
    let res: Response;
    try {
      const init: RequestInit & { duplex?: 'half' } = {
        method: spec.method,
        headers,
        body,
        signal: controller.signal,
      };
      // A streamed request body needs half duplex in Node's fetch.
      if (body instanceof ReadableStream) init.duplex = 'half';
      res = await this.fetchFn(this.url(spec), init);
    } catch (error) {
      clearTimeout(timer);
      if (spec.signal?.aborted) throw error;
      if (controller.signal.aborted)
        throw new SlipwayNetworkError(
          SdkErrorCodes.TIMEOUT,
          `${spec.method} ${spec.path}: no answer in ${timeoutMs} ms`,
          {
            cause: error,
          },
        );
      throw new SlipwayNetworkError(
        SdkErrorCodes.NETWORK,
        `${spec.method} ${spec.path}: ${describe(error)}`,
        {
          cause: error,
        },
      );
    }
    // The timeout bounds the wait for the answer's head; a body may then stream as long as it takes.
    clearTimeout(timer);
    if (res.ok) return res;
    throw await apiErrorOf(res, spec);
  }

  private url(spec: RequestSpec): string {
    const url = `${this.base}${spec.path}`;
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
    }
    const qs = params.toString();
    return qs ? `${url}?${qs}` : url;
  }
}

async function apiErrorOf(res: Response, spec: RequestSpec): Promise<SlipwayApiError> {
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof body.code === 'string' && typeof body.message === 'string')
      return new SlipwayApiError(res.status, body.code, body.message, body.details ?? null, retryAfterMs);
  } catch {
    // Not Slipway's error shape (a proxy's page): keep the text.
  }
  const message = `${spec.method} ${spec.path}: HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
  return new SlipwayApiError(res.status, SdkErrorCodes.HTTP_ERROR, message, null, retryAfterMs);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
