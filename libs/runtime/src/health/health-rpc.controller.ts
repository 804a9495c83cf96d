import { Controller, type Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { HealthReport } from './health-report';
import { HealthService } from './health.service';

/** The NATS side of health: a controller answering `slipway.rpc.<service>.health` with the readiness report. */
export function createHealthRpcController(subject: string): Type<unknown> {
  @Controller()
  class HealthRpcController {
    constructor(private readonly health: HealthService) {}

    @MessagePattern(subject)
    health_(): Promise<HealthReport> {
      return this.health.readiness();
    }
  }
  return HealthRpcController;
}
