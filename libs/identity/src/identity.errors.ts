import { BadUserInputError, ConflictError, ModeratorIsPartyError } from '@marketplace/common';

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
