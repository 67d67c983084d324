import { ConflictError, ForbiddenError, ModeratorIsPartyError } from '@marketplace/common';

export class NotMissionPartyError extends ForbiddenError {
  constructor() {
    super('Only the client and the assigned provider of a mission can rate it.');
  }
}

export class MissionNotCompletedError extends ConflictError {
  constructor() {
    super('A mission can be rated once it is completed.');
  }
}

export class RatingWindowClosedError extends ConflictError {
  constructor(closedAt: Date) {
    super(`The rating window of this mission closed on ${closedAt.toISOString()}.`);
  }
}

export class AlreadyRatedError extends ConflictError {
  constructor() {
    super('You have already rated this mission; a rating is final.');
  }
}

export class NotRatedUserError extends ForbiddenError {
  constructor() {
    super('Only the rated user can reply to a rating.');
  }
}

export class AlreadyRepliedError extends ConflictError {
  constructor() {
    super('This rating already has a reply.');
  }
}

export class RatingAlreadyHiddenError extends ConflictError {
  constructor() {
    super('This rating is already hidden.');
  }
}

export class PartyToRatingError extends ModeratorIsPartyError {
  constructor() {
    super('You wrote this rating, or it is about you');
  }
}
