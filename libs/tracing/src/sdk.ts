/**
 * The OpenTelemetry SDK and the four instrumentations we trace with, loaded by tracing.ts only when
 * tracing is on. Kept lean for cost: no GraphQL resolver spans (the operation, parse, validate and
 * execute spans stay), no Express middleware spans (routers and handlers stay), no probes (health,
 * metrics), and no pg or outgoing HTTP span without a parent (the worker's polling, the job queue's
 * listener): SQL is traced as part of a request. Traces only: metrics are Prometheus's (/metrics) and
 * logs pino's, so the SDK's own metric and log exporters (on by default) are given none.
 */
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';

const PROBES = /^\/(health|metrics)(\/|\?|$)/;

export function tracingSdk({ serviceName }: { serviceName?: string }): NodeSDK {
  return new NodeSDK({
    serviceName,
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => PROBES.test(request.url ?? ''),
        requireParentforOutgoingSpans: true,
      }),
      new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
      new GraphQLInstrumentation({ ignoreResolveSpans: true }),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
}
