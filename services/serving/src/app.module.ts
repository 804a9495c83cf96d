import { Module } from '@nestjs/common';

/** The serving service's features: online inference that follows promotions, prediction log (ClickHouse). */
@Module({ imports: [] })
export class AppModule {}
