import { BadUserInputError, ConflictError, ForbiddenError, TooManyRequestsError, UnauthenticatedError } from '@marketplace/common';

export class EmailAlreadyRegisteredError extends ConflictError {
  constructor() {
    super('An account with this email already exists.');
  }
}

export class PasswordIsEmailError extends BadUserInputError {
  constructor(field: string) {
    super(`${field}: must not be your email address`, [{ field, message: 'must not be your email address' }]);
  }
}

export class EmailAlreadyVerifiedError extends ConflictError {
  constructor() {
    super('Your email address is already verified.');
  }
}

/** Bidding and accepting wait for a verified address (BIDDING_REQUIRES_VERIFIED_EMAIL). */
export class EmailNotVerifiedError extends ForbiddenError {
  constructor(action: string) {
    super(`Verify your email address before you ${action}: follow the link we sent you (resendVerificationEmail sends a new one).`);
  }
}

/** Same answer for an unknown email and a wrong password: no account discovery by login. */
export class InvalidCredentialsError extends UnauthenticatedError {
  constructor() {
    super('The email or password is incorrect.');
  }
}

export class TooManyLoginFailuresError extends TooManyRequestsError {
  constructor(retryAfterSeconds: number) {
    super(`Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, retryAfterSeconds);
  }
}

export class RateLimitExceededError extends TooManyRequestsError {
  constructor(retryAfterSeconds: number) {
    super(`Too many requests of this kind. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, retryAfterSeconds);
  }
}

export class AccountSuspendedError extends ForbiddenError {
  constructor() {
    super('This account is suspended.');
  }
}

export class InvalidRefreshTokenError extends UnauthenticatedError {
  constructor(reason = 'The refresh token is invalid, expired or revoked. Sign in again.') {
    super(reason);
  }
}

export class RefreshTokenReusedError extends UnauthenticatedError {
  constructor() {
    super('This refresh token was already used. For safety, this sign-in was revoked on every device: sign in again.');
  }
}

export class RoleNotGrantableError extends BadUserInputError {
  constructor(role: string) {
    super(`role: ${role} cannot be granted (only MODERATOR and ADMIN are granted; PROVIDER comes with a provider profile)`, [
      { field: 'role', message: 'only MODERATOR and ADMIN can be granted' },
    ]);
  }
}
