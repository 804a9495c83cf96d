import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { DEPENDENCY_CHECKS, type DependencyCheck } from './dependency-check';
import { buildHealthReport, type HealthReport } from './health-report';
import { SERVICE_NAME } from '../service-name';

const CHECK_TIMEOUT_MS = 2_000;

/** Liveness and readiness of this service: ready while every dependency answers and it is not stopping. */
@Injectable()
export class HealthService implements BeforeApplicationShutdown {
  private readonly startedAt = Date.now();
  private shuttingDown = false;

  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(DEPENDENCY_CHECKS) private readonly checks: DependencyCheck[],
  ) {}

  readiness(): Promise<HealthReport> {
    return buildHealthReport(this.service, this.checks, this.startedAt, CHECK_TIMEOUT_MS, this.shuttingDown);
  }

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }
}
