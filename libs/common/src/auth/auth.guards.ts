import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, AuthModuleOptions } from '@nestjs/passport';
import type { Request, Response } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../errors/domain-error';
import { ALLOW_ANONYMOUS, REQUIRED_ROLES } from './auth.decorators';
import { requestOf } from './request-of';
import { hasRole, Role, setViewerOf, Viewer, viewerOf } from './viewer';

const INVALID_ACCESS_TOKEN = 'A valid access token is required (Authorization: Bearer <token>); it may have expired.';

/**
 * Global guard: every handler needs a valid bearer token unless marked `@AllowAnonymous()`.
 * A token that is sent is always verified, even where anonymous callers are welcome. The token
 * goes through Passport: PassportModule's `defaultStrategy`, this app's AccessTokenStrategy.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard() {
  constructor(
    private readonly reflector: Reflector,
    options: AuthModuleOptions,
  ) {
    super(options);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const allowAnonymous = this.reflector.getAllAndOverride<boolean>(ALLOW_ANONYMOUS, [context.getHandler(), context.getClass()]);
    if (allowAnonymous && !requestOf(context).headers.authorization) return true;
    return (await super.canActivate(context)) as boolean;
  }

  /** The HTTP request behind a GraphQL resolver too. */
  override getRequest(context: ExecutionContext): Request {
    return requestOf(context);
  }

  /** AuthGuard's own (not in its type); the response behind a GraphQL resolver too. */
  getResponse(context: ExecutionContext): Response | undefined {
    return requestOf(context).res;
  }

  /** Our errors, not Nest's UnauthorizedException: the verifier's own (a suspended account) or UNAUTHENTICATED. */
  override handleRequest<TUser = Viewer>(error: unknown, viewer: Viewer | false | null, _info: unknown, context: ExecutionContext): TUser {
    if (error) throw error;
    if (!viewer) throw new UnauthenticatedError(INVALID_ACCESS_TOKEN);
    setViewerOf(requestOf(context), viewer);
    return viewer as TUser;
  }
}

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (!roles?.length) return true;
    const viewer = viewerOf(requestOf(context));
    if (!viewer) throw new UnauthenticatedError();
    if (!roles.some((role) => hasRole(viewer, role))) {
      throw new ForbiddenError(`This needs the ${roles.join(' or ')} role.`);
    }
    return true;
  }
}
