import { Controller, Get, Header } from '@nestjs/common';
import { renderPrometheusMetrics } from '@slipway/telemetry';

/** `GET /metrics`: the service's OpenTelemetry metrics in Prometheus text format. */
@Controller()
export class MetricsController {
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return renderPrometheusMetrics();
  }
}
