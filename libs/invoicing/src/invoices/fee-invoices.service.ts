import { AccountsService } from '@marketplace/accounts';
import { Clock } from '@marketplace/common';
import { AppConfig, InjectConfig, PlatformLegalConfig } from '@marketplace/config';
import { Transactions } from '@marketplace/database';
import { JobQueue } from '@marketplace/jobs';
import { Mission } from '@marketplace/missions';
import { PaymentsService } from '@marketplace/payments';
import { ProvidersService, sirenOf } from '@marketplace/providers';
import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { BillingProfilesService, providerBusinessName } from '../billing-profile/billing-profiles.service';
import { platformLegalMention } from '../documents/fee-invoice-mentions';
import { InvoiceFacts, InvoiceParty } from '../documents/invoice-facts';
import { B2B_MENTIONS } from '../documents/invoice-mentions';
import { vatIncludedIn } from '../documents/vat-breakdown';
import { PendingFeeInvoice } from './pending-fee-invoice.entity';
import { FeeInvoiceQueue } from './pending-fee-invoices';
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
 * The platform's invoice to the provider for its fee. The completion records that it is due
 * (`pending_fee_invoices`) and queues its issue: a job numbers it in the platform's one series,
 * so that completions never queue on that series' lock. The fee is the one the payout keeps (and
 * the ledger records), VAT included: the invoice splits it into net and VAT, its total is the fee
 * to the cent. It needs no billing mandate (the platform invoices in its own name), but a business
 * buyer's SIREN and address: without a SIRET or a billing address it waits (the provider's notice
 * says so), and the job is queued again when the provider gives them.
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
    private readonly transactions: Transactions,
    private readonly queue: FeeInvoiceQueue,
    @InjectConfig() config: AppConfig,
  ) {
    this.legal = config.platformLegal;
    this.platformEmail = /<([^>]+)>/.exec(config.email.from)?.[1] ?? config.email.from;
  }

  /** In the completion's transaction: the fee is due an invoice, issued by the job queued here. */
  async recordForCompletion(manager: EntityManager, mission: Mission): Promise<void> {
    const providerId = mission.assignedProviderId;
    if (!providerId || !mission.completedAt) return;
    if (!(await this.payments.platformFeeKeptOf(manager, mission.id))) return;
    await manager.insert(PendingFeeInvoice, { missionId: mission.id, providerId, recordedAt: this.clock.now() });
    await this.queue.queue(manager, providerId);
  }

  /**
   * The job: once the provider has a SIRET and a billing address, their pending fees are invoiced
   * on their locked rows, in the order their missions completed, each for the fee its payout keeps
   * now (dated the day it is issued, for the service done at completion).
   */
  async issuePending(providerId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const pending = await manager.find(PendingFeeInvoice, {
        where: { providerId, issuedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      const buyer = pending.length ? await this.buyerOf(manager, providerId) : null;
      if (!buyer) return;
      const missions = await manager.find(Mission, {
        where: { id: In(pending.map(({ missionId }) => missionId)) },
        order: { completedAt: 'ASC', id: 'ASC' },
      });
      for (const mission of missions) {
        // Locked: a refund recorded meanwhile either lowers this fee or finds this invoice to credit.
        const feeCents = (await this.payments.platformFeeKeptOf(manager, mission.id, { locked: true })) ?? 0;
        const feeInvoiceId = feeCents > 0 ? await this.issue(manager, mission, providerId, buyer, feeCents) : null;
        await manager.update(PendingFeeInvoice, { missionId: mission.id }, { issuedAt: this.clock.now(), feeInvoiceId });
      }
    });
  }

  private async issue(
    manager: EntityManager,
    mission: Mission,
    providerId: string,
    buyer: InvoiceParty,
    feeCents: number,
  ): Promise<string> {
    // The platform's one series: its row stays locked until this job's transaction commits.
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
    const invoiceId = identifiers[0].id as string;
    await this.jobs.enqueue(manager, RENDER_INVOICE_DOCUMENTS, { invoiceId });
    return invoiceId;
  }

  /** The provider as a business buyer (name + "EI", SIREN, business address), or null when they lack one of them. */
  private async buyerOf(manager: EntityManager, providerId: string): Promise<InvoiceParty | null> {
    const profile = await this.providers.findIn(manager, providerId);
    const billing = await this.billingProfiles.of(manager, providerId);
    if (!profile?.siret || !billing) return null;
    const user = await this.accounts.findIn(manager, providerId);
    return {
      name: providerBusinessName(billing),
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
