import { Clock, isModerator, Viewer } from '@marketplace/common';
import { Transactions } from '@marketplace/database';
import { JobQueue } from '@marketplace/jobs';
import { MissionsService } from '@marketplace/missions';
import { NotificationKind, Notifier } from '@marketplace/notifications';
import { MoneyReturned, PaymentsService } from '@marketplace/payments';
import { Injectable } from '@nestjs/common';
import { EntityManager, Not } from 'typeorm';
import { InvoiceFacts } from '../documents/invoice-facts';
import { vatIncludedIn } from '../documents/vat-breakdown';
import {
  InvoiceCannotBeReissuedError,
  InvoiceNotContestedError,
  InvoiceNotFoundError,
  NotTheInvoiceProviderError,
} from '../invoicing.errors';
import { invoiceFactsOf, lockedInvoice } from './invoice-contests.service';
import { Invoice, InvoiceKind, InvoiceStatus } from './invoice.entity';
import { InvoiceNumbering, parisDate, providerInvoiceNumber } from './invoice-numbering';
import { feeInvoiceNumber } from './fee-invoices.service';
import { InvoicingService, RENDER_INVOICE_DOCUMENTS } from './invoicing.service';
import { MissingInvoiceReason } from './missing-invoice.entity';

/** A contested invoice's correction: the credit note that cancels what it still invoiced, and the invoice replacing it (null when nothing is left to invoice). */
export interface InvoiceCorrection {
  creditNote: Invoice | null;
  invoice: Invoice | null;
}

const CREDIT_NOTE_KINDS = [InvoiceKind.CREDIT_NOTE, InvoiceKind.FEE_CREDIT_NOTE];

const MISSING: Record<MissingInvoiceReason, string> = {
  [MissingInvoiceReason.NO_BILLING_MANDATE]: 'the provider has no billing mandate in force',
  [MissingInvoiceReason.NO_SIRET]: 'the provider has no SIRET in their provider profile',
  [MissingInvoiceReason.NO_BILLING_ADDRESS]: 'the provider has no billing profile',
  [MissingInvoiceReason.AWAITS_VAT_NUMBER]: 'the provider is out of the VAT franchise and their tax profile has no VAT number',
};

/**
 * Credit notes (type 381, numbered in the series of the invoice they credit, referencing it): for a
 * contested invoice that is reissued, and for money the client got back after the invoice was
 * issued, on the provider's invoice and on the platform's fee invoice (FEE_CREDIT_NOTE, in the
 * platform's series). A mission's invoice in force is its last invoice not cancelled; what it still
 * invoices is its total less its credit notes. Every path locks that invoice's row first.
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
    private readonly notifier: Notifier,
  ) {}

  /**
   * In the transaction that records a refund or a lost chargeback: the invoice in force is credited
   * with what it invoices beyond what the client now keeps paying (a split's refund was already left
   * out of the invoice: it credits nothing), and the fee invoice with what it invoices beyond the fee
   * the payout now keeps (none after the transfer: the provider paid that fee, the refund is the
   * platform's loss). Once per return and document, even if it were told twice.
   */
  async creditMoneyReturned(manager: EntityManager, returned: MoneyReturned): Promise<void> {
    const { missionId, reference, amountCents } = returned;
    const invoice = await this.invoiceInForce(manager, missionId, InvoiceKind.INVOICE);
    if (invoice)
      await this.creditBeyond(manager, invoice, (await this.payments.amountKeptOf(manager, missionId)) ?? 0, amountCents, reference);
    const feeInvoice = await this.invoiceInForce(manager, missionId, InvoiceKind.FEE_INVOICE);
    if (feeInvoice) {
      const feeKept = (await this.payments.platformFeeKeptOf(manager, missionId)) ?? 0;
      await this.creditBeyond(manager, feeInvoice, feeKept, amountCents, `${reference}:fee`);
    }
  }

  /** A credit note on `invoice` for what it still invoices beyond `kept`, at most `returned`, unless `reference` has one already. */
  private async creditBeyond(manager: EntityManager, invoice: Invoice, kept: number, returned: number, reference: string): Promise<void> {
    if (await manager.existsBy(Invoice, { refundReference: reference })) return;
    const cents = Math.min(returned, (await this.stillInvoicedBy(manager, invoice)) - kept);
    if (cents <= 0) return;
    const creditNote = await this.issueCreditNote(manager, invoice, cents, reference);
    const onFee = invoice.kind === InvoiceKind.FEE_INVOICE;
    await this.tell(manager, onFee ? [invoice.providerId] : [invoice.providerId, invoice.clientId], invoice, creditNote);
  }

  /** CREDIT_NOTE_ISSUED to `userIds`: which credit note, on which invoice, for how much. */
  private async tell(manager: EntityManager, userIds: string[], original: Invoice, creditNote: Invoice): Promise<void> {
    const facts = {
      ...(await invoiceFactsOf(manager, original)),
      creditNoteNumber: creditNote.number,
      amountCents: creditNote.totalCents,
      onFee: original.kind === InvoiceKind.FEE_INVOICE ? 'YES' : 'NO',
    };
    for (const userId of userIds) {
      await this.notifier.notify(manager, { userId, kind: NotificationKind.CREDIT_NOTE_ISSUED, missionId: original.missionId, facts });
    }
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
      const creditNote = credited > 0 ? await this.issueCreditNote(manager, original, credited, null) : null;
      const issued = kept > 0 ? await this.invoicing.issue(manager, mission, kept, original) : null;
      if (typeof issued === 'string') throw new InvoiceCannotBeReissuedError(MISSING[issued]);
      await manager.update(Invoice, { id: original.id }, { status: InvoiceStatus.CANCELLED, cancelledAt: this.clock.now() });
      const invoice = issued ? await manager.findOneByOrFail(Invoice, { id: issued.invoiceId }) : null;
      await this.notifier.notify(manager, {
        userId: original.clientId,
        kind: NotificationKind.INVOICE_REISSUED,
        missionId: original.missionId,
        facts: {
          ...(await invoiceFactsOf(manager, original)),
          creditNoteNumber: creditNote?.number ?? '',
          replaced: invoice ? 'YES' : 'NO',
          newInvoiceNumber: invoice?.number ?? '',
        },
      });
      // The provider asked for it themselves; a moderator's correction they hear of.
      if (creditNote && viewer.id !== original.providerId) await this.tell(manager, [original.providerId], original, creditNote);
      return { creditNote, invoice };
    });
  }

  /** The mission's last invoice of `kind` not cancelled, locked. */
  private async invoiceInForce(manager: EntityManager, missionId: string, kind: InvoiceKind): Promise<Invoice | null> {
    const last = await manager.findOne(Invoice, {
      where: { missionId, kind, status: Not(InvoiceStatus.CANCELLED) },
      order: { issuedAt: 'DESC', id: 'DESC' },
    });
    return last && lockedInvoice(manager, last.id);
  }

  private async stillInvoicedBy(manager: EntityManager, invoice: Invoice): Promise<number> {
    const [{ credited }]: { credited: number }[] = await manager.query(
      `SELECT coalesce(sum(total_cents), 0)::int AS credited FROM invoices WHERE corrects_invoice_id = $1 AND kind = ANY($2)`,
      [invoice.id, CREDIT_NOTE_KINDS],
    );
    return invoice.totalCents - credited;
  }

  /**
   * Numbered in the original's series and frozen now, from the original's facts (the parties as
   * invoiced), rendered by the job. A fee invoice's credit note takes back its VAT on the part credited.
   */
  private async issueCreditNote(
    manager: EntityManager,
    original: Invoice,
    cents: number,
    refundReference: string | null,
  ): Promise<Invoice> {
    const sequence = await this.numbering.next(manager, original.seriesKey);
    const issuedAt = this.clock.now();
    const year = Number(parisDate(issuedAt).slice(0, 4));
    const onFee = original.kind === InvoiceKind.FEE_INVOICE;
    const vat = original.facts.vat && { ...original.facts.vat, ...vatIncludedIn(cents, original.facts.vat.ratePercent) };
    const facts: InvoiceFacts = {
      ...original.facts,
      number: onFee ? feeInvoiceNumber(year, sequence) : providerInvoiceNumber(original.providerId, year, sequence),
      typeCode: '381',
      issueDate: parisDate(issuedAt),
      paidDate: parisDate(issuedAt),
      line: {
        description: `Avoir sur la facture ${original.number} : ${original.facts.line.description}`,
        quantity: 1,
        unitPriceCents: vat ? vat.netCents : cents,
      },
      totalCents: cents,
      mentions: { ...original.facts.mentions, mandate: original.facts.mentions.mandate.replace(/^Facture émise/, 'Avoir émis') },
      precedingInvoice: { number: original.number, issueDate: original.facts.issueDate },
      ...(vat ? { vat } : {}),
    };
    const { identifiers } = await manager.insert(Invoice, {
      kind: onFee ? InvoiceKind.FEE_CREDIT_NOTE : InvoiceKind.CREDIT_NOTE,
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
    return manager.findOneByOrFail(Invoice, { id: creditNoteId });
  }
}
