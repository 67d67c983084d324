/**
 * The request id: adopted from a sane incoming `X-Request-Id` or made, echoed back, and kept with
 * the request so that log lines and error answers can name it. It is looked up from the request
 * object rather than carried by an AsyncLocalStorage: on Node 20 an active AsyncLocalStorage
 * installs promise hooks that cost about a fifth of the API's CPU per search (bench/REPORT.md).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const requestIds = new WeakMap<IncomingMessage, string>();

/** The id of a request that went through `requestContextMiddleware`. */
export function requestIdOf(req: IncomingMessage | undefined): string | undefined {
  return req ? requestIds.get(req) : undefined;
}

/** Express middleware: adopts a sane incoming `X-Request-Id` or makes one, and echoes it back. */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  const requestId = incoming && ACCEPTED_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  requestIds.set(req, requestId);
  res.setHeader('X-Request-Id', requestId);
  next();
}

/** What the request log line says of a GraphQL request (noted by requestIdPlugin). */
export interface GraphQLOperationSummary {
  operationName?: string;
  operationType?: 'query' | 'mutation' | 'subscription';
  /** The `extensions.code` of each error answered, in order. */
  errorCodes?: string[];
}
const graphqlOperations = new WeakMap<IncomingMessage, GraphQLOperationSummary>();

export function graphqlOperationOf(req: IncomingMessage): GraphQLOperationSummary | undefined {
  return graphqlOperations.get(req);
}

export function noteGraphQLOperation(req: IncomingMessage | undefined, summary: GraphQLOperationSummary): void {
  if (req) graphqlOperations.set(req, { ...graphqlOperations.get(req), ...summary });
}

/** What a Stripe webhook request turned out to be (noted by the webhook controller), for the metrics. */
export interface WebhookOutcome {
  endpoint: 'platform' | 'connect';
  /** Stripe's event type; `unknown` when the event could not be verified. */
  type: string;
  result: 'processed' | 'duplicate' | 'invalid';
}
const webhookOutcomes = new WeakMap<IncomingMessage, WebhookOutcome>();

export function webhookOutcomeOf(req: IncomingMessage): WebhookOutcome | undefined {
  return webhookOutcomes.get(req);
}

export function noteWebhookOutcome(req: IncomingMessage, outcome: WebhookOutcome): void {
  webhookOutcomes.set(req, outcome);
}
