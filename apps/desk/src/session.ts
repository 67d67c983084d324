/**
 * The moderator's sign-in, in memory only (never localStorage, sessionStorage or a cookie): the
 * access token is refreshed with refreshSession a minute before it expires; when that fails the
 * session has expired and the desk goes back to sign-in.
 */
import type { TokenSource } from './graphql-client';

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  /** ISO time the access token expires. */
  expiresAt: string;
  user: { id: string; displayName: string; roles: string[] };
}

export type SessionState = { status: 'signedOut' } | { status: 'expired'; userId: string } | { status: 'signedIn'; payload: SignedIn };

export interface Timers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const BROWSER_TIMERS: Timers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** How long before its expiry an access token is refreshed. */
export const REFRESH_MARGIN_MS = 60_000;

/** When to refresh an access token expiring at `expiresAt`: a minute before (at most half its remaining life), at once when late. */
export function refreshDelayMs(expiresAt: string, now: number): number {
  const remaining = Date.parse(expiresAt) - now;
  if (!(remaining > 0)) return 0;
  return remaining - Math.min(REFRESH_MARGIN_MS, remaining / 2);
}

export const MODERATING_ROLES = ['MODERATOR', 'ADMIN'];

export function mayModerate(user: SignedIn['user']): boolean {
  return user.roles.some((role) => MODERATING_ROLES.includes(role));
}

export class Session implements TokenSource {
  private current: SessionState = { status: 'signedOut' };
  private timer: unknown = null;
  private renewing: Promise<boolean> | null = null;
  private readonly listeners = new Set<(state: SessionState) => void>();

  constructor(
    /** refreshSession: a new payload for a refresh token (it rejects when the token is no longer good). */
    private readonly refresh: (refreshToken: string) => Promise<SignedIn>,
    private readonly timers: Timers = BROWSER_TIMERS,
  ) {}

  get state(): SessionState {
    return this.current;
  }

  subscribe(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(payload: SignedIn): void {
    this.set({ status: 'signedIn', payload });
  }

  accessToken(): string | null {
    return this.current.status === 'signedIn' ? this.current.payload.accessToken : null;
  }

  /** Refreshes now (one refresh at a time, however many requests ask): false, and the session expired, when it fails. */
  renew(): Promise<boolean> {
    if (this.current.status !== 'signedIn') return Promise.resolve(false);
    const { refreshToken, user } = this.current.payload;
    this.renewing ??= this.refresh(refreshToken)
      .then(
        (payload) => {
          if (this.accessToken() === null) return false;
          this.start(payload);
          return true;
        },
        () => {
          if (this.accessToken() !== null) this.set({ status: 'expired', userId: user.id });
          return false;
        },
      )
      .finally(() => {
        this.renewing = null;
      });
    return this.renewing;
  }

  /** The moderator signs out (their refresh token is the caller's to revoke). */
  signOut(): void {
    this.set({ status: 'signedOut' });
  }

  private set(state: SessionState): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.current = state;
    if (state.status === 'signedIn') {
      this.timer = this.timers.setTimeout(() => void this.renew(), refreshDelayMs(state.payload.expiresAt, this.timers.now()));
    }
    for (const listener of this.listeners) listener(state);
  }
}
