import { type DynamicModule, type INestApplication, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ALL_EVENTS } from '@slipway/contracts';
import { JetStreamServer, natsRpcOptions, natsRpcReady, SlipwayRpcExceptionFilter } from '@slipway/messaging';
import { createLogger } from '@slipway/telemetry';
import type { Logger } from 'pino';
import { PinoNestLogger } from './logging/pino-nest-logger';
import { RpcTraceInterceptor } from './tracing/rpc-trace.interceptor';
import { ServiceKitModule } from './service-kit.module';
import type { ServiceKitOptions } from './service-kit.options';

/** What a service's `main.ts` hands to {@link bootstrapService}. */
export interface BootstrapOptions extends ServiceKitOptions {
  /** The service's feature modules (its own `AppModule` contents). */
  imports: Array<Type<unknown> | DynamicModule>;
  /** Largest accepted HTTP body in bytes (default 10 MiB). */
  bodyLimit?: number;
}

/** A running service, for tests and for `main.ts`. */
export interface RunningService {
  app: INestApplication;
  logger: Logger;
  url: string;
  close(): Promise<void>;
}

/**
 * Starts a Slipway service: HTTP (fastify) with health and metrics, NATS request/reply in a
 * queue group named after the service, JetStream durable consumers for the events it consumes,
 * graceful shutdown on SIGTERM/SIGINT bounded by SHUTDOWN_TIMEOUT_MS.
 */
export async function bootstrapService(options: BootstrapOptions): Promise<RunningService> {
  const { config, service } = options;
  const logger = createLogger({ service, level: config.LOG_LEVEL });

  @Module({ imports: [ServiceKitModule.forRoot(options, logger), ...options.imports] })
  class RootModule {}

  const app = await NestFactory.create<NestFastifyApplication>(
    RootModule,
    new FastifyAdapter({ bodyLimit: options.bodyLimit ?? 10 * 1024 * 1024 }),
    { logger: new PinoNestLogger(logger), abortOnError: false },
  );
  // Registered before the transports connect: `inheritAppConfig` copies them at connect time.
  app.useGlobalFilters(new SlipwayRpcExceptionFilter());
  app.useGlobalInterceptors(new RpcTraceInterceptor());
  const rpc = app.connectMicroservice(natsRpcOptions({ servers: config.NATS_URL, queue: service }), {
    inheritAppConfig: true,
  });
  if (options.consumes?.length) {
    app.connectMicroservice(
      {
        strategy: new JetStreamServer({
          servers: config.NATS_URL,
          root: config.SLIPWAY_SUBJECT_ROOT,
          durablePrefix: service,
          events: ALL_EVENTS,
          logger,
          ...options.consumer,
        }),
      },
      { inheritAppConfig: true },
    );
  }

  await app.startAllMicroservices();
  // listen() resolves before the server has registered the RPC subscriptions: flush first.
  await natsRpcReady(rpc);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  const url = await app.getUrl();
  logger.info({ url }, `${service} ready`);

  return {
    app,
    logger,
    url,
    close: () => closeWithin(app, config.SHUTDOWN_TIMEOUT_MS, logger),
  };
}

async function closeWithin(app: INestApplication, timeoutMs: number, logger: Logger): Promise<void> {
  const timer = setTimeout(() => {
    logger.error({ timeoutMs }, 'graceful shutdown timed out; exiting');
    process.exit(1);
  }, timeoutMs);
  timer.unref();
  await app.close();
  clearTimeout(timer);
}
