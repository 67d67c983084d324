import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Role, Viewer, viewerOf } from './viewer';
import { requestOf } from './request-of';

export const ALLOW_ANONYMOUS = 'auth:allowAnonymous';
export const REQUIRED_ROLES = 'auth:requiredRoles';

/** The handler also answers callers without a token; a token that is present must still be valid. */
export const AllowAnonymous = (): MethodDecorator & ClassDecorator => SetMetadata(ALLOW_ANONYMOUS, true);

/** The viewer needs at least one of these roles (ADMIN counts as MODERATOR). */
export const RequireRoles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

/** The authenticated viewer; `undefined` on handlers marked `@AllowAnonymous()` when no token was sent. */
export const CurrentViewer = createParamDecorator((_data: unknown, context: ExecutionContext): Viewer | undefined =>
  viewerOf(requestOf(context)),
);
