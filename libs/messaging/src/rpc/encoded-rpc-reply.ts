/**
 * A request/reply result already serialised to JSON by the handler, so a large reply is
 * stringified once: {@link RpcReplySerializer} splices `json` into Nest's reply packet as is.
 * Handlers built with `@RpcMethod` return it (after checking `bytes` against one NATS message).
 */
export class EncodedRpcReply {
  /** UTF-8 length of `json`. */
  readonly bytes: number;

  constructor(readonly json: string) {
    this.bytes = Buffer.byteLength(json);
  }

  /** Under any other serializer (Nest's own JSON one) the reply is still the same JSON value. */
  toJSON(): unknown {
    return JSON.parse(this.json) as unknown;
  }
}
