import { Clock, groupBy } from '@marketplace/common';
import { Transactions } from '@marketplace/database';
import { defineJob, JobQueue } from '@marketplace/jobs';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import Stripe from 'stripe';
import { EntityManager, In, Repository } from 'typeorm';
import { Chargeback, ChargebackStatus } from '../chargebacks/chargeback.entity';
import { LedgerMovement } from '../ledger/ledger-entry.entity';
import { moneyBackEntries } from '../ledger/ledger-movements';
import { Ledger } from '../ledger/ledger.service';
import { PaymentEvents } from '../payment-events';
import { Payment } from '../payment.entity';
import { Payout, PayoutStatus, TRANSFER_MADE } from '../payouts/payout.entity';
import { PayoutsService } from '../payouts/payouts.service';
import { assertMove, PAYMENT_MOVES } from '../money-statuses';
import { PAID, statusAfterRefunds } from '../settlement';
import { InjectStripe } from '../stripe/stripe-client';
import { Refund, RefundCause } from './refund.entity';

export const REFUND_PAYMENT = defineJob<{ paymentId: string }>('payments:refund-payment', { maxAttempts: 25 });
export const RECORD_STRIPE_REFUNDS = defineJob<{ paymentId: string }>('payments:record-stripe-refunds', { maxAttempts: 25 });

/**
 * Money given back to clients. Our own refund, one per payment at most (all that is left when a
 * paid mission is called off, or a split settlement's part), is asked of Stripe by a job with an
 * idempotency key from the payment. Refunds made outside the API (Stripe's dashboard) are learned
 * from `charge.refunded` and read from Stripe's list of the payment's refunds by another job, which
 * also records ours if its answer was lost. Every refund is recorded once (by its Stripe id), with
 * its ledger movement, and what the provider is still owed follows it.
 */
@Injectable()
export class RefundsService {
  private readonly logger = new Logger(RefundsService.name);

  constructor(
    @InjectRepository(Payment) private readonly payments: Repository<Payment>,
    @InjectStripe() private readonly stripe: Stripe,
    private readonly payouts: PayoutsService,
    private readonly ledger: Ledger,
    private readonly jobs: JobQueue,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly events: PaymentEvents,
  ) {}

  /** In the transaction that calls off a paid mission or settles it with a split: our refund is due, `cents` of it (all that is left when omitted). */
  async request(manager: EntityManager, payment: Payment, cents?: number): Promise<void> {
    await manager.update(Payment, { id: payment.id }, { refundRequestedAt: this.clock.now(), settlementRefundCents: cents ?? null });
    await this.queueRefund(manager, payment);
  }

  /** A chargeback on the payment was decided: our refund, if it waited for that, is asked again. */
  async resumeAfterChargeback(manager: EntityManager, payment: Payment): Promise<void> {
    if (payment.refundRequestedAt && !payment.stripeRefundId) await this.queueRefund(manager, payment);
  }

  /**
   * The refund job: asks Stripe once (idempotently; without an amount, Stripe refunds all that is
   * left), then records it. Stripe refusing because refunds made at Stripe already took everything
   * is no failure: those are recorded instead. While a card chargeback on the payment is open it
   * waits, without asking (Stripe would refuse, and keep that answer under the key for 24 h): the
   * chargeback's decision queues it again, for what a lost one left.
   */
  async refund(paymentId: string): Promise<void> {
    const payment = await this.payments.findOneBy({ id: paymentId });
    if (!payment?.stripePaymentIntentId || !payment.refundRequestedAt || payment.stripeRefundId || !PAID.includes(payment.status)) return;
    if (await this.payments.manager.existsBy(Chargeback, { paymentId, status: ChargebackStatus.OPEN })) {
      this.logger.log({ msg: 'Refund waits for the chargeback on the payment to be decided', paymentId });
      return;
    }
    // After a lost chargeback Stripe's "all that is left" would count what the cardholder's bank took back: the amount is given.
    const leftAtStripe = payment.amountCents - payment.refundedCents - payment.chargedBackCents;
    const amount =
      payment.chargedBackCents > 0 ? Math.min(payment.settlementRefundCents ?? leftAtStripe, leftAtStripe) : payment.settlementRefundCents;
    if (amount !== null && amount <= 0) return;
    let refund: Stripe.Refund;
    try {
      refund = await this.stripe.refunds.create(
        {
          payment_intent: payment.stripePaymentIntentId,
          ...(amount ? { amount } : {}),
          metadata: { paymentId, missionId: payment.missionId },
        },
        { idempotencyKey: `refund-for-payment-${payment.id}` },
      );
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeInvalidRequestError) || error.code !== 'charge_already_refunded') throw error;
      return this.recordStripeRefunds(paymentId);
    }
    await this.transactions.run(async (manager) => {
      const locked = await this.lockedPayment(manager, paymentId);
      if (locked) await this.record(manager, locked, refund);
    });
    this.logger.log({ msg: 'Refunded a payment', paymentId, missionId: payment.missionId, refundId: refund.id, amount: refund.amount });
  }

  /** charge.refunded: Stripe's total refunded is more than we recorded: the refunds are read from Stripe after the commit. */
  async noteRefundedAtStripe(manager: EntityManager, paymentIntentId: string, amountRefunded: number): Promise<void> {
    const payment = await manager.findOneBy(Payment, { stripePaymentIntentId: paymentIntentId });
    if (!payment || amountRefunded <= payment.refundedCents) return;
    await this.jobs.enqueue(manager, RECORD_STRIPE_REFUNDS, { paymentId: payment.id }, { jobKey: payment.id });
  }

  /** The record-stripe-refunds job: every refund Stripe holds for the payment that we have not recorded is. */
  async recordStripeRefunds(paymentId: string): Promise<void> {
    const payment = await this.payments.findOneBy({ id: paymentId });
    if (!payment?.stripePaymentIntentId) return;
    const refunds: Stripe.Refund[] = [];
    for await (const refund of this.stripe.refunds.list({ payment_intent: payment.stripePaymentIntentId, limit: 100 })) {
      if (refund.status !== 'failed' && refund.status !== 'canceled') refunds.push(refund);
    }
    await this.transactions.run(async (manager) => {
      if (!(await this.lockedPayment(manager, paymentId))) return;
      for (const refund of refunds.reverse()) await this.record(manager, await this.reread(manager, payment), refund);
    });
  }

  /** The refunds of each payment, oldest first, in the order asked. */
  async ofPayments(paymentIds: readonly string[]): Promise<Refund[][]> {
    const refunds = await this.payments.manager.find(Refund, {
      where: { paymentId: In([...paymentIds]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const byPayment = groupBy(refunds, (refund) => refund.paymentId);
    return paymentIds.map((paymentId) => byPayment.get(paymentId) ?? []);
  }

  /**
   * On the locked payment: the refund once (a second sight of it is ignored), the payment's total
   * and status, the ledger movement — out of the money held for the client, or the platform's loss
   * when the provider was paid already — and a payout still to be made shrinks to what is left.
   */
  private async record(manager: EntityManager, payment: Payment, refund: Stripe.Refund): Promise<void> {
    const ours = refund.metadata?.paymentId === payment.id;
    const payout = await manager.findOne(Payout, { where: { paymentId: payment.id }, lock: { mode: 'pessimistic_write' } });
    const afterPayout = !!payout && TRANSFER_MADE.includes(payout.status);
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Refund)
      .values({
        paymentId: payment.id,
        missionId: payment.missionId,
        stripeRefundId: refund.id,
        amountCents: refund.amount,
        currency: payment.currency,
        cause: !ours ? RefundCause.MADE_AT_STRIPE : payment.settlementRefundCents ? RefundCause.SPLIT_SETTLEMENT : RefundCause.CALLED_OFF,
        afterPayout,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    if ((inserted.raw as unknown[]).length === 0) return;
    const refundedCents = payment.refundedCents + refund.amount;
    const status = statusAfterRefunds(payment, refundedCents);
    assertMove(PAYMENT_MOVES, payment.status, status, 'payment');
    await manager.update(
      Payment,
      { id: payment.id },
      {
        refundedCents,
        status,
        refundedAt: this.clock.now(),
        ...(ours ? { stripeRefundId: refund.id } : {}),
      },
    );
    await this.ledger.record(manager, payment, LedgerMovement.REFUND, moneyBackEntries(refund.amount, { afterPayout }), refund.id);
    await this.events.moneyReturned(manager, {
      paymentId: payment.id,
      missionId: payment.missionId,
      amountCents: refund.amount,
      reference: `refund:${refund.id}`,
    });
    if (payout && (payout.status === PayoutStatus.PENDING || payout.status === PayoutStatus.FAILED)) {
      await this.payouts.settleWhatIsLeft(manager, payout, await this.reread(manager, payment));
    }
  }

  private queueRefund(manager: EntityManager, payment: Payment): Promise<void> {
    return this.jobs.enqueue(manager, REFUND_PAYMENT, { paymentId: payment.id }, { jobKey: payment.id });
  }

  private lockedPayment(manager: EntityManager, paymentId: string): Promise<Payment | null> {
    return manager.findOne(Payment, { where: { id: paymentId }, lock: { mode: 'pessimistic_write' } });
  }

  private reread(manager: EntityManager, payment: Payment): Promise<Payment> {
    return manager.findOneByOrFail(Payment, { id: payment.id });
  }
}
