import { Injectable } from '@nestjs/common';

/** Why a provider's payouts wait (a sentence for the log), or null when nothing holds them. */
export type PayoutHoldCheck = (providerId: string) => Promise<string | null>;

/**
 * What other domains hold a provider's payouts for (tax-reporting: DAC7 data missing past the due
 * diligence's deadline). They register when their module starts, payments never imports them; a
 * held payout stays PENDING, and the domain that held it releases it (releaseHeldPayoutsOf).
 */
@Injectable()
export class PayoutHolds {
  private readonly checks: PayoutHoldCheck[] = [];

  register(check: PayoutHoldCheck): void {
    this.checks.push(check);
  }

  async reasonToHold(providerId: string): Promise<string | null> {
    for (const check of this.checks) {
      const reason = await check(providerId);
      if (reason) return reason;
    }
    return null;
  }
}
