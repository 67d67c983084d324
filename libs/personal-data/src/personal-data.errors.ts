import { BadUserInputError, ConflictError, NotFoundError, TooManyRequestsError } from '@marketplace/common';
import { GoneException } from '@nestjs/common';
import { AccountDeletionBlocker } from './deletion/account-deletion-rules';

/** Someone else's export, or none with this id: the same answer, so ids reveal nothing. */
export class DataExportNotFoundError extends NotFoundError {
  constructor() {
    super('The data export');
  }
}

export class DataExportRequestedTooSoonError extends TooManyRequestsError {
  constructor(retryAfterSeconds: number) {
    super(`A data export was requested less than a minute ago: ask again in ${retryAfterSeconds} s.`, retryAfterSeconds);
  }
}

export class DataExportInProgressError extends ConflictError {
  constructor() {
    super('Your data export is being built: you will be notified when it is ready, then you may ask for another one.');
  }
}

export class DataExportNotReadyError extends ConflictError {
  constructor() {
    super('This data export is not ready: it can be downloaded once you are notified.');
  }
}

/** 410 on GET /exports/:id, in the REST routes' error shape (HttpErrorFilter). */
export class DataExportExpiredError extends GoneException {
  constructor(expiredAt: Date) {
    super(`This data export expired at ${expiredAt.toISOString()}: ask for a new one (requestDataExport).`);
  }
}

export class WrongPasswordError extends BadUserInputError {
  constructor() {
    super('password: is not the password of your account; nothing was deleted.', [
      { field: 'password', message: 'is not the password of your account' },
    ]);
  }
}

/** What stands in the way, each named so the user knows what to finish first. */
export class AccountDeletionBlockedError extends ConflictError {
  constructor(readonly blockers: AccountDeletionBlocker[]) {
    super(`Your account cannot be deleted yet; nothing was changed. Finish first: ${blockers.map((b) => b.description).join('; ')}.`);
  }

  override extensions(): Record<string, unknown> {
    return { blockers: this.blockers.map(({ kind, missionId, description }) => ({ kind, missionId, description })) };
  }
}
