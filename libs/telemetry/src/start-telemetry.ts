import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  NoopSpanProcessor,
  ParentBasedSampler,
} from '@opentelemetry/sdk-trace-base';

/** What a service passes to {@link startTelemetry}. */
export interface TelemetryOptions {
  /** `service.name` of every span and metric (`OTEL_SERVICE_NAME` or the service's own name). */
  serviceName: string;
  /** OTLP/HTTP collector base URL (`http://127.0.0.1:4318`); traces are exported only when set. */
  otlpEndpoint?: string;
  /** Collect metrics for Prometheus (default true); the service serves them on its own HTTP port. */
  metrics?: boolean;
  /**
   * Trace incoming HTTP requests with OpenTelemetry's http instrumentation (default true). A
   * service whose HTTP edge makes its own server spans turns it off: the instrumentation binds
   * every request's emitters and runs the whole request in an async context, which on this
   * machine halved the requests/s a fastify service answers. Outgoing requests stay traced.
   */
  incomingHttp?: boolean;
}

/** The running SDK. */
export interface Telemetry {
  readonly serviceName: string;
  /** Flushes pending spans and stops the SDK; a later {@link startTelemetry} starts afresh. */
  shutdown(): Promise<void>;
}

/** Content type of the Prometheus text exposition format. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

let running: Telemetry | undefined;
let prometheus: PrometheusExporter | undefined;

/** Paths that would only add noise as traces: scrapes and probes. */
const isProbe = (url = '') => url.startsWith('/metrics') || url.startsWith('/health');

function traceExporterUrl(endpoint: string): string {
  const base = endpoint.replace(/\/+$/, '');
  return base.endsWith('/v1/traces') ? base : `${base}/v1/traces`;
}

/**
 * Starts OpenTelemetry for this process: HTTP and pg instrumentation, W3C trace-context and
 * baggage propagation, OTLP/HTTP trace export when `otlpEndpoint` is set, Prometheus metrics
 * read on demand (no extra server). Without an exporter a trace started here is not recorded
 * (nothing would read it, and recording a span per request cost a tenth of the gateway's CPU), but
 * its spans still get real ids, so logs carry trace ids and the W3C context still travels; a
 * caller's sampled trace is continued and recorded as usual. Idempotent: later calls return the
 * running instance.
 *
 * Call it from the service's `src/instrumentation.ts`, imported on the first line of `main.ts`:
 * instrumentations only patch modules loaded after them.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  if (running) return running;
  const exporter =
    options.metrics === false ? undefined : new PrometheusExporter({ preventServerStart: true });
  const instrumentations = [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => isProbe(request.url),
      disableIncomingRequestInstrumentation: options.incomingHttp === false,
    }),
    new PgInstrumentation(),
  ];
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    spanProcessors: [
      options.otlpEndpoint
        ? new BatchSpanProcessor(new OTLPTraceExporter({ url: traceExporterUrl(options.otlpEndpoint) }))
        : new NoopSpanProcessor(),
    ],
    ...(options.otlpEndpoint ? {} : { sampler: new ParentBasedSampler({ root: new AlwaysOffSampler() }) }),
    metricReaders: exporter ? [exporter] : [],
    // Logs go through pino to stdout; without this the SDK would start an OTLP log exporter.
    logRecordProcessors: [],
    textMapPropagator: new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
    instrumentations,
  });
  sdk.start();
  prometheus = exporter;
  const telemetry: Telemetry = {
    serviceName: options.serviceName,
    shutdown: async () => {
      if (running !== telemetry) return;
      running = undefined;
      prometheus = undefined;
      await sdk.shutdown();
      // NodeSDK leaves its globals registered, which would make a restart a silent no-op.
      for (const instrumentation of instrumentations) instrumentation.disable();
      trace.disable();
      metrics.disable();
      propagation.disable();
      context.disable();
    },
  };
  running = telemetry;
  return telemetry;
}

/** Whether {@link startTelemetry} is running with metrics on. */
export function metricsEnabled(): boolean {
  return prometheus !== undefined;
}

/**
 * The current metrics in Prometheus text format (serve with {@link PROMETHEUS_CONTENT_TYPE}
 * on `GET /metrics`); empty when metrics are off or telemetry is not started.
 */
export async function renderPrometheusMetrics(): Promise<string> {
  if (!prometheus) return '';
  const { resourceMetrics } = await prometheus.collect();
  return new PrometheusSerializer().serialize(resourceMetrics);
}

/**
 * A Node `http` handler answering with the metrics (mount it on `GET /metrics`; with Fastify,
 * `reply.hijack()` then call it with `request.raw, reply.raw`), or `undefined` when metrics are off.
 */
export function getMetricsHandler():
  ((request: IncomingMessage, response: ServerResponse) => void) | undefined {
  const exporter = prometheus;
  return exporter && ((request, response) => exporter.getMetricsRequestHandler(request, response));
}
