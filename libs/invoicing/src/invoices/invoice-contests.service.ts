import { Clock, Viewer } from '@marketplace/common';
import { Transactions } from '@marketplace/database';
import { defineJob, JobQueue } from '@marketplace/jobs';
import { Mission } from '@marketplace/missions';
import { NotificationKind, Notifier } from '@marketplace/notifications';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  InvoiceAlreadyContestedError,
  InvoiceContestClosedError,
  InvoiceNotContestableError,
  InvoiceNotFoundError,
  NotTheInvoiceProviderError,
} from '../invoicing.errors';
import { Invoice, InvoiceKind, InvoiceStatus } from './invoice.entity';

/** Scheduled at issue, in the issuing transaction, for the invoice's contest deadline. */
export const ACCEPT_INVOICE_TACITLY = defineJob<{ invoiceId: string }>('invoicing:accept-tacitly', { maxAttempts: 10 });

/**
 * The contest window of a provider's invoice: the provider contests it until its deadline (the
 * window of the mandate they accepted, fixed at issue), or it is accepted tacitly when the window
 * closes. Each step is taken on the invoice's locked row, so a contest and the acceptance, or two
 * contests, cannot both win; the database's trigger allows these steps and no other.
 */
@Injectable()
export class InvoiceContestsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
  ) {}

  scheduleTacitAcceptance(manager: EntityManager, invoiceId: string, deadline: Date): Promise<void> {
    return this.jobs.enqueue(manager, ACCEPT_INVOICE_TACITLY, { invoiceId }, { runAt: deadline, jobKey: invoiceId });
  }

  /**
   * The provider's contest, with what is wrong (ContestInvoiceArgs checked it). NOT_FOUND for
   * anyone but the mission's parties, FORBIDDEN for its client, CONFLICT for a credit note, a
   * second contest, or once the window closed.
   */
  async contest(viewer: Viewer, invoiceId: string, reason: string): Promise<Invoice> {
    return this.transactions.run(async (manager) => {
      const invoice = await lockedInvoice(manager, invoiceId);
      if (!invoice || (viewer.id !== invoice.providerId && viewer.id !== invoice.clientId)) throw new InvoiceNotFoundError();
      if (viewer.id !== invoice.providerId) throw new NotTheInvoiceProviderError('contest it');
      if (invoice.kind !== InvoiceKind.INVOICE) throw new InvoiceNotContestableError(invoice.kind);
      if (invoice.contestedAt) throw new InvoiceAlreadyContestedError(invoice.contestedAt);
      const now = this.clock.now();
      if (invoice.status !== InvoiceStatus.ISSUED || now >= invoice.contestDeadline!)
        throw new InvoiceContestClosedError(invoice.contestDeadline!);
      await manager.update(Invoice, { id: invoice.id }, { status: InvoiceStatus.CONTESTED, contestedAt: now, contestReason: reason });
      await this.notifier.notify(manager, {
        userId: invoice.clientId,
        kind: NotificationKind.INVOICE_CONTESTED,
        missionId: invoice.missionId,
        facts: { ...(await invoiceFactsOf(manager, invoice)), reason },
      });
      return manager.findOneByOrFail(Invoice, { id: invoice.id });
    });
  }

  /**
   * The acceptance job: an invoice still uncontested when its window has closed is accepted. Run
   * before the deadline (the clock decides, not the queue), it schedules itself again for it.
   */
  async acceptTacitly(invoiceId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const invoice = await lockedInvoice(manager, invoiceId);
      if (invoice?.status !== InvoiceStatus.ISSUED || !invoice.contestDeadline) return;
      const now = this.clock.now();
      if (now < invoice.contestDeadline) return this.scheduleTacitAcceptance(manager, invoice.id, invoice.contestDeadline);
      await manager.update(Invoice, { id: invoice.id }, { status: InvoiceStatus.ACCEPTED, acceptedAt: now });
      await this.notifier.notify(manager, {
        userId: invoice.providerId,
        kind: NotificationKind.INVOICE_ACCEPTED,
        missionId: invoice.missionId,
        facts: await invoiceFactsOf(manager, invoice),
      });
    });
  }
}

/** The invoice's row, locked until the caller's transaction ends: its contest's steps, its credit notes and its reissue queue on it. */
export function lockedInvoice(manager: EntityManager, invoiceId: string): Promise<Invoice | null> {
  return manager.findOne(Invoice, { where: { id: invoiceId }, lock: { mode: 'pessimistic_write' } });
}

/** What an invoice's notices name: its number and its mission's title. */
export async function invoiceFactsOf(manager: EntityManager, invoice: Invoice): Promise<{ invoiceNumber: string; missionTitle: string }> {
  const { title } = await manager.findOneOrFail(Mission, { where: { id: invoice.missionId }, select: { id: true, title: true } });
  return { invoiceNumber: invoice.number, missionTitle: title };
}
