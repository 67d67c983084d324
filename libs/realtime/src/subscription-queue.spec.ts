import { mapEvents } from './event-streams';
import { SubscriberTooSlowError } from './realtime.errors';
import { SubscriptionQueue } from './subscription-queue';

describe('a subscription queue', () => {
  it('hands events to a waiting reader, and keeps them for one that comes later', async () => {
    const queue = new SubscriptionQueue<number>(() => undefined, 3);
    const waiting = queue.next();
    queue.push(1);
    queue.push(2);
    expect(await waiting).toEqual({ value: 1, done: false });
    expect(await queue.next()).toEqual({ value: 2, done: false });
  });

  it('ends a subscriber that falls `capacity` events behind with SubscriberTooSlowError, and holds nothing more', async () => {
    const ended = jest.fn();
    const queue = new SubscriptionQueue<number>(ended, 3);
    for (let event = 0; event < 10; event++) queue.push(event);
    expect(ended).toHaveBeenCalledTimes(1);
    await expect(queue.next()).rejects.toBeInstanceOf(SubscriberTooSlowError);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('ends a reader waiting for an event when the client unsubscribes', async () => {
    const ended = jest.fn();
    const queue = new SubscriptionQueue<number>(ended);
    const waiting = queue.next();
    await queue.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(ended).toHaveBeenCalledTimes(1);
    queue.push(1);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });
});

describe('mapEvents', () => {
  it('passes an unsubscribe to the source at once, even while a read waits for an event', async () => {
    const ended = jest.fn();
    const source = new SubscriptionQueue<number>(ended);
    const mapped = mapEvents(source, async (event) => event * 2);
    const waiting = mapped.next();
    await mapped.return(undefined);
    expect(ended).toHaveBeenCalledTimes(1);
    expect(await waiting).toEqual({ value: undefined, done: true });
  });

  it('ends the source when mapping an event fails', async () => {
    const ended = jest.fn();
    const source = new SubscriptionQueue<number>(ended);
    const mapped = mapEvents(source, async () => Promise.reject(new Error('no longer visible')));
    source.push(1);
    await expect(mapped.next()).rejects.toThrow('no longer visible');
    expect(ended).toHaveBeenCalledTimes(1);
  });
});
