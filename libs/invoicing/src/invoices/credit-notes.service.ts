import { Clock, isModerator, Viewer } from '@marketplace/common';
import { Transactions } from '@marketplace/database';
import { JobQueue } from '@marketplace/jobs';
import { MissionsService } from '@marketplace/missions';
import { MoneyReturned, PaymentsService } from '@marketplace/payments';
import { Injectable } from '@nestjs/common';
import { EntityManager, Not } from 'typeorm';
import { InvoiceFacts } from '../documents/invoice-facts';
import {
  InvoiceCannotBeReissuedError,
  InvoiceNotContestedError,
  InvoiceNotFoundError,
  NotTheInvoiceProviderError,
} from '../invoicing.errors';
import { lockedInvoice } from './invoice-contests.service';
import { Invoice, InvoiceKind, InvoiceStatus } from './invoice.entity';
import { InvoiceNumbering, parisDate, providerInvoiceNumber } from './invoice-numbering';
import { InvoicingService, RENDER_INVOICE_DOCUMENTS } from './invoicing.service';
import { MissingInvoiceReason } from './missing-invoice.entity';

/** A contested invoice's correction: the credit note that cancels what it still invoiced, and the invoice replacing it (null when nothing is left to invoice). */
export interface InvoiceCorrection {
  creditNote: Invoice | null;
  invoice: Invoice | null;
}

const MISSING: Record<MissingInvoiceReason, string> = {
  [MissingInvoiceReason.NO_BILLING_MANDATE]: 'the provider has no billing mandate in force',
  [MissingInvoiceReason.NO_SIRET]: 'the provider has no SIRET in their provider profile',
  [MissingInvoiceReason.NO_BILLING_ADDRESS]: 'the provider has no billing profile',
  [MissingInvoiceReason.AWAITS_VAT_NUMBER]: 'the provider is out of the VAT franchise and their tax profile has no VAT number',
};

/**
 * Credit notes (type 381, numbered in the provider's series, referencing the invoice they credit):
 * for a contested invoice that is reissued, and for money the client got back after the invoice
 * was issued. A mission's invoice in force is its last invoice not cancelled; what it still
 * invoices is its total less its credit notes. Both paths lock that invoice's row first.
 */
@Injectable()
export class CreditNotesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly invoicing: InvoicingService,
    private readonly numbering: InvoiceNumbering,
    private readonly missions: MissionsService,
    private readonly payments: PaymentsService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  /**
   * In the transaction that records a refund or a lost chargeback: the invoice in force is credited
   * with what it invoices beyond what the client now keeps paying (a split's refund was already left
   * out of the invoice: it credits nothing). Once per return, even if it were told twice.
   */
  async creditMoneyReturned(manager: EntityManager, returned: MoneyReturned): Promise<void> {
    const invoice = await this.invoiceInForce(manager, returned.missionId);
    if (!invoice || (await manager.existsBy(Invoice, { refundReference: returned.reference }))) return;
    const kept = (await this.payments.amountKeptOf(manager, returned.missionId)) ?? 0;
    const cents = Math.min(returned.amountCents, (await this.stillInvoicedBy(manager, invoice)) - kept);
    if (cents > 0) await this.issueCreditNote(manager, invoice, cents, returned.reference);
  }

  /**
   * The provider (or a moderator), once the records are right, has a contested invoice corrected:
   * a credit note for what it still invoices, then an invoice from the provider's and the client's
   * billing records as they are now, for what the client keeps paying; the original is CANCELLED.
   */
  async reissue(viewer: Viewer, invoiceId: string): Promise<InvoiceCorrection> {
    return this.transactions.run(async (manager) => {
      const original = await lockedInvoice(manager, invoiceId);
      const party = original && (viewer.id === original.providerId || viewer.id === original.clientId);
      if (!original || (!party && !isModerator(viewer))) throw new InvoiceNotFoundError();
      if (viewer.id === original.clientId && !isModerator(viewer)) throw new NotTheInvoiceProviderError('have it reissued');
      if (original.status !== InvoiceStatus.CONTESTED) throw new InvoiceNotContestedError();
      const mission = (await this.missions.findVisible(viewer, original.missionId, manager))!;
      const kept = (await this.payments.amountKeptOf(manager, original.missionId)) ?? 0;
      const credited = await this.stillInvoicedBy(manager, original);
      const creditNoteId = credited > 0 ? await this.issueCreditNote(manager, original, credited, null) : null;
      const issued = kept > 0 ? await this.invoicing.issue(manager, mission, kept, original) : null;
      if (typeof issued === 'string') throw new InvoiceCannotBeReissuedError(MISSING[issued]);
      await manager.update(Invoice, { id: original.id }, { status: InvoiceStatus.CANCELLED, cancelledAt: this.clock.now() });
      return {
        creditNote: creditNoteId ? await manager.findOneByOrFail(Invoice, { id: creditNoteId }) : null,
        invoice: issued ? await manager.findOneByOrFail(Invoice, { id: issued.invoiceId }) : null,
      };
    });
  }

  /** The mission's last invoice not cancelled, locked. */
  private async invoiceInForce(manager: EntityManager, missionId: string): Promise<Invoice | null> {
    const last = await manager.findOne(Invoice, {
      where: { missionId, kind: InvoiceKind.INVOICE, status: Not(InvoiceStatus.CANCELLED) },
      order: { issuedAt: 'DESC', id: 'DESC' },
    });
    return last && lockedInvoice(manager, last.id);
  }

  private async stillInvoicedBy(manager: EntityManager, invoice: Invoice): Promise<number> {
    const [{ credited }]: { credited: number }[] = await manager.query(
      `SELECT coalesce(sum(total_cents), 0)::int AS credited FROM invoices WHERE corrects_invoice_id = $1 AND kind = 'CREDIT_NOTE'`,
      [invoice.id],
    );
    return invoice.totalCents - credited;
  }

  /** Numbered in the original's series and frozen now, from the original's facts (the parties as invoiced), rendered by the job. */
  private async issueCreditNote(manager: EntityManager, original: Invoice, cents: number, refundReference: string | null): Promise<string> {
    const sequence = await this.numbering.next(manager, original.seriesKey);
    const issuedAt = this.clock.now();
    const facts: InvoiceFacts = {
      ...original.facts,
      number: providerInvoiceNumber(original.providerId, Number(parisDate(issuedAt).slice(0, 4)), sequence),
      typeCode: '381',
      issueDate: parisDate(issuedAt),
      paidDate: parisDate(issuedAt),
      line: {
        description: `Avoir sur la facture ${original.number} : ${original.facts.line.description}`,
        quantity: 1,
        unitPriceCents: cents,
      },
      totalCents: cents,
      mentions: { ...original.facts.mentions, mandate: original.facts.mentions.mandate.replace(/^Facture émise/, 'Avoir émis') },
      precedingInvoice: { number: original.number, issueDate: original.facts.issueDate },
    };
    const { identifiers } = await manager.insert(Invoice, {
      kind: InvoiceKind.CREDIT_NOTE,
      seriesKey: original.seriesKey,
      number: facts.number,
      missionId: original.missionId,
      providerId: original.providerId,
      clientId: original.clientId,
      issuedAt,
      totalCents: cents,
      currency: original.currency,
      facts,
      correctsInvoiceId: original.id,
      refundReference,
    });
    const creditNoteId = identifiers[0].id as string;
    await this.jobs.enqueue(manager, RENDER_INVOICE_DOCUMENTS, { invoiceId: creditNoteId });
    return creditNoteId;
  }
}
