import { graphqlOperationOf, webhookOutcomeOf } from '@marketplace/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Metrics } from './metrics';

/** Paths served by middleware rather than a routed controller, reported as these prefixes; anything else unrouted is `(unmatched)`. */
const MOUNTED_PREFIXES = ['/graphql', '/desk', '/openapi.json', '/metrics', '/webhooks/stripe'];

/**
 * Express middleware that counts each request once its response is sent: HTTP by method, route
 * and status class; GraphQL by operation name, type and outcome; Stripe webhooks by type and
 * result. Everything it reads was noted on the request by the code that handled it.
 */
export function metricsMiddleware(metrics: Metrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const startedAt = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      metrics.observeHttp({ method: req.method, route: routeOf(req), status: res.statusCode, seconds });
      const operation = graphqlOperationOf(req);
      if (operation) {
        metrics.observeGraphQL({
          operationName: operation.operationName,
          type: operation.operationType,
          outcome: operation.errorCodes?.[0] ?? 'ok',
          seconds,
        });
      }
      const webhook = webhookOutcomeOf(req);
      if (webhook) metrics.observeWebhook(webhook);
    });
    next();
  };
}

/** The route pattern a controller matched (`/identity/documents/:id`), or the prefix of a mounted handler. */
function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}`;
  const path = req.originalUrl.split('?')[0];
  return MOUNTED_PREFIXES.find((prefix) => path === prefix || path.startsWith(`${prefix}/`)) ?? '(unmatched)';
}

/**
 * `GET /metrics` in Prometheus text format; with a token, only for `Authorization: Bearer <token>`
 * (401 otherwise). A plain Node handler, so that the API's Express app and a bare listener on
 * METRICS_PORT serve it alike.
 */
export function metricsHandler(metrics: Metrics, token: string | undefined): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (token && !bearerMatches(req.headers.authorization, token)) {
      res
        .writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' })
        .end('Unauthorized\n');
      return;
    }
    metrics.render().then(
      (body) => res.writeHead(200, { 'content-type': metrics.contentType }).end(body),
      () => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Metrics unavailable\n'),
    );
  };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
