import { BaseRpcContext } from '@nestjs/microservices';
import type { JsMsg } from '@nats-io/jetstream';

/**
 * The context of one JetStream delivery, given to `@EventPattern` handlers as `@Ctx()`:
 * which delivery this is, on which subject, and the raw message (headers, stream sequence).
 */
export class JetStreamContext extends BaseRpcContext<[JsMsg, string]> {
  constructor(msg: JsMsg, consumer: string) {
    super([msg, consumer]);
  }

  /** The raw JetStream message. Do not ack it: the transport acks after the handler succeeds. */
  get msg(): JsMsg {
    return this.args[0];
  }

  /** 1 on the first delivery, 2 on the first redelivery, … */
  get deliveryCount(): number {
    return this.args[0].info.deliveryCount;
  }

  /** The concrete subject the event was published on (`slipway.ingest.runs.r1.metrics`). */
  get subject(): string {
    return this.args[0].subject;
  }

  /** The durable consumer that delivered it. */
  get consumer(): string {
    return this.args[1];
  }

  getMessage(): JsMsg {
    return this.msg;
  }

  getSubject(): string {
    return this.subject;
  }

  getDeliveryCount(): number {
    return this.deliveryCount;
  }
}
