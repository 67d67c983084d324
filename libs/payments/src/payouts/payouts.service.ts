import { Clock, Connection, Viewer } from '@marketplace/common';
import { pageByTime, Transactions } from '@marketplace/database';
import { JobAttempt, JobQueue } from '@marketplace/jobs';
import { ProvidersService } from '@marketplace/providers';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import Stripe from 'stripe';
import { EntityManager, In, Repository } from 'typeorm';
import { LedgerMovement } from '../ledger/ledger-entry.entity';
import { Ledger } from '../ledger/ledger.service';
import { Payment } from '../payment.entity';
import { transferGroupOf } from '../payments.service';
import { InjectStripe } from '../stripe/stripe-client';
import { Payout, PayoutStatus } from './payout.entity';

export const TRANSFER_PAYOUT = 'payments:transfer-payout';
export const TRANSFER_MAX_ATTEMPTS = 12;

/**
 * Paying providers: a completed mission's payout is created and its transfer job queued in the
 * completion's transaction; the job transfers once (idempotency key from the payment), retries
 * with backoff when Stripe fails, and waits while the provider cannot receive transfers.
 */
@Injectable()
export class PayoutsService {
  private readonly logger = new Logger(PayoutsService.name);

  constructor(
    @InjectRepository(Payout) private readonly payouts: Repository<Payout>,
    @InjectStripe() private readonly stripe: Stripe,
    private readonly providers: ProvidersService,
    private readonly ledger: Ledger,
    private readonly jobs: JobQueue,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  /** In the completion's transaction: one payout per payment (unique index), its transfer queued. */
  async createFor(manager: EntityManager, payment: Payment): Promise<void> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Payout)
      .values({
        paymentId: payment.id,
        missionId: payment.missionId,
        providerId: payment.providerId,
        amountCents: payment.providerAmountCents,
        currency: payment.currency,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const [row] = inserted.raw as { id: string }[];
    if (row) await this.queueTransfer(manager, row.id);
  }

  /** When a provider's account can receive transfers: their waiting payouts go. */
  async releaseHeldPayoutsOf(manager: EntityManager, providerId: string): Promise<void> {
    const held = await manager.find(Payout, { where: { providerId, status: PayoutStatus.PENDING } });
    for (const payout of held) await this.queueTransfer(manager, payout.id);
  }

  /**
   * The transfer job. Held (nothing to do yet) while the provider has no account able to receive
   * transfers. A Stripe failure is recorded and thrown, so the job runs again later; the last
   * allowed attempt marks the payout FAILED for an operator to look at.
   */
  async transfer(payoutId: string, { attempt, maxAttempts }: JobAttempt): Promise<void> {
    const payout = await this.payouts.findOne({ where: { id: payoutId }, relations: { payment: true } });
    if (!payout?.payment || (payout.status !== PayoutStatus.PENDING && payout.status !== PayoutStatus.FAILED)) return;
    const profile = await this.providers.findByUserId(payout.providerId);
    if (!profile?.stripeAccountId || !profile.payoutsEnabled) {
      this.logger.log({ msg: 'Payout held until the provider can receive transfers', payoutId });
      return;
    }
    let transfer: Stripe.Transfer;
    try {
      transfer = await this.stripe.transfers.create(
        {
          amount: payout.amountCents,
          currency: payout.currency.toLowerCase(),
          destination: profile.stripeAccountId,
          ...(payout.payment.stripeChargeId ? { source_transaction: payout.payment.stripeChargeId } : {}),
          transfer_group: transferGroupOf(payout.missionId),
          metadata: { payoutId: payout.id, missionId: payout.missionId },
        },
        { idempotencyKey: `transfer-for-payment-${payout.paymentId}` },
      );
    } catch (error) {
      const failureReason = (error as Error).message.slice(0, 500);
      const status = attempt >= maxAttempts ? PayoutStatus.FAILED : payout.status;
      await this.payouts.update({ id: payout.id }, { failureReason, status });
      this.logger.warn({ msg: 'Transfer failed', payoutId, attempt, maxAttempts, failureReason });
      throw error;
    }
    await this.transactions.run(async (manager) => {
      const transferred = await manager.update(
        Payout,
        { id: payout.id, status: In([PayoutStatus.PENDING, PayoutStatus.FAILED]) },
        {
          status: PayoutStatus.TRANSFERRED,
          stripeTransferId: transfer.id,
          destinationAccountId: profile.stripeAccountId,
          transferredAt: this.clock.now(),
          failureReason: null,
        },
      );
      if (transferred.affected === 1) await this.ledger.record(manager, LedgerMovement.PAYOUT, payout.payment!);
    });
    this.logger.log({ msg: 'Transferred a payout', payoutId, transferId: transfer.id });
  }

  /** The provider's payouts, newest first. */
  listOfProvider(provider: Viewer, first: number, after?: string | null): Promise<Connection<Payout>> {
    const query = this.payouts.createQueryBuilder('p').where('p.provider_id = :providerId', { providerId: provider.id });
    return pageByTime(query, { column: 'created_at', direction: 'DESC', timeOf: (row) => row.createdAt }, first, after);
  }

  /** The payout of each payment (or null), in the order asked. */
  async forPayments(paymentIds: readonly string[]): Promise<(Payout | null)[]> {
    const payouts = new Map((await this.payouts.findBy({ paymentId: In([...paymentIds]) })).map((payout) => [payout.paymentId, payout]));
    return paymentIds.map((paymentId) => payouts.get(paymentId) ?? null);
  }

  private queueTransfer(manager: EntityManager, payoutId: string): Promise<void> {
    return this.jobs.enqueue(
      manager,
      TRANSFER_PAYOUT,
      { payoutId },
      { jobKey: `${TRANSFER_PAYOUT}:${payoutId}`, maxAttempts: TRANSFER_MAX_ATTEMPTS },
    );
  }
}
