import { SubscriberTooSlowError } from './realtime.errors';

/** How many events a subscription may hold that its socket has not taken yet. */
export const SUBSCRIPTION_QUEUE_SIZE = 100;

/**
 * One subscription's events, as the async iterator a `@Subscription` resolver returns. Events
 * wait here while the socket is busy sending earlier ones; a subscriber that falls
 * SUBSCRIPTION_QUEUE_SIZE events behind is ended with SubscriberTooSlowError (it should
 * subscribe again and re-query), so that a slow client cannot grow the API's memory.
 */
export class SubscriptionQueue<T> implements AsyncIterableIterator<T> {
  private readonly waiting: T[] = [];
  private pending: { resolve: (result: IteratorResult<T>) => void; reject: (error: Error) => void } | null = null;
  private ended: { error?: Error } | null = null;

  constructor(
    private readonly onEnd: () => void,
    private readonly capacity = SUBSCRIPTION_QUEUE_SIZE,
  ) {}

  push(event: T): void {
    if (this.ended) return;
    if (this.pending) {
      const { resolve } = this.pending;
      this.pending = null;
      resolve({ value: event, done: false });
    } else if (this.waiting.length >= this.capacity) {
      this.end(new SubscriberTooSlowError(this.capacity));
    } else {
      this.waiting.push(event);
    }
  }

  next(): Promise<IteratorResult<T>> {
    const event = this.waiting.shift();
    if (event !== undefined) return Promise.resolve({ value: event, done: false });
    if (this.ended) {
      const { error } = this.ended;
      this.ended = {};
      return error ? Promise.reject(error) : Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => (this.pending = { resolve, reject }));
  }

  /** The client unsubscribed (or its socket closed). */
  return(): Promise<IteratorResult<T>> {
    this.end();
    this.waiting.length = 0;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private end(error?: Error): void {
    if (this.ended) return;
    this.onEnd();
    if (this.pending) {
      const { resolve, reject } = this.pending;
      this.pending = null;
      this.ended = {};
      if (error) reject(error);
      else resolve({ value: undefined, done: true });
    } else {
      this.ended = { error };
      // Events already queued are dropped: the error says the subscriber must re-query anyway.
      if (error) this.waiting.length = 0;
    }
  }
}
