import { startServiceTelemetry } from '@slipway/telemetry';

// Imported by the first line of main.ts, before NestJS, pg or fastify load, so they are instrumented.
// The API makes its own server spans (http/request-span.ts), far cheaper than the http instrumentation's.
startServiceTelemetry('gateway', process.env, { incomingHttp: false });
