import { AppConfig, InjectConfig } from '@marketplace/config';
import { Injectable } from '@nestjs/common';
import { TooManyLoginFailuresError } from '../accounts.errors';
import { CountedAttempt, RateLimitBucket, RateLimiter } from '../rate-limits/rate-limiter';

/** A sign-in attempt counted against its email and its IP, until it turns out to be the right password. */
export interface LoginAttempt {
  emailKey: string;
  counted: CountedAttempt;
}

/**
 * Limits password guessing per email and per IP. Every attempt is counted before its password is
 * checked, so concurrent guesses cannot all get through; the right password gives its attempt back.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly limiter: RateLimiter,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async takeAttempt(email: string, ip: string): Promise<LoginAttempt> {
    const { maxLoginFailuresPerEmail, maxLoginFailuresPerIp, loginFailureWindowSeconds: windowSeconds } = this.config.auth;
    const emailKey = `login:email:${email}`;
    const buckets: RateLimitBucket[] = [
      { key: emailKey, max: maxLoginFailuresPerEmail, windowSeconds },
      { key: `login:ip:${ip}`, max: maxLoginFailuresPerIp, windowSeconds },
    ];
    const outcome = await this.limiter.take(buckets);
    if (!outcome.allowed) throw new TooManyLoginFailuresError(outcome.retryAfterSeconds);
    return { emailKey, counted: outcome.attempt };
  }

  /** The right password: not a failure, and it forgives that email's earlier failures (the IP's stay counted). */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.limiter.giveBack(attempt.counted, [attempt.emailKey]);
  }
}
