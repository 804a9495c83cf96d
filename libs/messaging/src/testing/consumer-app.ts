import { Controller, Inject, type INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { CloudEvent } from '@slipway/contracts';
import { trace } from '@opentelemetry/api';
import type { JetStreamContext } from '../jetstream.context';
import { JetStreamServer } from '../jetstream.server';
import type { JetStreamServerOptions } from '../jetstream-server.options';
import { silentLogger } from '../logger';
import { OnEvent } from '../on-event.decorator';
import { SlipwayRpcExceptionFilter } from '../rpc/slipway-rpc-exception.filter';
import { RunPointLogged, TEST_EVENTS, ThingHappened, type ThingData } from './test-events';

/** One call of the test handler. */
export interface ProbeCall {
  event: CloudEvent<ThingData>;
  deliveryCount: number;
  subject: string;
  traceId?: string;
}

/** What the test handler does and saw; tests set `behaviour` and read `calls` / `handled`. */
export class Probe {
  readonly calls: ProbeCall[] = [];
  /** Events whose handler resolved. */
  readonly handled: CloudEvent<ThingData>[] = [];
  /** Values of the `RunPointLogged` events handled. */
  readonly points: number[] = [];
  behaviour: (event: CloudEvent<ThingData>, ctx: JetStreamContext) => unknown = () => undefined;

  handledNs(): number[] {
    return this.handled.map((e) => e.data.n);
  }
}

const PROBE = Symbol('PROBE');

@Controller()
class ThingController {
  constructor(@Inject(PROBE) private readonly probe: Probe) {}

  @OnEvent(ThingHappened)
  async onThing(@Payload() event: CloudEvent<ThingData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    this.probe.calls.push({
      event,
      deliveryCount: ctx.deliveryCount,
      subject: ctx.subject,
      traceId: trace.getActiveSpan()?.spanContext().traceId,
    });
    await this.probe.behaviour(event, ctx);
    this.probe.handled.push(event);
  }
}

/** Declared with plain `@EventPattern` (Nest 12 types it only with an explicit `<string>` or an untyped payload). */
@Controller()
class PointsController {
  constructor(@Inject(PROBE) private readonly probe: Probe) {}

  @EventPattern<string>(RunPointLogged.type)
  onPoint(@Payload() event: CloudEvent<{ value: number }>): void {
    this.probe.points.push(event.data.value);
  }
}

/** A real NestJS microservice on the JetStream transport whose one handler is driven by `probe`. */
export async function startConsumerApp(
  probe: Probe,
  options: Omit<JetStreamServerOptions, 'events' | 'durablePrefix'> &
    Partial<Pick<JetStreamServerOptions, 'durablePrefix'>>,
): Promise<INestMicroservice> {
  @Module({
    controllers: [ThingController, PointsController],
    providers: [{ provide: PROBE, useValue: probe }],
  })
  class ConsumerTestModule {}

  const app = await NestFactory.createMicroservice(ConsumerTestModule, {
    strategy: new JetStreamServer({
      durablePrefix: 'testsvc',
      events: TEST_EVENTS,
      logger: silentLogger,
      ...options,
    }),
    logger: false,
  });
  app.useGlobalFilters(new SlipwayRpcExceptionFilter());
  await app.listen();
  return app;
}
