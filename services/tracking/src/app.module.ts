import { Module } from '@nestjs/common';

/** The tracking service's features: experiments, runs, params and tags (Postgres), metrics (ClickHouse), artifacts (NATS object store). */
@Module({ imports: [] })
export class AppModule {}
