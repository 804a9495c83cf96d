import { Module } from '@nestjs/common';

/** The gateway service's features: the one HTTP edge: REST API, MLflow-compatible API, auth, live events. */
@Module({ imports: [] })
export class AppModule {}
