import { BadUserInputError, ConflictError, ModeratorIsPartyError, TooManyRequestsError } from '@marketplace/common';

export class VerificationAlreadyPendingError extends ConflictError {
  constructor() {
    super('You already have an identity verification waiting for a decision.');
  }
}

export class IdentityAlreadyVerifiedError extends ConflictError {
  constructor() {
    super('Your identity is already verified.');
  }
}

export class UnusableDocumentsError extends BadUserInputError {
  constructor() {
    super('documentIds: every document must be one you uploaded and not yet submitted', [
      { field: 'documentIds', message: 'must be documents you uploaded and have not submitted before' },
    ]);
  }
}

export class CaseAlreadyDecidedError extends ConflictError {
  constructor() {
    super('This identity verification was already decided.');
  }
}

export class CaseClaimedByAnotherModeratorError extends ConflictError {
  constructor() {
    super('Another moderator has claimed this identity verification.');
  }
}

export class OwnCaseError extends ModeratorIsPartyError {
  constructor() {
    super('This is your own identity verification');
  }
}

export class DailyDocumentUploadsError extends TooManyRequestsError {
  constructor(perDay: number, retryAfterSeconds: number) {
    super(
      `You can upload at most ${perDay} identity documents a day. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
      retryAfterSeconds,
    );
  }
}

/** A CONFLICT, not TOO_MANY_REQUESTS: waiting does not help, submitting the documents does. */
export class TooManyUnsubmittedDocumentsError extends ConflictError {
  constructor(max: number) {
    super(`You already have ${max} identity documents not yet submitted: submit them for verification before uploading more.`);
  }
}
