/**
 * Errors that services throw on purpose. Each carries one of the contract's codes; the
 * GraphQL error formatter (graphql-errors.ts) is the only place that turns them into responses.
 * Messages are written for humans and are safe to show.
 */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY_REQUESTS';

/** The HTTP status of each code on the REST routes (and the pages the API serves). */
export const STATUS_FOR_CODE: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
};

export interface InvalidField {
  /** Path of the offending input field, e.g. `input.email`. */
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }

  /** Extra, safe-to-show details added to `extensions`. */
  extensions(): Record<string, unknown> {
    return {};
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'You must be signed in to do this.') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
  constructor(message = 'You are not allowed to do this.') {
    super(message);
  }
}

/**
 * A moderator (or an admin) asked to decide a case they are a party to. Each domain says what
 * makes one a party; the answer is always the same: someone else decides.
 */
export abstract class ModeratorIsPartyError extends ForbiddenError {
  constructor(why: string) {
    super(`${why}: another moderator must act.`);
  }
}

export class BadUserInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    message: string,
    readonly fields: InvalidField[] = [],
  ) {
    super(message);
  }

  static forField(field: string, message: string): BadUserInputError {
    return new BadUserInputError(`${field}: ${message}`, [{ field, message }]);
  }

  override extensions(): Record<string, unknown> {
    return this.fields.length ? { fields: this.fields } : {};
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(what: string) {
    super(`${what} was not found.`);
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}

export class TooManyRequestsError extends DomainError {
  readonly code = 'TOO_MANY_REQUESTS';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }

  override extensions(): Record<string, unknown> {
    return { retryAfterSeconds: this.retryAfterSeconds };
  }
}
