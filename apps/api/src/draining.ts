import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * A stopping API first drains for SHUTDOWN_GRACE_MS (bootProcess): /health answers 503 so that a
 * load balancer stops sending it work, and every response asks its client to close the connection,
 * so that keep-alive clients reconnect elsewhere instead of sending a request into a closing socket.
 * It goes on answering meanwhile; then the server closes, letting requests in flight finish.
 */
@Injectable()
export class Draining {
  private draining = false;

  begin(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  readonly middleware = (_req: Request, res: Response, next: NextFunction): void => {
    if (this.draining) res.setHeader('Connection', 'close');
    next();
  };
}
