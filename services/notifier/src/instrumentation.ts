import { startTelemetry } from '@slipway/telemetry';

// Loaded by the first line of main.ts, before NestJS, pg or fastify are required, so they are instrumented.
startTelemetry({ serviceName: 'slipway-notifier' });
