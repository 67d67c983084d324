/**
 * OpenTelemetry tracing for a process: imported first by each app's main.ts, before Nest, Express,
 * GraphQL and pg are loaded, because the instrumentations patch those modules as they are required.
 * Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set: then nothing of OpenTelemetry is even loaded, and a
 * default start costs nothing.
 */
import { startTracing } from './tracing';

export { stopTracing } from './tracing';

startTracing(process.env);
