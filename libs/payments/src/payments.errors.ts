import { ConflictError, ForbiddenError } from '@marketplace/common';

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
