import { EventPattern } from '@nestjs/microservices';
import type { EventDefinition } from '@slipway/contracts';
import { JETSTREAM_TRANSPORT } from './jetstream.transport-id';

/**
 * Marks a controller method as the JetStream handler of `def`:
 * `@OnEvent(ModelVersionPromoted) onPromoted(@Payload() event, @Ctx() ctx: JetStreamContext)`.
 * Equivalent to `@EventPattern(def.type)`, bound to the JetStream transport only (a hybrid app's
 * NATS request/reply server does not subscribe to it), and typed so a `JetStreamContext`
 * parameter type-checks (Nest 12's typed `@EventPattern(topic)` overload refuses it).
 */
export function OnEvent(def: EventDefinition): MethodDecorator {
  return EventPattern<string>(def.type, JETSTREAM_TRANSPORT);
}
