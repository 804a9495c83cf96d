import type { z } from 'zod';

/** The default first token of request/reply subjects (core NATS, never stored in a stream). */
export const RPC_ROOT = 'slipway.rpc';

/**
 * A request/reply operation between services: core NATS subject
 * `slipway.rpc.<service>.<method>`, answered by a queue group so any replica can reply.
 */
export interface RpcDefinition<TReq extends z.ZodType = z.ZodType, TRes extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly service: string;
  readonly method: string;
  /** `slipway.rpc.<service>.<method>` */
  readonly subject: string;
  readonly request: TReq;
  readonly response: TRes;
  readonly description: string;
  /**
   * A fast check of a large reply as it arrives, for `RpcClient`: true only for a value that
   * `response` parses to an equal value (so only for a schema without codecs or defaults); the
   * value is then used as is, without zod's copy. False leaves the value to `response`, which
   * names what is wrong. Absent: every reply is parsed with `response`.
   */
  readonly responseGuard?: (value: unknown) => boolean;
}

/** A request as the handler sees it (parsed, defaults applied). */
export type RpcRequest<D extends RpcDefinition> = z.infer<D['request']>;
/** A request as a caller may write it (optional fields with defaults may be left out). */
export type RpcRequestInput<D extends RpcDefinition> = z.input<D['request']>;
export type RpcResponse<D extends RpcDefinition> = z.infer<D['response']>;

export function defineRpc<TReq extends z.ZodType, TRes extends z.ZodType>(def: {
  name: string;
  service: string;
  method: string;
  request: TReq;
  response: TRes;
  description: string;
  responseGuard?: (value: unknown) => boolean;
}): RpcDefinition<TReq, TRes> {
  return Object.freeze({ ...def, subject: `${RPC_ROOT}.${def.service}.${def.method}` });
}
