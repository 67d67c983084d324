import { codeForHttpStatus, DomainError, requestIdOf, STATUS_FOR_CODE, TooManyRequestsError } from '@marketplace/common';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';

/**
 * Errors of the REST routes (health, documents, webhooks): the same codes as GraphQL, with the
 * matching HTTP status, and unexpected errors logged with the request id. GraphQL errors pass
 * through to Apollo's formatter.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'http') return exception;
    const res = host.switchToHttp().getResponse<Response>();
    const requestId = requestIdOf(host.switchToHttp().getRequest<Request>());

    if (exception instanceof TooManyRequestsError) res.set('Retry-After', String(exception.retryAfterSeconds));
    if (exception instanceof DomainError) {
      return res
        .status(STATUS_FOR_CODE[exception.code])
        .json({ error: { code: exception.code, message: exception.message, ...exception.extensions(), requestId } });
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      return res.status(status).json({ error: { code: codeForHttpStatus(status), message: exception.message, requestId } });
    }
    this.logger.error({
      msg: 'Unexpected error while answering an HTTP request',
      requestId,
      error: exception instanceof Error ? { name: exception.name, message: exception.message, stack: exception.stack } : String(exception),
    });
    return res
      .status(HttpStatus.INTERNAL_SERVER_ERROR)
      .json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.', requestId } });
  }
}
