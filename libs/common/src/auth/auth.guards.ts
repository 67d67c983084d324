import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthenticatedError } from '../errors/domain-error';
import { ALLOW_ANONYMOUS, REQUIRED_ROLES } from './auth.decorators';
import { requestOf } from './request-of';
import { hasRole, Role, setViewerOf, Viewer, viewerOf } from './viewer';

/** Turns a bearer access token into the viewer it stands for, or null (accounts provides it). */
export abstract class AccessTokenVerifier {
  abstract viewerForAccessToken(token: string): Promise<Viewer | null>;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Global guard: every handler needs a valid bearer token unless marked `@AllowAnonymous()`.
 * A token that is sent is always verified, even where anonymous callers are welcome.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = requestOf(context);
    const authorization = request.headers.authorization;
    const allowAnonymous = this.reflector.getAllAndOverride<boolean>(ALLOW_ANONYMOUS, [context.getHandler(), context.getClass()]);
    if (allowAnonymous && !authorization) return true;
    const token = authorization ? BEARER.exec(authorization)?.[1] : undefined;
    const viewer = token ? await this.tokens.viewerForAccessToken(token) : null;
    if (!viewer) throw new UnauthenticatedError('A valid access token is required (Authorization: Bearer <token>); it may have expired.');
    setViewerOf(request, viewer);
    return true;
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
