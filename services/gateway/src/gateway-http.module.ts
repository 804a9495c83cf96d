import {
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
  type DynamicModule,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NatsConnection } from '@nats-io/transport-node';
import { ArtifactStore } from '@slipway/artifacts';
import { type EventPublisher, RpcClient } from '@slipway/messaging';
import { DATA_SOURCE, EVENT_PUBLISHER, LOGGER, NATS_CONNECTION } from '@slipway/runtime';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ActiveRunsCache } from './api/active-runs.cache';
import { artifactRoutes } from './api/artifacts.routes';
import { metricsIngestRoute } from './api/metrics-ingest.route';
import { RunMetricsWriter } from './api/run-metrics.writer';
import { auditRoutes } from './api/audit.routes';
import { registryAdminRoutes } from './api/registry-admin.routes';
import { registryRoutes } from './api/registry.routes';
import { tokenRoutes } from './api/tokens.routes';
import { trackingQueryRoutes } from './api/tracking-query.routes';
import { trackingWriteRoutes } from './api/tracking-write.routes';
import { AuditLogWriter } from './audit/audit-log.writer';
import { ensureAdminToken } from './auth/admin-token.bootstrap';
import { TokensRepository } from './auth/tokens.repository';
import { TokensService } from './auth/tokens.service';
import type { GatewayConfig } from './config/gateway.config';
import { eventsRoute } from './events/events.route';
import { registerApi } from './http/api.plugin';
import { registerCors } from './http/cors.plugin';
import type { GatewayRoute } from './http/gateway-route';
import { registerDocs } from './openapi/docs.routes';
import { openApiDocument } from './openapi/openapi.document';

const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
const USAGE_FLUSH_MS = 10_000;

/** Extra routes a feature adds to the gateway (the MLflow-compatible API, for one). */
export type RouteFactory = (deps: {
  rpc: RpcClient;
  nc: NatsConnection;
  store: ArtifactStore;
  config: GatewayConfig;
  /** Metric writes that coalesce concurrent requests per run. */
  metricsWriter: RunMetricsWriter;
}) => GatewayRoute[];

/**
 * The gateway's HTTP edge: registers every route (REST `/api/v1`, MLflow `/api/2.0/mlflow`, live
 * events) on the fastify instance, plus `/openapi.json` and `/docs`, and makes sure an admin
 * token exists.
 */
@Injectable()
class GatewayHttp implements OnModuleInit, OnApplicationShutdown {
  private usageTimer: NodeJS.Timeout | undefined;
  private audit: AuditLogWriter | undefined;
  private tokens: TokensService | undefined;

  constructor(
    private readonly adapter: HttpAdapterHost,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject('GATEWAY_ROUTE_FACTORIES') private readonly factories: RouteFactory[],
  ) {}

  async onModuleInit(): Promise<void> {
    const { config } = this;
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    const rpc = new RpcClient(this.nc, { timeoutMs: config.GATEWAY_RPC_TIMEOUT_MS });
    const store = await ArtifactStore.open(this.nc);
    const metricsWriter = new RunMetricsWriter(rpc, this.publisher, {
      asyncLingerMs: config.GATEWAY_METRICS_LINGER_MS,
    });
    this.tokens = new TokensService(new TokensRepository(this.db), {
      cacheMs: config.GATEWAY_TOKEN_CACHE_MS,
    });
    this.audit = new AuditLogWriter(this.db, this.logger);
    const routes: GatewayRoute[] = [
      ...tokenRoutes(this.tokens),
      ...auditRoutes(this.db),
      ...trackingQueryRoutes,
      ...trackingWriteRoutes(this.nc, config.SLIPWAY_SUBJECT_ROOT, metricsWriter),
      metricsIngestRoute(this.publisher, metricsWriter, new ActiveRunsCache()),
      ...artifactRoutes(store, config.ARTIFACTS_MAX_BYTES),
      ...registryRoutes,
      ...registryAdminRoutes,
      eventsRoute(this.nc, config.SLIPWAY_SUBJECT_ROOT),
      ...this.factories.flatMap((f) => f({ rpc, nc: this.nc, store, config, metricsWriter })),
    ];
    await registerCors(fastify, config.GATEWAY_CORS_ORIGINS);
    await registerApi(fastify, {
      routes,
      tokens: this.tokens,
      audit: this.audit,
      rpc,
      logger: this.logger,
      rateLimitMax: config.GATEWAY_RATE_LIMIT_MAX,
      rateLimitWindowMs: config.GATEWAY_RATE_LIMIT_WINDOW_MS,
    });
    let document: unknown;
    registerDocs(fastify, () => (document ??= openApiDocument(routes, '0.1.0')));
    await ensureAdminToken(this.tokens, config, this.logger);
    const tokens = this.tokens;
    this.usageTimer = setInterval(() => {
      tokens.flushUsage().catch((err: unknown) => this.logger.warn({ err }, 'could not record token usage'));
    }, USAGE_FLUSH_MS);
    this.usageTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.usageTimer);
    await this.audit?.close();
    await this.tokens?.flushUsage().catch(() => undefined);
  }
}

/** The gateway's features; `extraRoutes` are factories of further routes (the MLflow-compatible API). */
@Module({})
export class GatewayHttpModule {
  static forRoot(config: GatewayConfig, extraRoutes: RouteFactory[] = []): DynamicModule {
    return {
      module: GatewayHttpModule,
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: 'GATEWAY_ROUTE_FACTORIES', useValue: extraRoutes },
        GatewayHttp,
      ],
    };
  }
}
