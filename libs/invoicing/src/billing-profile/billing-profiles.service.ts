import { Viewer } from '@marketplace/common';
import { Transactions } from '@marketplace/database';
import { isValidSiren } from '@marketplace/providers';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { UpdateBillingProfileInput } from '../dto/update-billing-profile.input';
import { InvalidSirenError } from '../invoicing.errors';
import { FeeInvoiceQueue } from '../invoices/pending-fee-invoices';
import { BillingProfile } from './billing-profile.entity';

/** A provider as a business: their billing name followed by "EI", as their invoices name them (CGI 242 nonies A, décret 2022-725). */
export function providerBusinessName(billing: Pick<BillingProfile, 'fullName'>): string {
  return `${billing.fullName} EI`;
}

@Injectable()
export class BillingProfilesService {
  constructor(
    @InjectRepository(BillingProfile) private readonly profiles: Repository<BillingProfile>,
    private readonly transactions: Transactions,
    private readonly feeInvoiceQueue: FeeInvoiceQueue,
  ) {}

  /** Replaces the viewer's billing profile (the fee invoices waiting for it are queued); BAD_USER_INPUT (and nothing written) for an invalid SIREN. */
  async update(viewer: Viewer, input: UpdateBillingProfileInput): Promise<BillingProfile> {
    if (input.business && !isValidSiren(input.business.siren)) throw new InvalidSirenError();
    const profile = {
      userId: viewer.id,
      fullName: input.fullName,
      addressLine: input.addressLine,
      postcode: input.postcode,
      city: input.city,
      companyName: input.business?.companyName ?? null,
      siren: input.business?.siren ?? null,
    };
    return this.transactions.run(async (manager) => {
      await manager.upsert(BillingProfile, profile, { conflictPaths: ['userId'] });
      await this.feeInvoiceQueue.queueIfPending(manager, viewer.id);
      return manager.findOneByOrFail(BillingProfile, { userId: viewer.id });
    });
  }

  of(manager: EntityManager, userId: string): Promise<BillingProfile | null> {
    return manager.findOneBy(BillingProfile, { userId });
  }

  findOf(userId: string): Promise<BillingProfile | null> {
    return this.profiles.findOneBy({ userId });
  }

  /** The provider's name as their invoices print it; their display name while they have no billing profile (as their payment receipts do). */
  async providerNameOf(providerId: string, displayName: string): Promise<string> {
    const billing = await this.findOf(providerId);
    return billing ? providerBusinessName(billing) : displayName;
  }
}
