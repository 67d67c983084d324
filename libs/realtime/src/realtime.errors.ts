import { DomainError } from '@marketplace/common';

/** A subscriber whose socket does not take events as fast as they come is ended; it re-subscribes and re-queries. */
export class SubscriberTooSlowError extends DomainError {
  readonly code = 'TOO_MANY_REQUESTS';

  constructor(capacity: number) {
    super(`This subscription fell more than ${capacity} events behind and was ended: subscribe again and re-query what it watched.`);
  }
}

export class TooManySubscriptionsError extends DomainError {
  readonly code = 'TOO_MANY_REQUESTS';

  constructor(max: number) {
    super(`A connection holds at most ${max} subscriptions: complete one first.`);
  }
}
