import { BadUserInputError, ConflictError, ForbiddenError } from '@marketplace/common';

export class PaymentNotReceivedError extends ConflictError {
  constructor() {
    super("The client's payment has not been received yet.");
  }
}

export class NotAssignedProviderError extends ForbiddenError {
  constructor() {
    super('Only the provider assigned to this mission can do this.');
  }
}

export class NotClientError extends ForbiddenError {
  constructor() {
    super('Only the client of this mission can do this.');
  }
}

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

export class SplitRefundError extends BadUserInputError {
  constructor(resolution: string) {
    super(
      resolution === 'SPLIT'
        ? 'refundCents: a SPLIT says how much goes back to the client (refundCents)'
        : `refundCents: only a SPLIT takes refundCents, not ${resolution}`,
      [{ field: 'refundCents', message: resolution === 'SPLIT' ? 'is required for a SPLIT' : 'is only for a SPLIT' }],
    );
  }
}

export class NothingToSplitError extends ConflictError {
  constructor() {
    super('Nothing of the payment is left to split: it was not received, or was refunded in full.');
  }
}
