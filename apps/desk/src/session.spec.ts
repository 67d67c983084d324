import { refreshDelayMs, Session, SignedIn, Timers } from './session';

const NOW = Date.parse('2026-12-01T10:00:00Z');

/** Timers run by hand: the test says when time passes. */
class ManualTimers implements Timers {
  time = NOW;
  private pending: { at: number; run: () => void; handle: number }[] = [];
  private next = 0;

  now(): number {
    return this.time;
  }
  setTimeout(run: () => void, ms: number): unknown {
    const handle = ++this.next;
    this.pending.push({ at: this.time + ms, run, handle });
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((timer) => timer.handle !== handle);
  }
  get scheduledAt(): number[] {
    return this.pending.map((timer) => timer.at);
  }
  advanceTo(time: number): void {
    this.time = time;
    const due = this.pending.filter((timer) => timer.at <= time);
    this.pending = this.pending.filter((timer) => timer.at > time);
    for (const timer of due) timer.run();
  }
}

function aPayload(accessToken: string, expiresInMs: number, now = NOW): SignedIn {
  return {
    accessToken,
    refreshToken: `rt_${accessToken}`,
    expiresAt: new Date(now + expiresInMs).toISOString(),
    user: { id: 'moderator-1', displayName: 'Camille', roles: ['CLIENT', 'MODERATOR'] },
  };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('refreshDelayMs', () => {
  it('refreshes a minute before expiry', () => {
    expect(refreshDelayMs(new Date(NOW + 15 * 60_000).toISOString(), NOW)).toBe(14 * 60_000);
  });

  it('refreshes half-way through a token that has less than two minutes left', () => {
    expect(refreshDelayMs(new Date(NOW + 90_000).toISOString(), NOW)).toBe(45_000);
  });

  it('refreshes at once a token already expired, or with an unreadable expiry', () => {
    expect(refreshDelayMs(new Date(NOW - 1).toISOString(), NOW)).toBe(0);
    expect(refreshDelayMs('not a date', NOW)).toBe(0);
  });
});

describe('Session', () => {
  it('refreshes the access token a minute before it expires, then again for the new one', async () => {
    const timers = new ManualTimers();
    const refresh = jest.fn(async (refreshToken: string) => aPayload(`after-${refreshToken}`, 15 * 60_000, timers.now()));
    const session = new Session(refresh, timers);
    session.start(aPayload('first', 15 * 60_000));
    expect(timers.scheduledAt).toEqual([NOW + 14 * 60_000]);

    timers.advanceTo(NOW + 14 * 60_000 - 1);
    expect(refresh).not.toHaveBeenCalled();
    timers.advanceTo(NOW + 14 * 60_000);
    await settled();
    expect(refresh).toHaveBeenCalledWith('rt_first');
    expect(session.accessToken()).toBe('after-rt_first');
    expect(timers.scheduledAt).toEqual([NOW + 28 * 60_000]);
  });

  it('refreshes once however many requests find their token expired at the same time', async () => {
    const refresh = jest.fn(async () => aPayload('second', 15 * 60_000));
    const session = new Session(refresh, new ManualTimers());
    session.start(aPayload('first', 15 * 60_000));
    expect(await Promise.all([session.renew(), session.renew(), session.renew()])).toEqual([true, true, true]);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('expires when the refresh is refused, keeping who was signed in, with no timer left', async () => {
    const timers = new ManualTimers();
    const session = new Session(() => Promise.reject(new Error('UNAUTHENTICATED')), timers);
    const states: string[] = [];
    session.subscribe((state) => states.push(state.status));
    session.start(aPayload('first', 15 * 60_000));
    expect(await session.renew()).toBe(false);
    expect(session.state).toEqual({ status: 'expired', userId: 'moderator-1' });
    expect(session.accessToken()).toBeNull();
    expect(timers.scheduledAt).toEqual([]);
    expect(states).toEqual(['signedIn', 'expired']);
  });

  it('stops refreshing once signed out, and a refresh answered after sign-out does not sign back in', async () => {
    const timers = new ManualTimers();
    let answer: (payload: SignedIn) => void = () => undefined;
    const session = new Session(() => new Promise((resolve) => (answer = resolve)), timers);
    session.start(aPayload('first', 15 * 60_000));
    const renewed = session.renew();
    session.signOut();
    answer(aPayload('late', 15 * 60_000));
    expect(await renewed).toBe(false);
    expect(session.state).toEqual({ status: 'signedOut' });
    expect(timers.scheduledAt).toEqual([]);
  });
});
