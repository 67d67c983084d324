import { AccountsService } from '@marketplace/accounts';
import { Clock } from '@marketplace/common';
import { AppConfig, InjectConfig, PlatformLegalConfig } from '@marketplace/config';
import { JobQueue } from '@marketplace/jobs';
import { Mission } from '@marketplace/missions';
import { PaymentsService } from '@marketplace/payments';
import { ProvidersService, sirenOf } from '@marketplace/providers';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BillingProfilesService } from '../billing-profile/billing-profiles.service';
import { platformLegalMention } from '../documents/fee-invoice-mentions';
import { InvoiceFacts, InvoiceParty } from '../documents/invoice-facts';
import { B2B_MENTIONS } from '../documents/invoice-mentions';
import { vatIncludedIn } from '../documents/vat-breakdown';
import { Invoice, InvoiceKind } from './invoice.entity';
import { InvoiceNumbering, parisDate } from './invoice-numbering';
import { RENDER_INVOICE_DOCUMENTS } from './invoicing.service';

/** The platform's own series: one for all its fee invoices, gap-free like the providers' (InvoiceNumbering). */
export const PLATFORM_FEE_SERIES = 'platform:fee';

/** French standard rate, on the platform's service to the provider. */
export const PLATFORM_FEE_VAT_PERCENT = 20;

/** `JB-FEE-2026-000042`: 18 characters (BR-FR-01/02 allow 35). */
export function feeInvoiceNumber(year: number, sequence: number): string {
  return `JB-FEE-${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * The platform's invoice to the provider for its fee, in the completion's transaction, beside the
 * provider's own invoice and rendered by the same job. The fee is the one the payout keeps (and
 * the ledger records), VAT included: the invoice splits it into net and VAT, its total is the
 * fee to the cent. It needs no billing mandate (the platform invoices in its own name), but a
 * business buyer's SIREN and address: without a SIRET or a billing address there is none, and
 * the mission's `missing_invoices` row and the provider's notice say what is missing.
 */
@Injectable()
export class FeeInvoicesService {
  private readonly legal: PlatformLegalConfig;
  private readonly platformEmail: string;

  constructor(
    private readonly billingProfiles: BillingProfilesService,
    private readonly numbering: InvoiceNumbering,
    private readonly accounts: AccountsService,
    private readonly providers: ProvidersService,
    private readonly payments: PaymentsService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    @InjectConfig() config: AppConfig,
  ) {
    this.legal = config.platformLegal;
    this.platformEmail = /<([^>]+)>/.exec(config.email.from)?.[1] ?? config.email.from;
  }

  async issueForCompletion(manager: EntityManager, mission: Mission): Promise<void> {
    const providerId = mission.assignedProviderId;
    if (!providerId || !mission.completedAt) return;
    const feeCents = await this.payments.platformFeeKeptOf(manager, mission.id);
    if (!feeCents) return;
    const buyer = await this.buyerOf(manager, providerId);
    if (!buyer) return;
    // Taken last in the completion (after the provider's own series): one order of locks, and the shared row held briefly.
    const sequence = await this.numbering.next(manager, PLATFORM_FEE_SERIES);
    const issuedAt = this.clock.now();
    const facts = this.factsOf(mission, buyer, feeInvoiceNumber(Number(parisDate(issuedAt).slice(0, 4)), sequence), issuedAt, feeCents);
    const { identifiers } = await manager.insert(Invoice, {
      kind: InvoiceKind.FEE_INVOICE,
      seriesKey: PLATFORM_FEE_SERIES,
      number: facts.number,
      missionId: mission.id,
      providerId,
      clientId: mission.clientId,
      issuedAt,
      totalCents: feeCents,
      currency: facts.currency,
      facts,
    });
    await this.jobs.enqueue(manager, RENDER_INVOICE_DOCUMENTS, { invoiceId: identifiers[0].id as string });
  }

  /** The provider as a business buyer (name + "EI", SIREN, business address), or null when they lack one of them. */
  private async buyerOf(manager: EntityManager, providerId: string): Promise<InvoiceParty | null> {
    const profile = await this.providers.findIn(manager, providerId);
    const billing = await this.billingProfiles.of(manager, providerId);
    if (!profile?.siret || !billing) return null;
    const user = await this.accounts.findIn(manager, providerId);
    return {
      name: `${billing.fullName} EI`,
      addressLine: billing.addressLine,
      postcode: billing.postcode,
      city: billing.city,
      country: 'FR',
      siren: sirenOf(profile.siret),
      email: user!.email,
    };
  }

  private factsOf(mission: Mission, buyer: InvoiceParty, number: string, issuedAt: Date, feeCents: number): InvoiceFacts {
    const { netCents, taxCents } = vatIncludedIn(feeCents, PLATFORM_FEE_VAT_PERCENT);
    const issueDate = parisDate(issuedAt);
    return {
      number,
      typeCode: '380',
      issueDate,
      serviceDate: parisDate(mission.completedAt!),
      paidDate: issueDate,
      seller: {
        name: this.legal.name,
        addressLine: this.legal.addressLine,
        postcode: this.legal.postcode,
        city: this.legal.city,
        country: 'FR',
        siren: this.legal.siren,
        email: this.platformEmail,
        vatNumber: this.legal.vatNumber,
      },
      buyer,
      business: true,
      issuer: { name: this.legal.name, siren: this.legal.siren },
      line: { description: `Frais de service — mission « ${mission.title} »`, quantity: 1, unitPriceCents: netCents },
      totalCents: feeCents,
      currency: 'EUR',
      // Standard-rated: no exemption to state. Where the providers' invoices print their mandate, this one prints who the platform is.
      mentions: { vatExemption: '', mandate: platformLegalMention(this.legal), ...B2B_MENTIONS },
      vat: { categoryCode: 'S', ratePercent: PLATFORM_FEE_VAT_PERCENT, netCents, taxCents },
    };
  }
}
