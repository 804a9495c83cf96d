import { decodeRpcReply, encodeRpcRequest } from './rpc-wire';

describe('rpc wire - Nest NATS format', () => {
  it('encodes a request as pattern, data and id', () => {
    expect(JSON.parse(encodeRpcRequest('slipway.rpc.a.b', { x: 1 }, 'id-1'))).toEqual({
      pattern: 'slipway.rpc.a.b',
      data: { x: 1 },
      id: 'id-1',
    });
  });

  it('decodes a response', () => {
    expect(decodeRpcReply(JSON.stringify({ id: '1', response: { ok: 1 }, isDisposed: true }))).toEqual({
      ok: true,
      response: { ok: 1 },
    });
  });

  it('keeps the code and details of a Slipway error', () => {
    const err = { code: 'REGISTRY.MODEL_NOT_FOUND', message: 'no model churn', details: { name: 'churn' } };
    expect(decodeRpcReply(JSON.stringify({ id: '1', err, isDisposed: true }))).toEqual({
      ok: false,
      error: err,
    });
  });

  it("maps Nest's default error and garbage to COMMON.INTERNAL", () => {
    expect(
      decodeRpcReply(JSON.stringify({ err: { status: 'error', message: 'Internal server error' } })),
    ).toEqual({
      ok: false,
      error: { code: 'COMMON.INTERNAL', message: 'Internal server error' },
    });
    expect(decodeRpcReply('not json')).toMatchObject({ ok: false, error: { code: 'COMMON.INTERNAL' } });
  });
});
