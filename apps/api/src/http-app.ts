/**
 * Builds the API as an HTTP application, middleware included, without listening: `main.ts`
 * listens on it, and the end-to-end tests drive the very same application through supertest.
 */
import { createValidationPipe, requestContextMiddleware, requestIdOf } from '@marketplace/common';
import { Metrics, metricsHandler, metricsMiddleware } from '@marketplace/observability';
import { AppLogger, GRAPHQL_PATH, MarketplaceModuleOptions, requestLogging } from '@marketplace/platform';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import express, { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { deskRoutes } from './desk';
import { Draining } from './draining';
import { graphiqlRoutes } from './graphiql';
import { HttpErrorFilter } from './http-error.filter';
import { openApiRoute } from './openapi';

export interface HttpAppOptions extends MarketplaceModuleOptions {
  logger: AppLogger;
}

export async function createHttpApp({ config, databaseUrl, withWorker, logger }: HttpAppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, databaseUrl, withWorker }), {
    bodyParser: false,
    logger,
    abortOnError: false,
  });
  app.set('trust proxy', config.trustProxyHops);
  app.disable('x-powered-by');
  app.use(requestContextMiddleware);
  app.use(metricsMiddleware(app.get(Metrics)));
  app.use(app.get(Draining).middleware);
  app.use(requestLogging(logger));
  app.use(helmet());
  // Development tools, under the same CSP as the rest: in production GET /graphql is only a GraphQL endpoint.
  if (!config.isProduction) app.use(graphiqlRoutes(GRAPHQL_PATH), openApiRoute());
  // In production only behind METRICS_TOKEN (or on METRICS_PORT, main.ts): the API's port is public there.
  const { metrics } = config.operations;
  if (metrics.onApiPort) app.use('/metrics', metricsRoute(metricsHandler(app.get(Metrics), metrics.token)));
  app.use(deskRoutes());
  // Stripe signs the exact bytes it sends: the webhook routes (platform, and Connect under /connect) keep them (express.json then skips them).
  app.use('/webhooks/stripe', express.raw({ type: '*/*', limit: '1mb' }));
  app.use(jsonBody(config.graphql.maxBodyBytes));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  return app;
}

/** GET /metrics exactly (Express strips the mount path); other methods and sub-paths fall through to a 404. */
function metricsRoute(handler: ReturnType<typeof metricsHandler>): RequestHandler {
  return (req, res, next) => (req.method === 'GET' && (req.url === '/' || req.url.startsWith('/?')) ? handler(req, res) : next());
}

/**
 * JSON bodies up to `limit` bytes. A body that is too large or not JSON is answered here, as a
 * GraphQL-shaped BAD_USER_INPUT error with the right 4xx status, before any resolver runs.
 */
function jsonBody(limit: number): RequestHandler {
  const parse = express.json({ limit });
  const answerBodyError: ErrorRequestHandler = (error: { status?: number; type?: string }, req, res) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 400;
    const message =
      error.type === 'entity.too.large'
        ? `The request body is larger than the ${limit} bytes allowed.`
        : error.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON.'
          : error.type === 'charset.unsupported'
            ? 'The request body must be JSON in UTF-8.'
            : 'The request body could not be read.';
    res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', requestId: requestIdOf(req) } }] });
  };
  return (req: Request, res: Response, next: NextFunction) => {
    // JSON is UTF-8 (RFC 8259); other charsets body-parser would decode (UTF-7…) are refused.
    const charset = /;\s*charset=("?)([^";]+)\1/i.exec(req.header('content-type') ?? '')?.[2].toLowerCase();
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      answerBodyError({ status: 415, type: 'charset.unsupported' }, req, res, next);
      return;
    }
    parse(req, res, (error?: unknown) => (error ? answerBodyError(error, req, res, next) : next()));
  };
}
