/**
 * GraphQL subscriptions over a real graphql-ws client and socket, as a client app holds them:
 * `subscribe(app.wsUrl, token, query, variables)`, then `await subscription.next()` for each
 * event. graphql-ws has no acknowledgement of a subscription: wait until the instance that holds
 * it listens (`until(() => realtime.listenerCount(topic) === 1)`) before causing the event.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** One `next` of a subscription, or the errors that ended it. */
export interface SubscriptionResult<T> {
  data?: T | null;
  errors?: { message: string; extensions: { code: string; [key: string]: unknown } }[];
}

export interface SocketClose {
  code: number;
  reason: string;
}

export interface LiveSubscription<T = Record<string, any>> {
  /** The next result (data, or errors), within `withinMs`. */
  next(withinMs?: number): Promise<SubscriptionResult<T>>;
  /** How the server closed the socket, within `withinMs`. */
  closed(withinMs?: number): Promise<SocketClose>;
  /** Whether the server completed the subscription (after an error, say). */
  readonly completed: boolean;
  /** Unsubscribes and closes the socket. */
  close(): Promise<void>;
}

export function subscribe<T = Record<string, any>>(
  url: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): LiveSubscription<T> {
  const results: SubscriptionResult<T>[] = [];
  let waiting: ((result: SubscriptionResult<T>) => void) | null = null;
  let closed: SocketClose | null = null;
  let onClosed: ((close: SocketClose) => void) | null = null;
  let completed = false;

  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        closed = { code, reason: String(reason) };
        onClosed?.(closed);
      },
    },
  });
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (next) => {
        const result = next as SubscriptionResult<T>;
        if (waiting) waiting(result);
        else results.push(result);
        waiting = null;
      },
      error: (error) => {
        if (Array.isArray(error)) {
          const result = { errors: error } as unknown as SubscriptionResult<T>;
          if (waiting) waiting(result);
          else results.push(result);
          waiting = null;
        }
      },
      complete: () => (completed = true),
    },
  );

  return {
    next: (withinMs = 5000) => {
      const result = results.shift();
      if (result) return Promise.resolve(result);
      return within(withinMs, 'a subscription event', (resolve) => (waiting = resolve));
    },
    closed: (withinMs = 5000) =>
      closed ? Promise.resolve(closed) : within(withinMs, 'the socket to close', (resolve) => (onClosed = resolve)),
    get completed() {
      return completed;
    },
    close: async () => {
      unsubscribe();
      await client.dispose();
    },
  };
}

function within<T>(ms: number, what: string, wait: (resolve: (value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No ${what} within ${ms} ms`)), ms);
    wait((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/** Resolves once `condition` holds, checking every few milliseconds, for at most `withinMs`. */
export async function until(condition: () => boolean, withinMs = 5000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
