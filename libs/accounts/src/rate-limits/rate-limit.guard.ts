import { requestOf, viewerOf } from '@marketplace/common';
import { AppConfig, InjectConfig, RateLimitedOperation } from '@marketplace/config';
import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RateLimitExceededError } from '../accounts.errors';
import { RateLimitBucket, RateLimiter } from './rate-limiter';

const RATE_LIMITED = 'rateLimits:operation';

/**
 * Each call counts against the operation's limits (AppConfig `rateLimits`) for the client IP and,
 * once signed in, for the viewer. Handlers may share an operation (placeBid and updateBid: `bid`).
 */
export const RateLimit = (operation: RateLimitedOperation): MethodDecorator => SetMetadata(RATE_LIMITED, operation);

/**
 * Global guard, after authentication (it needs the viewer): takes the attempt before the handler
 * runs, so a refused upload is not even read. Handlers without `@RateLimit` cost nothing.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const operation = this.reflector.get<RateLimitedOperation | undefined>(RATE_LIMITED, context.getHandler());
    if (!operation) return true;
    const request = requestOf(context);
    const { windowSeconds, perIp, perUser } = this.config.rateLimits[operation];
    const buckets: RateLimitBucket[] = [{ key: `${operation}:ip:${request.ip ?? 'unknown'}`, max: perIp, windowSeconds }];
    const viewer = viewerOf(request);
    if (viewer && perUser !== undefined) buckets.push({ key: `${operation}:user:${viewer.id}`, max: perUser, windowSeconds });
    const outcome = await this.limiter.take(buckets);
    if (!outcome.allowed) throw new RateLimitExceededError(outcome.retryAfterSeconds);
    return true;
  }
}
