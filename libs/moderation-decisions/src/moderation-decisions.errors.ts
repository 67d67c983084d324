import { BadUserInputError, ConflictError, ModeratorIsPartyError } from '@marketplace/common';

export class AlreadyContestedError extends ConflictError {
  constructor() {
    super('You have already contested this decision: a moderator reviews it, and each decision is contested once.');
  }
}

export class ContestWindowClosedError extends ConflictError {
  constructor(until: Date) {
    super(`The time to contest this decision ended on ${until.toISOString().slice(0, 10)}.`);
  }
}

export class ContestAlreadyReviewedError extends ConflictError {
  constructor() {
    super('This contest was already reviewed.');
  }
}

export class ContestClaimedByAnotherModeratorError extends ConflictError {
  constructor() {
    super('Another moderator is reviewing this contest.');
  }
}

/** The reviewer of a contest is never who took the decision, nor who it is about. */
export class PartyToContestError extends ModeratorIsPartyError {
  constructor() {
    super('You took this decision, or it is about you');
  }
}

export class InvalidContestLinkError extends BadUserInputError {
  constructor() {
    const problem = 'this contest link is not valid: use the one in the email, whole';
    super(`token: ${problem}`, [{ field: 'token', message: problem }]);
  }
}
