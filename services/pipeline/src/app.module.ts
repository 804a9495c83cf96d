import { Module } from '@nestjs/common';

/** The pipeline service's features: pipeline definitions, schedules, runs and the task workers. */
@Module({ imports: [] })
export class AppModule {}
