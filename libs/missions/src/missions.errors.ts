import { BadUserInputError, ConflictError, ForbiddenError, ModeratorIsPartyError, NotFoundError } from '@marketplace/common';

export class NotMissionClientError extends ForbiddenError {
  constructor() {
    super('Only the client who posted this mission can do this.');
  }
}

export class MissionNotOpenError extends ConflictError {
  constructor() {
    super('This mission is no longer open.');
  }
}

/** A lifecycle step asked of a mission in a state that does not allow it. */
export class MissionStateError extends ConflictError {
  constructor(status: string, wanted: string) {
    super(`A mission that is ${status.toLowerCase()} cannot be ${wanted}.`);
  }
}

export class MissionHasBidsError extends ConflictError {
  constructor() {
    super('A mission cannot be edited once it has bids.');
  }
}

export class OwnMissionBidError extends ForbiddenError {
  constructor() {
    super('You cannot bid on your own mission.');
  }
}

export class MissionHiddenError extends ConflictError {
  constructor() {
    super('This mission was hidden by a moderator.');
  }
}

export class PartyToMissionError extends ModeratorIsPartyError {
  constructor() {
    super('You are the client or the assigned provider of this mission');
  }
}

export class MissionAlreadyHiddenError extends ConflictError {
  constructor() {
    super('This mission is already hidden.');
  }
}

export class InvalidPreferredWindowError extends BadUserInputError {
  static startInThePast(): InvalidPreferredWindowError {
    return new InvalidPreferredWindowError('preferredStart', 'must be in the future');
  }

  static endInThePast(): InvalidPreferredWindowError {
    return new InvalidPreferredWindowError('preferredEnd', 'must be in the future');
  }

  static endBeforeStart(): InvalidPreferredWindowError {
    return new InvalidPreferredWindowError('preferredEnd', 'must be after preferredStart');
  }

  private constructor(field: string, message: string) {
    super(`${field}: ${message}`, [{ field, message }]);
  }
}

export class NotAMissionPhotoError extends NotFoundError {
  constructor() {
    super('Photo of this mission');
  }
}
