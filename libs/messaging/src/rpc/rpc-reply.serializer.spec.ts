import { EncodedRpcReply } from './encoded-rpc-reply';
import { RpcReplySerializer } from './rpc-reply.serializer';

const serializer = new RpcReplySerializer();
/** What Nest's `NatsRecordSerializer` publishes for a server reply packet (it has no `data`). */
const nest = (packet: object) => JSON.stringify({ ...packet, data: undefined });

describe('rpc reply serializer - Nest wire format, one stringify', () => {
  const value = { name: 'churn', size: 5, values: [1.5, 'NaN', null], text: 'é "quoted" \u2028' };

  it('rpc reply serializer - an encoded reply is byte-for-byte what Nest would send for its value', () => {
    const encoded = { response: new EncodedRpcReply(JSON.stringify(value)), isDisposed: true, id: 'req-1' };
    const plain = { response: value, isDisposed: true, id: 'req-1' };
    const reparsed = jest.spyOn(EncodedRpcReply.prototype, 'toJSON');
    expect(serializer.serialize(encoded)).toEqual({ data: nest(plain), headers: undefined });
    expect(reparsed).not.toHaveBeenCalled();
    reparsed.mockRestore();
    expect(JSON.parse(serializer.serialize(encoded).data)).toEqual(plain);
  });

  it('rpc reply serializer - a packet with only the response keeps it', () => {
    const packet = { response: new EncodedRpcReply('[1,2]') };
    expect(serializer.serialize(packet).data).toBe('{"response":[1,2]}');
  });

  it('rpc reply serializer - errors, the end marker and plain values are written as Nest writes them', () => {
    for (const packet of [
      { err: { code: 'TEST.FAILED', message: 'no' }, id: 'a' },
      { isDisposed: true, id: 'b' },
      { response: value, isDisposed: true, id: 'c' },
    ]) {
      expect(serializer.serialize(packet).data).toBe(nest(packet));
    }
  });

  it('rpc reply serializer - an encoded reply under any other serializer is still its JSON value', () => {
    expect(JSON.stringify({ response: new EncodedRpcReply(JSON.stringify(value)) })).toBe(
      JSON.stringify({ response: value }),
    );
  });

  it('rpc reply serializer - the size counts UTF-8 bytes', () => {
    expect(new EncodedRpcReply('"é"').bytes).toBe(4);
  });
});
