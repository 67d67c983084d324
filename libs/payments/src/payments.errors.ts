import { ConflictError, ForbiddenError } from '@marketplace/common';

export class NoProviderProfileError extends ForbiddenError {
  constructor() {
    super('Create your provider profile before setting up payouts.');
  }
}

export class PayoutNotFailedError extends ConflictError {
  constructor(status: string) {
    super(`Only a FAILED payout can be retried; this one is ${status}.`);
  }
}

export class NothingToSplitError extends ConflictError {
  constructor() {
    super('Nothing of the payment is left to split: it was not received, or was refunded in full.');
  }
}
