import { ProviderVatTerms } from '@marketplace/invoicing';
import { PayoutsService } from '@marketplace/payments';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TaxProfile, VatStatus } from '../profile/tax-profile.entity';
import { knownTaxYear } from '../tax-rates';
import { ThresholdsService } from './thresholds.service';

/**
 * The VAT terms of a provider's invoice, the policy invoicing applies (see TaxModule): from the day
 * the franchise ended, VAT at the provider's rate (the year's standard one unless they chose
 * another) once their profile is LIABLE with a VAT number, the invoice waiting until then; before
 * that day, the franchise; a provider LIABLE of their own accord charges VAT.
 */
@Injectable()
export class VatTerms {
  constructor(
    private readonly thresholds: ThresholdsService,
    private readonly payouts: PayoutsService,
  ) {}

  async of(manager: EntityManager, { providerId, serviceDate }: { providerId: string; serviceDate: string }): Promise<ProviderVatTerms> {
    const year = Number(serviceDate.slice(0, 4));
    const row = knownTaxYear(year);
    // A year the table does not know has no thresholds to watch: the profile as declared, and no rate guessed.
    // The missions completed and not paid out yet (this one included) count: the one that crosses is the first with VAT.
    const { endedOn, profile } = row
      ? await this.thresholds.franchiseEndedBy(manager, providerId, serviceDate, () =>
          this.payouts.notTransferredGrossOf(manager, providerId),
        )
      : { endedOn: null, profile: await this.thresholds.profileOf(manager, providerId) };
    const liable = liableTerms(profile, row?.vatRatesBasisPoints.standard ?? null);
    if (endedOn && serviceDate >= endedOn) return liable ?? { status: 'AWAITS_VAT_NUMBER' };
    if (endedOn) return { status: 'FRANCHISE' };
    if (profile?.vatStatus === VatStatus.LIABLE) return liable ?? { status: 'AWAITS_VAT_NUMBER' };
    return { status: 'FRANCHISE' };
  }
}

function liableTerms(profile: TaxProfile | null, standardBasisPoints: number | null): ProviderVatTerms | null {
  const basisPoints = profile?.vatRateBasisPoints ?? standardBasisPoints;
  if (profile?.vatStatus !== VatStatus.LIABLE || !profile.vatNumber || basisPoints === null) return null;
  return { status: 'LIABLE', vatNumber: profile.vatNumber, ratePercent: basisPoints / 100 };
}
