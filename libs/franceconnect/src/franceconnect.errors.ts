import { ForbiddenError, UnauthenticatedError } from '@marketplace/common';

/** Why a FranceConnect callback was refused: the code the web app receives as `?error=`. */
export type FranceConnectRefusalReason =
  /** No attempt for this browser: never started here, already used (a replayed callback), or past its 10 minutes. */
  | 'UNKNOWN_ATTEMPT'
  | 'STATE_MISMATCH'
  /** FranceConnect answered with an error (the person cancelled, or the code was refused, e.g. used twice). */
  | 'PROVIDER_ERROR'
  /** FranceConnect did not answer (unreachable, no answer within FRANCECONNECT_TIMEOUT_MS, a server error): try again later. */
  | 'PROVIDER_UNAVAILABLE'
  /** The id_token's signature, issuer, audience or expiry did not hold. */
  | 'INVALID_ID_TOKEN'
  | 'NONCE_MISMATCH'
  /** The id_token's acr is weaker than FRANCECONNECT_ACR. */
  | 'ACR_TOO_LOW'
  | 'UNDER_18'
  /** This FranceConnect identity is linked to another account. */
  | 'IDENTITY_LINKED_ELSEWHERE'
  /** The account being linked already has another FranceConnect identity. */
  | 'ACCOUNT_LINKED_ELSEWHERE'
  /** FranceConnect's email has an account not linked yet: sign in with its password, then link (no silent merge). */
  | 'SIGN_IN_WITH_PASSWORD_FIRST'
  | 'ACCOUNT_SUSPENDED';

/** A callback refused on purpose; nothing was linked, verified or signed in. */
export class FranceConnectRefusal extends Error {
  constructor(
    readonly reason: FranceConnectRefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'FranceConnectRefusal';
  }
}

export class FranceConnectDisabledError extends ForbiddenError {
  constructor() {
    super('FranceConnect is not enabled on this server (FRANCECONNECT_ISSUER is not set).');
  }
}

export class InvalidSignInCodeError extends UnauthenticatedError {
  constructor() {
    super('This sign-in code is unknown, was already used, or has expired (it lasts one minute): sign in with FranceConnect again.');
  }
}
