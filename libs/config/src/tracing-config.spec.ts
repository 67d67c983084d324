import { loadAppConfig } from './app-config';

function tracingFor(env: NodeJS.ProcessEnv) {
  const result = loadAppConfig(env);
  return result.ok ? { tracing: result.config.tracing, problems: [] } : { tracing: undefined, problems: result.problems };
}

describe('tracing configuration', () => {
  it('is off by default, with the SDK defaults for the rest', () => {
    expect(tracingFor({}).tracing).toEqual({ protocol: 'http/protobuf', sampler: 'parentbased_always_on' });
  });

  it('reads the standard OTEL_* variables', () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'marketplace-eu-1',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
    };
    expect(tracingFor(env).tracing).toEqual({
      endpoint: 'http://collector:4318',
      protocol: 'http/json',
      serviceName: 'marketplace-eu-1',
      sampler: 'parentbased_traceidratio',
      samplerRatio: 0.25,
    });
  });

  it('names a bad value', () => {
    expect(
      tracingFor({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'thrift',
        OTEL_TRACES_SAMPLER: 'sometimes',
        OTEL_TRACES_SAMPLER_ARG: '1.5',
      }).problems,
    ).toEqual([
      expect.stringMatching(/^OTEL_TRACES_SAMPLER_ARG must be a ratio from 0 to 1/),
      expect.stringMatching(/^OTEL_EXPORTER_OTLP_ENDPOINT must be a URL starting with http:\/\/ or https:\/\//),
      expect.stringMatching(/^OTEL_EXPORTER_OTLP_PROTOCOL must be one of http\/protobuf, http\/json, grpc/),
      expect.stringMatching(/^OTEL_TRACES_SAMPLER must be one of always_on/),
    ]);
  });
});
