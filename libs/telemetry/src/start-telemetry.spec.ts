import { context, metrics, trace } from '@opentelemetry/api';
import {
  getMetricsHandler,
  metricsEnabled,
  renderPrometheusMetrics,
  startTelemetry,
} from './start-telemetry';
import { withSpan } from './with-span';

describe('startTelemetry', () => {
  test('idempotent - a second call returns the running instance', async () => {
    const first = startTelemetry({ serviceName: 'tracking' });
    try {
      expect(startTelemetry({ serviceName: 'other' })).toBe(first);
    } finally {
      await first.shutdown();
    }
  });

  test('metrics - a counter shows up in the Prometheus text without a metrics server', async () => {
    const telemetry = startTelemetry({ serviceName: 'tracking' });
    try {
      metrics.getMeter('test').createCounter('slipway_runs_created').add(3, { experiment: 'e1' });
      const text = await renderPrometheusMetrics();
      expect(text).toContain('# TYPE slipway_runs_created_total counter');
      expect(text).toMatch(/slipway_runs_created_total\{experiment="e1"[^}]*\} 3/);
      expect(text).toContain('service_name="tracking"');
      expect(getMetricsHandler()).toBeInstanceOf(Function);
      expect(metricsEnabled()).toBe(true);
    } finally {
      await telemetry.shutdown();
    }
    await expect(renderPrometheusMetrics()).resolves.toBe('');
  });

  test('metrics off - nothing to collect', async () => {
    const telemetry = startTelemetry({ serviceName: 'tracking', metrics: false });
    try {
      await expect(renderPrometheusMetrics()).resolves.toBe('');
      expect(getMetricsHandler()).toBeUndefined();
      expect(metricsEnabled()).toBe(false);
    } finally {
      await telemetry.shutdown();
    }
  });

  test('no exporter - a trace started here is not recorded but its spans get ids for log correlation', async () => {
    const telemetry = startTelemetry({ serviceName: 'tracking' });
    try {
      const { spanContext, recording } = await withSpan('x', {}, (span) => ({
        spanContext: span.spanContext(),
        recording: span.isRecording(),
      }));
      expect(trace.isSpanContextValid(spanContext)).toBe(true);
      expect(recording).toBe(false);
      expect(spanContext.traceFlags & 1).toBe(0);
    } finally {
      await telemetry.shutdown();
    }
  });

  test('no exporter - a sampled caller trace is continued: same trace id, still sampled', async () => {
    const telemetry = startTelemetry({ serviceName: 'tracking' });
    try {
      const parent = trace.wrapSpanContext({
        traceId: '0af7651916cd43dd8448eb211c80319c',
        spanId: 'b7ad6b7169203331',
        traceFlags: 1,
      });
      const spanContext = await context.with(trace.setSpan(context.active(), parent), () =>
        withSpan('x', {}, (span) => span.spanContext()),
      );
      expect(spanContext.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
      expect(spanContext.spanId).not.toBe('b7ad6b7169203331');
      expect(spanContext.traceFlags & 1).toBe(1);
    } finally {
      await telemetry.shutdown();
    }
  });
});
