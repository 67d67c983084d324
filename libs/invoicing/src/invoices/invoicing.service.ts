import { AccountsService } from '@marketplace/accounts';
import { Clock } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { defineJob, JobQueue } from '@marketplace/jobs';
import { Mission } from '@marketplace/missions';
import { PaymentsService } from '@marketplace/payments';
import { ProvidersService, sirenOf } from '@marketplace/providers';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BillingProfile } from '../billing-profile/billing-profile.entity';
import { BillingProfilesService, providerBusinessName } from '../billing-profile/billing-profiles.service';
import { InvoiceFacts, InvoiceParty } from '../documents/invoice-facts';
import { invoiceMentions, PlatformIssuer, platformIssuerOf } from '../documents/invoice-mentions';
import { BillingMandatesService } from '../mandate/billing-mandates.service';
import { InvoiceContestsService } from './invoice-contests.service';
import { Invoice, InvoiceKind } from './invoice.entity';
import { InvoiceNumbering, parisDate, providerInvoiceNumber } from './invoice-numbering';
import { MissingInvoice, MissingInvoiceReason } from './missing-invoice.entity';
import { ProviderVat, withProviderVat } from './provider-vat';

/** Renders an invoice's PDF and XML after the commit that froze it. */
export const RENDER_INVOICE_DOCUMENTS = defineJob<{ invoiceId: string }>('invoicing:render-documents', { maxAttempts: 10 });

/** What an invoice needs from the provider: a mandate in force, a SIRET, a billing name and address. */
interface Seller {
  mandateAcceptedAt: Date;
  /** The window of the mandate text the provider accepted. */
  contestDays: number;
  siren: string;
  billing: BillingProfile;
}

/** Issues the invoice of a completed mission in its provider's name, in the completion's transaction. */
@Injectable()
export class InvoicingService {
  private readonly issuer: PlatformIssuer;

  constructor(
    private readonly mandates: BillingMandatesService,
    private readonly billingProfiles: BillingProfilesService,
    private readonly numbering: InvoiceNumbering,
    private readonly accounts: AccountsService,
    private readonly providers: ProvidersService,
    private readonly payments: PaymentsService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly contests: InvoiceContestsService,
    @InjectConfig() config: AppConfig,
    private readonly providerVat: ProviderVat,
  ) {
    this.issuer = platformIssuerOf(config.platformLegal);
  }

  /**
   * Numbered and frozen now, rendered by a job. Without a mandate in force, a SIRET or a billing
   * address, the reason is recorded instead: the client is owed a payment receipt, the provider a
   * word on what they are missing.
   */
  async issueForCompletion(manager: EntityManager, mission: Mission): Promise<void> {
    const providerId = mission.assignedProviderId;
    const totalCents = await this.payments.amountKeptOf(manager, mission.id);
    if (!providerId || !totalCents || !mission.completedAt || !mission.paymentReceivedAt) return;
    const issued = await this.issue(manager, mission, totalCents);
    if (issued === MissingInvoiceReason.AWAITS_VAT_NUMBER) await this.providerVat.holdInvoice(manager, mission, totalCents);
    else if (typeof issued === 'string') await manager.insert(MissingInvoice, { missionId: mission.id, providerId, reason: issued });
  }

  /**
   * An invoice of the completed mission for `totalCents`, from the provider's and the client's
   * records as they are now (replacing `replaced`, a contested invoice, when given), with its
   * contest window and its tacit acceptance scheduled; or what the provider is missing for one.
   */
  async issue(
    manager: EntityManager,
    mission: Mission,
    totalCents: number,
    replaced?: Invoice,
  ): Promise<{ invoiceId: string } | MissingInvoiceReason> {
    const providerId = mission.assignedProviderId!;
    const seller = await this.sellerOf(manager, providerId);
    if (typeof seller === 'string') return seller;
    const serviceDate = parisDate(mission.completedAt!);
    const vat = await this.providerVat.termsFor(manager, { providerId, serviceDate });
    if (vat.status === 'AWAITS_VAT_NUMBER') return MissingInvoiceReason.AWAITS_VAT_NUMBER;
    const sequence = await this.numbering.next(manager, InvoiceNumbering.providerSeries(providerId));
    // Read once the series is ours: numbers and issue times then follow the same order.
    const issuedAt = this.clock.now();
    const franchiseFacts = await this.factsOf(manager, mission, providerId, seller, {
      number: providerInvoiceNumber(providerId, Number(parisDate(issuedAt).slice(0, 4)), sequence),
      issuedAt,
      totalCents,
    });
    const facts = vat.status === 'LIABLE' ? withProviderVat(franchiseFacts, vat) : franchiseFacts;
    const contestDeadline = new Date(issuedAt.getTime() + seller.contestDays * 86_400_000);
    const { identifiers } = await manager.insert(Invoice, {
      kind: InvoiceKind.INVOICE,
      seriesKey: InvoiceNumbering.providerSeries(providerId),
      number: facts.number,
      missionId: mission.id,
      providerId,
      clientId: mission.clientId,
      issuedAt,
      totalCents,
      currency: facts.currency,
      facts,
      contestDeadline,
      correctsInvoiceId: replaced?.id ?? null,
    });
    const invoiceId = identifiers[0].id as string;
    await this.jobs.enqueue(manager, RENDER_INVOICE_DOCUMENTS, { invoiceId });
    await this.contests.scheduleTacitAcceptance(manager, invoiceId, contestDeadline);
    return { invoiceId };
  }

  /** The provider's records, or the first of them missing (in the order a provider is asked for them). */
  private async sellerOf(manager: EntityManager, providerId: string): Promise<Seller | MissingInvoiceReason> {
    // Every read on the transaction's own connection: a second one from the pool per completion would starve it under load.
    const mandate = await this.mandates.inForce(manager, providerId);
    if (!mandate) return MissingInvoiceReason.NO_BILLING_MANDATE;
    const profile = await this.providers.findIn(manager, providerId);
    if (!profile?.siret) return MissingInvoiceReason.NO_SIRET;
    const billing = await this.billingProfiles.of(manager, providerId);
    if (!billing) return MissingInvoiceReason.NO_BILLING_ADDRESS;
    return { mandateAcceptedAt: mandate.acceptedAt, contestDays: mandate.contestDays, siren: sirenOf(profile.siret), billing };
  }

  private async factsOf(
    manager: EntityManager,
    mission: Mission,
    providerId: string,
    seller: Seller,
    { number, issuedAt, totalCents }: { number: string; issuedAt: Date; totalCents: number },
  ): Promise<InvoiceFacts> {
    const providerUser = await this.accounts.findIn(manager, providerId);
    const clientUser = await this.accounts.findIn(manager, mission.clientId);
    const clientBilling = await this.billingProfiles.of(manager, mission.clientId);
    const sellerName = providerBusinessName(seller.billing);
    const sellerParty: InvoiceParty = {
      ...addressOf(seller.billing),
      name: sellerName,
      siren: seller.siren,
      email: providerUser!.email,
    };
    const business = clientBilling?.siren != null;
    const buyer: InvoiceParty = clientBilling
      ? {
          ...addressOf(clientBilling),
          name: clientBilling.companyName ?? clientBilling.fullName,
          siren: clientBilling.siren,
          email: clientUser!.email,
        }
      : // A consumer without a billing profile: their name as they gave it, and the address the service was done at.
        {
          name: clientUser!.displayName,
          addressLine: mission.address,
          postcode: mission.postcode,
          city: mission.city,
          country: 'FR',
          siren: null,
          email: clientUser!.email,
        };
    return {
      number,
      typeCode: '380',
      issueDate: parisDate(issuedAt),
      serviceDate: parisDate(mission.completedAt!),
      paidDate: parisDate(mission.paymentReceivedAt!),
      seller: sellerParty,
      buyer,
      business,
      issuer: { ...this.issuer },
      line: { description: mission.title, quantity: 1, unitPriceCents: totalCents },
      totalCents,
      currency: 'EUR',
      mentions: invoiceMentions(this.issuer, sellerName, parisDate(seller.mandateAcceptedAt)),
    };
  }
}

function addressOf(profile: BillingProfile): Pick<InvoiceParty, 'addressLine' | 'postcode' | 'city' | 'country'> {
  return { addressLine: profile.addressLine, postcode: profile.postcode, city: profile.city, country: 'FR' };
}
