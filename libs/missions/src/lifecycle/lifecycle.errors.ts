import { BadUserInputError, ConflictError, ForbiddenError } from '@marketplace/common';

/** The viewer is none of those the step's row names (`who`: "the client of this mission or …"). */
export class NotStepActorError extends ForbiddenError {
  constructor(who: string) {
    super(`Only ${who} can do this.`);
  }
}

export class PaymentNotReceivedError extends ConflictError {
  constructor() {
    super("The client's payment has not been received yet.");
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
