import { ConflictError, ForbiddenError } from '@marketplace/common';

export class IdentityNotVerifiedError extends ForbiddenError {
  constructor() {
    super('Your identity must be verified before you can bid.');
  }
}

export class LiveBidExistsError extends ConflictError {
  constructor() {
    super('You already have a bid on this mission: change it or withdraw it instead.');
  }
}

export class NotBidProviderError extends ForbiddenError {
  constructor() {
    super('Only the provider who placed this bid can change it.');
  }
}

export class BidNotPendingError extends ConflictError {
  constructor() {
    super('This bid is no longer pending.');
  }
}

export class BidAmountChangedError extends ConflictError {
  constructor(expectedCents: number, currentCents: number) {
    super(
      `This bid's amount is now ${currentCents} cents, not the ${expectedCents} cents you expected: look at it again before accepting.`,
    );
  }
}
