import type { Serializer } from '@nestjs/microservices';
import { EncodedRpcReply } from './encoded-rpc-reply';

/** What Nest's `ServerNats` hands to its serializer: `{ response | err | isDisposed, id }`. */
interface ReplyPacket {
  response?: unknown;
  [field: string]: unknown;
}

/** The message body and headers `ServerNats` publishes as the reply. */
export interface SerializedRpcReply {
  data: string;
  headers: undefined;
}

/**
 * The reply serializer of {@link natsRpcOptions}. It writes Nest's reply packet exactly as
 * Nest's `NatsRecordSerializer` does for a server reply (`JSON.stringify` of
 * `{ response, isDisposed, id }`), except that a response which is an {@link EncodedRpcReply}
 * is spliced in as its JSON text instead of being stringified a second time.
 */
export class RpcReplySerializer implements Serializer<ReplyPacket, SerializedRpcReply> {
  serialize(packet: ReplyPacket): SerializedRpcReply {
    if (!(packet.response instanceof EncodedRpcReply))
      return { data: JSON.stringify(packet), headers: undefined };
    const { response, ...rest } = packet;
    const tail = JSON.stringify(rest);
    const data =
      tail === '{}' ? `{"response":${response.json}}` : `{"response":${response.json},${tail.slice(1)}`;
    return { data, headers: undefined };
  }
}
