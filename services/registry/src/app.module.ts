import { Module } from '@nestjs/common';

/** The registry service's features: event-sourced model registry with gated promotion. */
@Module({ imports: [] })
export class AppModule {}
