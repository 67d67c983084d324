import { Clock, Viewer } from '@marketplace/common';
import { Transactions } from '@marketplace/database';
import { parisDateOf } from '@marketplace/earnings';
import { AwaitingVatInvoices } from '@marketplace/invoicing';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { UpdateTaxProfileInput } from '../dto/update-tax-profile.input';
import {
  ActivityStartInFutureError,
  FranchiseEndedError,
  InvalidVatNumberError,
  VatNumberRequiredError,
  VatRateNotAllowedError,
} from '../tax.errors';
import { taxYearOrRefuse } from '../tax-year';
import { TaxProfile, VatStatus } from './tax-profile.entity';
import { isValidFrenchVatNumber } from './vat-number';

@Injectable()
export class TaxProfilesService {
  constructor(
    @InjectRepository(TaxProfile) private readonly profiles: Repository<TaxProfile>,
    private readonly transactions: Transactions,
    private readonly awaitingVat: AwaitingVatInvoices,
    private readonly clock: Clock,
  ) {}

  /** Replaces the provider's declared tax situation; BAD_USER_INPUT (and nothing written) for any invalid part. */
  async update(viewer: Viewer, input: UpdateTaxProfileInput): Promise<TaxProfile> {
    const today = parisDateOf(this.clock.now());
    const current = await this.findFor(viewer.id);
    if (input.activityStartedOn > today) throw new ActivityStartInFutureError(today);
    const vatNumber = input.vatNumber || null;
    if (vatNumber !== null && !isValidFrenchVatNumber(vatNumber)) throw new InvalidVatNumberError();
    if (input.vatStatus === VatStatus.LIABLE && vatNumber === null) throw new VatNumberRequiredError();
    const endedLately = current?.franchiseEndedOn && current.franchiseEndedOn >= `${Number(today.slice(0, 4)) - 1}-01-01`;
    if (input.vatStatus === VatStatus.FRANCHISE && endedLately) throw new FranchiseEndedError(current!.franchiseEndedOn!);
    const vatRateBasisPoints = input.vatRateBasisPoints ?? null;
    const { allowed } = taxYearOrRefuse(Number(today.slice(0, 4))).vatRatesBasisPoints;
    if (vatRateBasisPoints !== null && !allowed.includes(vatRateBasisPoints)) throw new VatRateNotAllowedError(allowed);
    const offPlatformRevenueCents = input.offPlatformRevenueCents ?? 0;
    return this.transactions.run(async (manager) => {
      await manager.upsert(
        TaxProfile,
        {
          userId: viewer.id,
          activityType: input.activityType,
          activityStartedOn: input.activityStartedOn,
          vatStatus: input.vatStatus,
          vatNumber,
          vatRateBasisPoints,
          declarationFrequency: input.declarationFrequency,
          versementLiberatoire: input.versementLiberatoire,
          offPlatformRevenueCents,
          offPlatformRevenueYear: input.offPlatformRevenueCents == null ? null : Number(today.slice(0, 4)),
        },
        { conflictPaths: ['userId'] },
      );
      // Invoices held since the franchise ended go out now, with VAT.
      if (input.vatStatus === VatStatus.LIABLE) await this.awaitingVat.issueFor(manager, viewer.id);
      return manager.findOneByOrFail(TaxProfile, { userId: viewer.id });
    });
  }

  findFor(userId: string, manager?: EntityManager): Promise<TaxProfile | null> {
    return (manager ?? this.profiles.manager).findOneBy(TaxProfile, { userId });
  }

  /** The platform's record of the day the provider's franchise ended (no profile yet: nothing to record it on). */
  async recordFranchiseEnd(manager: EntityManager, userId: string, endedOn: string): Promise<void> {
    await manager.update(TaxProfile, { userId }, { franchiseEndedOn: endedOn });
  }

  async profilesOf(userIds: readonly string[]): Promise<(TaxProfile | null)[]> {
    const profiles = new Map((await this.profiles.findBy({ userId: In([...userIds]) })).map((profile) => [profile.userId, profile]));
    return userIds.map((userId) => profiles.get(userId) ?? null);
  }
}
