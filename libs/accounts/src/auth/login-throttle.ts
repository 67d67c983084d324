import { AppConfig, InjectConfig } from '@marketplace/config';
import { Clock } from '@marketplace/common';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TooManyLoginFailuresError } from '../accounts.errors';
import { LoginFailure } from './login-failure.entity';

/**
 * Limits password guessing: after too many failures within the window, per email or per IP,
 * sign-in is refused until the oldest failure leaves the window. Kept in PostgreSQL, so the
 * limit survives restarts and holds across API instances.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @InjectRepository(LoginFailure) private readonly failures: Repository<LoginFailure>,
    @InjectConfig() private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const { maxLoginFailuresPerEmail, maxLoginFailuresPerIp, loginFailureWindowSeconds } = this.config.auth;
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - loginFailureWindowSeconds * 1000);
    const [counts] = (await this.failures.query(
      `SELECT count(*) FILTER (WHERE email = $1)::int AS by_email,
              min(failed_at) FILTER (WHERE email = $1) AS oldest_by_email,
              count(*) FILTER (WHERE ip = $2)::int AS by_ip,
              min(failed_at) FILTER (WHERE ip = $2) AS oldest_by_ip
         FROM login_failures
        WHERE (email = $1 OR ip = $2) AND failed_at > $3`,
      [email, ip, windowStart],
    )) as { by_email: number; oldest_by_email: Date | null; by_ip: number; oldest_by_ip: Date | null }[];

    const blockedSince = [
      counts.by_email >= maxLoginFailuresPerEmail ? counts.oldest_by_email : null,
      counts.by_ip >= maxLoginFailuresPerIp ? counts.oldest_by_ip : null,
    ].filter((date): date is Date => date !== null);
    if (blockedSince.length === 0) return;
    const unblockedAt = Math.max(...blockedSince.map((date) => date.getTime())) + loginFailureWindowSeconds * 1000;
    throw new TooManyLoginFailuresError(Math.max(1, Math.ceil((unblockedAt - now.getTime()) / 1000)));
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await this.failures.insert({ email, ip, failedAt: this.clock.now() });
  }

  /** A successful sign-in forgives that email's earlier failures (the IP's stay counted). */
  async clearFailures(email: string): Promise<void> {
    await this.failures.delete({ email });
  }

  /** Failures older than the window no longer count for anything. */
  async purgeExpired(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.auth.loginFailureWindowSeconds * 1000);
    const result = await this.failures.createQueryBuilder().delete().where('failed_at <= :cutoff', { cutoff }).execute();
    return result.affected ?? 0;
  }
}
