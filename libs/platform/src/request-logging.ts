/**
 * One log line per HTTP request, written by pino-http when the response is finished (or the
 * connection closed): request id, method, path, status, duration, and for GraphQL the operation's
 * name and type and the error codes answered (noted by requestIdPlugin). Never bodies, query
 * strings (GraphQL GET variables), headers or tokens.
 */
import { graphqlOperationOf, requestIdOf } from '@marketplace/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { AppLogger } from './logger';

export function requestLogging(logger: AppLogger): RequestHandler {
  return pinoHttp({
    logger: logger.pino,
    genReqId: (req) => requestIdOf(req) ?? '',
    // pino-http gives each request a child logger bound to the request; nothing reads it, and
    // the line below carries its fields flat: a binding serialized to nothing costs nothing.
    wrapSerializers: false,
    serializers: { req: () => undefined, res: () => undefined },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessObject: (req, res, { responseTime }) => lineOf(req, res, responseTime as number),
    customErrorObject: (req, res, error, { responseTime }) => ({ ...lineOf(req, res, responseTime as number), err: error }),
    customSuccessMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
  });
}

function lineOf(req: IncomingMessage, res: ServerResponse, durationMs: number): Record<string, unknown> {
  return {
    requestId: requestIdOf(req),
    method: req.method,
    url: pathOf(req),
    status: res.statusCode,
    durationMs,
    ...graphqlOperationOf(req),
  };
}

/** The path without the query string; Express rewrites `url` under a mounted router, not `originalUrl`. */
function pathOf(req: IncomingMessage): string {
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
