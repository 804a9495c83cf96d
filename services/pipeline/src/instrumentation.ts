import { startServiceTelemetry } from '@slipway/telemetry';

// Imported by the first line of main.ts, before NestJS, pg or fastify load, so they are instrumented.
startServiceTelemetry('pipeline');
