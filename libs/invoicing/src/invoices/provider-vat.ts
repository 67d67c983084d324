/**
 * Whether a provider's invoice charges VAT. Invoicing does not know the thresholds: libs/tax, higher
 * in the dependency order, sets the policy when its module starts. Until one is set, every provider
 * is under the franchise, as before.
 */
import { Clock } from '@marketplace/common';
import { Mission } from '@marketplace/missions';
import { NotificationKind, Notifier } from '@marketplace/notifications';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InvoiceFacts } from '../documents/invoice-facts';
import { vatIncludedIn } from '../documents/vat-breakdown';
import { MissingInvoice, MissingInvoiceReason } from './missing-invoice.entity';

/** Under the franchise; liable, with the VAT number and rate to invoice; or out of it without a VAT number yet. */
export type ProviderVatTerms =
  { status: 'FRANCHISE' } | { status: 'LIABLE'; vatNumber: string; ratePercent: number } | { status: 'AWAITS_VAT_NUMBER' };

/** The terms for an invoice of a service done on `serviceDate` (YYYY-MM-DD), in the invoice's transaction. */
export type ProviderVatPolicy = (
  manager: EntityManager,
  question: { providerId: string; serviceDate: string },
) => Promise<ProviderVatTerms>;

@Injectable()
export class ProviderVat {
  private policy: ProviderVatPolicy = () => Promise.resolve({ status: 'FRANCHISE' });

  constructor(
    private readonly notifier: Notifier,
    private readonly clock: Clock,
  ) {}

  decideWith(policy: ProviderVatPolicy): void {
    this.policy = policy;
  }

  termsFor(manager: EntityManager, question: Parameters<ProviderVatPolicy>[1]): Promise<ProviderVatTerms> {
    return this.policy(manager, question);
  }

  /**
   * The mission's invoice waits for the provider's VAT number: recorded as missing (already told,
   * so no payment receipt replaces it) and the provider told why.
   */
  async holdInvoice(manager: EntityManager, mission: Mission, totalCents: number): Promise<void> {
    const providerId = mission.assignedProviderId!;
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(MissingInvoice)
      .values({ missionId: mission.id, providerId, reason: MissingInvoiceReason.AWAITS_VAT_NUMBER, notifiedAt: this.clock.now() })
      .orIgnore()
      .returning(['missionId'])
      .execute();
    if ((inserted.raw as unknown[]).length === 0) return;
    await this.notifier.notify(manager, {
      userId: providerId,
      kind: NotificationKind.INVOICE_AWAITS_VAT_NUMBER,
      missionId: mission.id,
      facts: { missionTitle: mission.title, amountCents: totalCents },
    });
  }
}

/** The invoice's facts once VAT applies: the seller's VAT number, the standard-rated breakdown (the VAT included in the price paid), no 293 B mention. */
export function withProviderVat(facts: InvoiceFacts, terms: { vatNumber: string; ratePercent: number }): InvoiceFacts {
  const { netCents, taxCents } = vatIncludedIn(facts.totalCents, terms.ratePercent);
  return {
    ...facts,
    seller: { ...facts.seller, vatNumber: terms.vatNumber },
    line: { ...facts.line, unitPriceCents: netCents },
    mentions: { ...facts.mentions, vatExemption: '' },
    vat: { categoryCode: 'S', ratePercent: terms.ratePercent, netCents, taxCents },
  };
}
