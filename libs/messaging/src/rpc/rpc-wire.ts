import { CommonErrorCodes, type ErrorBody } from '@slipway/contracts';
import { z } from 'zod';

/**
 * NestJS's NATS wire format (`ClientNats` / `ServerNats` with their JSON (de)serializers):
 * a request is `{ pattern, data, id }`, a reply `{ id, response?, err?, isDisposed? }`.
 * Kept here so any process, Nest or not, can speak to a `@MessagePattern` handler.
 */
export interface NestRpcRequest {
  pattern: string;
  data: unknown;
  id: string;
}

const replySchema = z.object({
  id: z.string().optional(),
  response: z.unknown().optional(),
  err: z.unknown().optional(),
  isDisposed: z.boolean().optional(),
});

/** A decoded reply: a value, or an error in Slipway's wire shape. */
export type RpcReply = { ok: true; response: unknown } | { ok: false; error: ErrorBody };

const errorBodySchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** The request body Nest's `ServerNats` expects. */
export function encodeRpcRequest(pattern: string, data: unknown, id: string): string {
  const request: NestRpcRequest = { pattern, data, id };
  return JSON.stringify(request);
}

/**
 * Decodes a reply body. An error that is not a Slipway `{ code, message }` (Nest's default
 * `{ status: 'error', message }`, a bare string) becomes `COMMON.INTERNAL` with its message.
 */
export function decodeRpcReply(body: string): RpcReply {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, error: { code: CommonErrorCodes.INTERNAL, message: 'reply is not JSON' } };
  }
  const reply = replySchema.safeParse(json);
  if (!reply.success)
    return {
      ok: false,
      error: { code: CommonErrorCodes.INTERNAL, message: 'reply is not a Nest RPC packet' },
    };
  if (reply.data.err === undefined || reply.data.err === null)
    return { ok: true, response: reply.data.response };
  const err = reply.data.err;
  const slipwayError = errorBodySchema.safeParse(err);
  if (slipwayError.success) return { ok: false, error: slipwayError.data as ErrorBody };
  const message =
    typeof err === 'string'
      ? err
      : err && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string'
        ? (err as { message: string }).message
        : 'remote error';
  return { ok: false, error: { code: CommonErrorCodes.INTERNAL, message } };
}
