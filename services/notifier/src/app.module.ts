import { Module } from '@nestjs/common';

/** The notifier service's features: routes events to Slack, webhooks and e-mail, and acts on the answers. */
@Module({ imports: [] })
export class AppModule {}
