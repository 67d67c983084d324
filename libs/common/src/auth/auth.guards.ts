import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ForbiddenError, UnauthenticatedError } from '../errors/domain-error';
import { ALLOW_ANONYMOUS, REQUIRED_ROLES } from './auth.decorators';
import { requestOf } from './request-of';
import { hasRole, Role, Viewer } from './viewer';

/**
 * Global guard: every handler needs a valid bearer token unless marked `@AllowAnonymous()`.
 * A token that is sent is always verified, even where anonymous callers are welcome.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override getRequest(context: ExecutionContext) {
    return requestOf(context);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const allowAnonymous = this.reflector.getAllAndOverride<boolean>(ALLOW_ANONYMOUS, [context.getHandler(), context.getClass()]);
    if (allowAnonymous && !requestOf(context).headers.authorization) return true;
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<TUser = Viewer>(error: unknown, viewer: TUser | false): TUser {
    if (error) throw error;
    if (!viewer) throw new UnauthenticatedError('A valid access token is required (Authorization: Bearer <token>); it may have expired.');
    return viewer;
  }
}

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (!roles?.length) return true;
    const viewer = requestOf(context).user as Viewer | undefined;
    if (!viewer) throw new UnauthenticatedError();
    if (!roles.some((role) => hasRole(viewer, role))) {
      throw new ForbiddenError(`This needs the ${roles.join(' or ')} role.`);
    }
    return true;
  }
}
