import { BadUserInputError, ConflictError, ForbiddenError, ModeratorIsPartyError } from '@marketplace/common';

export class AlreadyReportedError extends ConflictError {
  constructor() {
    super('You have already reported this; a moderator will look at it.');
  }
}

export class CannotReportYourselfError extends BadUserInputError {
  constructor() {
    super('targetId: you cannot report yourself, your own mission, rating or message', [
      { field: 'targetId', message: 'cannot be yourself or yours' },
    ]);
  }
}

export class ReportNotOpenError extends ConflictError {
  constructor() {
    super('This report was already handled.');
  }
}

export class AlreadySuspendedError extends ConflictError {
  constructor() {
    super('This user is already suspended.');
  }
}

/** Why a moderator may not suspend this user, in the message. */
export class SuspensionNotAllowedError extends ForbiddenError {}

export class PartyToReportError extends ModeratorIsPartyError {
  constructor() {
    super('You filed this report, or it is about you, your mission, your rating or your conversation');
  }
}

/** Hiding or suspending actions the open reports on the target: one of them is the moderator's own. */
export class OwnOpenReportError extends ModeratorIsPartyError {
  constructor() {
    super('You reported this yourself, and acting on it would decide your own report');
  }
}
