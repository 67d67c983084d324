/**
 * Per-request context carried through async calls (AsyncLocalStorage), so that log lines and
 * error responses can name the request without threading it through every signature.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Express middleware: adopts a sane incoming `X-Request-Id` or makes one, and echoes it back. */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  const requestId = incoming && ACCEPTED_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', requestId);
  storage.run({ requestId }, next);
}
