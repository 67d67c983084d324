/**
 * `source`'s events through `map`, as an async iterator whose `return()` reaches `source` at once
 * (an async generator would queue it behind the `next()` waiting for an event, and a client who
 * unsubscribes from a quiet topic would stay listening). A `map` that throws ends `source` too.
 */
export function mapEvents<S, T>(source: AsyncIterator<S>, map: (event: S) => Promise<T>): AsyncIterableIterator<T> & AsyncGenerator<T> {
  const end = async (): Promise<IteratorResult<T>> => {
    await source.return?.();
    return { value: undefined, done: true };
  };
  const stream: AsyncGenerator<T> = {
    async next() {
      const event = await source.next();
      if (event.done) return { value: undefined, done: true };
      try {
        return { value: await map(event.value), done: false };
      } catch (error) {
        await end();
        throw error;
      }
    },
    return: end,
    async throw(error: unknown) {
      await end();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}
