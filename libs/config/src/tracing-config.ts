import { EnvReader } from './env-reader';

export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json', 'grpc'] as const;
export const TRACE_SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

/**
 * OpenTelemetry tracing, in the standard OTEL_* variables: libs/tracing (imported first by each
 * process) starts the SDK from them when OTEL_EXPORTER_OTLP_ENDPOINT is set, and the SDK reads them
 * itself. They are read here too so that a bad value stops the process with one line, as any other.
 */
export interface TracingConfig {
  /** The collector's base URL (the exporter posts to `<endpoint>/v1/traces`); absent: tracing off, nothing of OpenTelemetry loaded. */
  endpoint?: string;
  protocol: (typeof OTLP_PROTOCOLS)[number];
  /** OTEL_SERVICE_NAME; absent: `marketplace-api`, `marketplace-worker` or `marketplace-cli`. */
  serviceName?: string;
  sampler: (typeof TRACE_SAMPLERS)[number];
  /** The ratio of the `*traceidratio` samplers, 0 to 1. */
  samplerRatio?: number;
}

export function readTracing(read: EnvReader): TracingConfig {
  const ratio = read.optionalPattern('OTEL_TRACES_SAMPLER_ARG', /^(0(\.\d+)?|1(\.0+)?|\.\d+)$/, 'a ratio from 0 to 1 (e.g. 0.1)');
  return {
    endpoint: read.optionalUrl('OTEL_EXPORTER_OTLP_ENDPOINT', ['http:', 'https:']),
    protocol: read.oneOf('OTEL_EXPORTER_OTLP_PROTOCOL', OTLP_PROTOCOLS, 'http/protobuf'),
    serviceName: read.optionalString('OTEL_SERVICE_NAME', { minLength: 1 }),
    sampler: read.oneOf('OTEL_TRACES_SAMPLER', TRACE_SAMPLERS, 'parentbased_always_on'),
    samplerRatio: ratio === undefined ? undefined : Number(ratio),
  };
}
