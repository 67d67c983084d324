import { Injectable } from '@nestjs/common';
import { Payout } from './payout.entity';

/** What is withheld from a payout for the URSSAF, in cents. */
export interface UrssafWithholding {
  contributionsCents: number;
  incomeTaxCents: number;
  trainingCents: number;
}

/** From the payout's gross (what the client paid for it, fee included): what to withhold, or null for nothing. */
export type WithholdingCalculator = (payout: Payout, grossCents: number) => Promise<UrssafWithholding | null>;

/**
 * The URSSAF withholding (URSSAF_WITHHOLDING): tax-reporting registers its calculator when the
 * setting is on, payments never imports it. With none registered, nothing is withheld.
 */
@Injectable()
export class PayoutWithholding {
  private calculator: WithholdingCalculator | null = null;

  register(calculator: WithholdingCalculator): void {
    this.calculator = calculator;
  }

  async of(payout: Payout): Promise<UrssafWithholding | null> {
    return this.calculator ? this.calculator(payout, payout.amountCents + payout.platformFeeCents) : null;
  }
}
