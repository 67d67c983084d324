import { EarningsService } from '@marketplace/earnings';
import { UrssafWithholding } from '@marketplace/payments';
import { taxYear, TaxProfilesService } from '@marketplace/tax';
import { Injectable, Logger } from '@nestjs/common';
import { urssafAmountsOf } from './urssaf-contributions';

/**
 * The withholding of URSSAF_WITHHOLDING (CSS L. 613-6-1, general from January 2027): on each
 * payout's gross, the contributions, the versement libératoire and the CFP at the rates of the
 * year of the transfer (tax-rates.ts; a year without a row fails the transfer, which is retried,
 * rather than guess), for the provider's activity type.
 */
@Injectable()
export class UrssafWithholdingService {
  private readonly logger = new Logger(UrssafWithholdingService.name);

  constructor(
    private readonly taxProfiles: TaxProfilesService,
    private readonly earnings: EarningsService,
  ) {}

  async of(providerId: string, grossCents: number): Promise<UrssafWithholding | null> {
    const profile = await this.taxProfiles.findFor(providerId);
    if (!profile) {
      this.logger.warn({ msg: 'Nothing withheld: the provider has no tax profile', providerId });
      return null;
    }
    const year = taxYear(Number(this.earnings.today().slice(0, 4)));
    const amounts = urssafAmountsOf(grossCents, year, profile.activityType, profile.versementLiberatoire);
    return { contributionsCents: amounts.contributionsCents, incomeTaxCents: amounts.incomeTaxCents, trainingCents: amounts.trainingCents };
  }
}
