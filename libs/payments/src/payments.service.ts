import { BadUserInputError, Clock, groupBy, platformFeeCents } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { Transactions } from '@marketplace/database';
import { defineJob, JobQueue } from '@marketplace/jobs';
import { Assignment, Mission, MissionLifecycle, MissionNotices, MissionsService, MissionStatus, MissionStep } from '@marketplace/missions';
import { NotificationKind } from '@marketplace/notifications';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { EntityManager, In, IsNull, Not, Repository } from 'typeorm';
import { LedgerMovement } from './ledger/ledger-entry.entity';
import { chargeEntries } from './ledger/ledger-movements';
import { Ledger } from './ledger/ledger.service';
import { Payment, PaymentStatus } from './payment.entity';
import { RefundsService } from './refunds/refunds.service';
import { NothingToSplitError } from './payments.errors';
import { fromWhich, PAYMENT_MOVES } from './money-statuses';
import { Payout, TRANSFER_MADE } from './payouts/payout.entity';
import { PayoutsService } from './payouts/payouts.service';
import { centsLeftOf, PAID, payoutAmountsOf } from './settlement';
import { InjectStripe } from './stripe/stripe-client';
import { transferGroupOf } from './stripe/transfer-group';

export const CANCEL_PAYMENT_INTENT = defineJob<{ paymentId: string }>('payments:cancel-payment-intent', { maxAttempts: 25 });
export const CREATE_PAYMENT_INTENT = defineJob<{ paymentId: string }>('payments:create-payment-intent', { maxAttempts: 25 });
export const LAPSE_UNPAID_ACCEPTANCE = defineJob<{ paymentId: string }>('payments:lapse-unpaid-acceptance', { maxAttempts: 25 });

/** Not paid (yet): the PaymentIntent can still be confirmed, or canceled. */
export const UNPAID = [PaymentStatus.REQUIRES_PAYMENT, PaymentStatus.FAILED];

/**
 * The client's payment for a mission: created with the accepted bid (its PaymentIntent just after),
 * settled by Stripe's webhooks, refunded when a paid mission is called off, its PaymentIntent
 * canceled when an unpaid one is. Every Stripe call that moves money, or stops it from moving,
 * carries an idempotency key derived from our own ids.
 */
@Injectable()
export class PaymentsService {
  private readonly logger = new Logger(PaymentsService.name);

  constructor(
    @InjectRepository(Payment) private readonly payments: Repository<Payment>,
    @InjectStripe() private readonly stripe: Stripe,
    private readonly missions: MissionsService,
    private readonly notices: MissionNotices,
    private readonly ledger: Ledger,
    private readonly refunds: RefundsService,
    private readonly payouts: PayoutsService,
    private readonly lifecycle: MissionLifecycle,
    private readonly jobs: JobQueue,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * In acceptBid's transaction: the Payment, without its PaymentIntent yet (no call to Stripe while
   * the mission is locked), and the job that creates it. acceptBid tries it right after the commit
   * too (createPaymentIntentNow); the job, due once that attempt has had its time, is the safety
   * net when Stripe is slow, down, or the process dies in between. The lapse job waits for the
   * payment until PAYMENT_DUE_HOURS.
   */
  async createForAssignment(manager: EntityManager, mission: Mission, assignment: Assignment): Promise<void> {
    const fee = platformFeeCents(assignment.amountCents, this.config.platformFeeBps);
    const paymentId = randomUUID();
    await manager.insert(Payment, {
      id: paymentId,
      missionId: mission.id,
      bidId: assignment.bidId,
      clientId: assignment.clientId,
      providerId: assignment.providerId,
      amountCents: assignment.amountCents,
      platformFeeCents: fee,
      providerAmountCents: assignment.amountCents - fee,
      currency: mission.currency,
      dueAt: new Date(this.clock.now().getTime() + this.config.paymentDueHours * 3_600_000),
    });
    await this.jobs.enqueue(
      manager,
      CREATE_PAYMENT_INTENT,
      { paymentId },
      {
        jobKey: paymentId,
        runAt: new Date(this.clock.now().getTime() + 2 * this.config.stripe.acceptanceWaitMs),
      },
    );
    await this.scheduleLapse(manager, await manager.findOneByOrFail(Payment, { id: paymentId }));
  }

  /** The lapse job of the payment, due at its dueAt (again, when it ran early). */
  async scheduleLapse(manager: EntityManager, payment: Payment): Promise<void> {
    await this.jobs.enqueue(manager, LAPSE_UNPAID_ACCEPTANCE, { paymentId: payment.id }, { jobKey: payment.id, runAt: payment.dueAt! });
  }

  /**
   * The lapse job: an acceptance still unpaid at its payment's dueAt lapses, the mission's LAPSE
   * step (its bid EXPIRED, the mission OPEN again; see onAcceptanceLapsed for the payment). Run
   * early it waits again; nothing happens once the payment came in or the mission moved on.
   */
  async lapseIfUnpaid(paymentId: string): Promise<boolean> {
    const payment = await this.payments.findOneBy({ id: paymentId });
    if (!payment?.dueAt || payment.lapsedAt || !UNPAID.includes(payment.status)) return false;
    return this.transactions.run(async (manager) => {
      if (this.clock.now() < payment.dueAt!) {
        await this.scheduleLapse(manager, payment); // run early (clock skew, an operator): try again when due
        return false;
      }
      return (await this.lifecycle.takeIfStillDue(manager, MissionStep.LAPSE, payment.missionId, { bidId: payment.bidId })) !== null;
    });
  }

  /**
   * The mission's LAPSE step, in its transaction (the mission locked, its payment not received):
   * the payment is called off as a cancellation would and marked lapsed, no longer the mission's.
   */
  async lapseAcceptance(manager: EntityManager, bidId: string): Promise<void> {
    const payment = await manager.findOne(Payment, { where: { bidId, lapsedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
    if (!payment) return;
    await manager.update(Payment, { id: payment.id }, { lapsedAt: this.clock.now() });
    await this.callOffPayment(manager, payment);
  }

  /**
   * A mission completed (confirmed, by itself, or its dispute settled for the provider or with a
   * split), in that transaction: a split's refund is due at once, and the provider's payout of what
   * is left is created with its transfer job.
   */
  async settleCompletion(manager: EntityManager, mission: Mission): Promise<void> {
    const payment = await this.lockedPaymentOf(manager, mission.id);
    const paid = payment !== null && PAID.includes(payment.status);
    if (mission.disputeRefundCents !== null) {
      if (!paid) throw new NothingToSplitError();
      const left = centsLeftOf(payment);
      if (mission.disputeRefundCents >= left) {
        throw BadUserInputError.forField(
          'refundCents',
          `must be less than the ${left} cents left of the payment (all of it: REFUND_CLIENT)`,
        );
      }
      await this.refunds.request(manager, payment, mission.disputeRefundCents);
    }
    if (paid) await this.payouts.createFor(manager, await manager.findOneByOrFail(Payment, { id: payment.id }));
  }

  /** The payments whose acceptance lapsed unpaid, of each mission asked, oldest first. */
  async lapsedOf(missionIds: readonly string[]): Promise<Payment[][]> {
    const lapsed = await this.payments.find({
      where: { missionId: In([...missionIds]), lapsedAt: Not(IsNull()) },
      order: { lapsedAt: 'ASC', id: 'ASC' },
    });
    const byMission = groupBy(lapsed, (payment) => payment.missionId);
    return missionIds.map((missionId) => byMission.get(missionId) ?? []);
  }

  /** After acceptBid's commit: the PaymentIntent, if Stripe answers within STRIPE_ACCEPTANCE_WAIT_MS (or STRIPE_TIMEOUT_MS); else the job will. */
  async createPaymentIntentNow(mission: Mission): Promise<void> {
    const payment = await this.payments.findOneBy({ missionId: mission.id, lapsedAt: IsNull() });
    if (!payment) return;
    const { acceptanceWaitMs, timeoutMs } = this.config.stripe;
    await this.createIntentOf(payment, mission.title, Math.min(acceptanceWaitMs, timeoutMs)).catch((error: unknown) =>
      this.logger.warn({ msg: 'PaymentIntent left to its job', paymentId: payment.id, error: (error as Error).message }),
    );
  }

  /** The create-payment-intent job. */
  async createPaymentIntent(paymentId: string): Promise<void> {
    const payment = await this.payments.findOneBy({ id: paymentId });
    if (!payment) return;
    const [mission] = await this.missions.findByIds([payment.missionId]);
    await this.createIntentOf(payment, mission.title);
  }

  /**
   * The PaymentIntent for the accepted bid: one per bid whatever the retries, by its idempotency key
   * and parameters that never change (a mission's title is fixed once it has bids). None for a
   * payment cancelled before it was created; one whose creation was under way when its mission was
   * cancelled is recorded without its client secret and canceled at Stripe by the cancellation job.
   */
  private async createIntentOf(payment: Payment, missionTitle: string, timeoutMs?: number): Promise<void> {
    if (payment.stripePaymentIntentId || payment.status !== PaymentStatus.REQUIRES_PAYMENT) return;
    const intent = await this.stripe.paymentIntents.create(
      {
        amount: payment.amountCents,
        currency: payment.currency.toLowerCase(),
        description: missionTitle,
        transfer_group: transferGroupOf(payment.missionId),
        metadata: { missionId: payment.missionId, bidId: payment.bidId },
      },
      { idempotencyKey: `payment-intent-for-bid-${payment.bidId}`, ...(timeoutMs ? { timeout: timeoutMs } : {}) },
    );
    await this.transactions.run(async (manager) => {
      const locked = await manager.findOne(Payment, { where: { id: payment.id }, lock: { mode: 'pessimistic_write' } });
      if (!locked || locked.stripePaymentIntentId) return;
      const payable = locked.status === PaymentStatus.REQUIRES_PAYMENT;
      await manager.update(
        Payment,
        { id: payment.id },
        { stripePaymentIntentId: intent.id, clientSecret: payable ? intent.client_secret : null },
      );
      if (!payable) await this.queueIntentCancellation(manager, locked);
    });
  }

  /** What the client finally pays for the mission (the payment less what was or is being given back), or null unpaid; in the caller's transaction. */
  async amountKeptOf(manager: EntityManager, missionId: string): Promise<number | null> {
    const payment = await manager.findOneBy(Payment, { missionId, lapsedAt: IsNull() });
    return payment && PAID.includes(payment.status) ? centsLeftOf(payment) : null;
  }

  /**
   * The platform's fee on what the provider receives of the mission (its payout's, which the ledger
   * records), or null unpaid; in the caller's transaction. Once the transfer is made, the fee it
   * took: money returned after it is the platform's loss, not a lower fee. `locked`: the payment's
   * row stays locked until the caller commits, so a refund being recorded is either before or after.
   */
  async platformFeeKeptOf(manager: EntityManager, missionId: string, { locked = false } = {}): Promise<number | null> {
    const payment = await manager.findOne(Payment, {
      where: { missionId, lapsedAt: IsNull() },
      ...(locked ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!payment) return null;
    const payout = await manager.findOneBy(Payout, { paymentId: payment.id });
    if (payout && TRANSFER_MADE.includes(payout.status)) return payout.platformFeeCents;
    return PAID.includes(payment.status) ? payoutAmountsOf(payment).platformFeeCents : null;
  }

  /** The payment of each mission (or null), in the order asked. */
  async forMissions(missionIds: readonly string[]): Promise<(Payment | null)[]> {
    const payments = new Map(
      (await this.payments.findBy({ missionId: In([...missionIds]), lapsedAt: IsNull() })).map((payment) => [payment.missionId, payment]),
    );
    return missionIds.map((missionId) => payments.get(missionId) ?? null);
  }

  /**
   * payment_intent.succeeded: the money is in, and the mission is told first (its lock before the
   * payment's, as on every path). A mission cancelled meanwhile, or an acceptance lapsed, is refunded at once;
   * otherwise the provider hears they can start (the client, who just paid, has Stripe's receipt).
   */
  async recordSucceeded(manager: EntityManager, paymentIntentId: string, chargeId: string | null): Promise<void> {
    const unlocked = await manager.findOneBy(Payment, { stripePaymentIntentId: paymentIntentId });
    if (!unlocked || !UNPAID.includes(unlocked.status)) return;
    await this.missions.recordPaymentReceived(manager, unlocked.missionId, unlocked.bidId);
    const payment = await manager.findOne(Payment, { where: { id: unlocked.id }, lock: { mode: 'pessimistic_write' } });
    if (!payment) return;
    const paid = await manager.update(
      Payment,
      { id: payment.id, status: fromWhich(PAYMENT_MOVES, PaymentStatus.SUCCEEDED) },
      { status: PaymentStatus.SUCCEEDED, stripeChargeId: chargeId, succeededAt: this.clock.now() },
    );
    if (paid.affected === 0) return;
    const succeeded = await manager.findOneByOrFail(Payment, { id: payment.id });
    await this.ledger.record(manager, succeeded, LedgerMovement.CHARGE, chargeEntries(succeeded));
    const [mission] = await this.missions.findByIds([payment.missionId]);
    if (mission?.status === MissionStatus.CANCELLED || succeeded.lapsedAt) return this.refunds.request(manager, succeeded);
    if (mission?.assignedProviderId) {
      await this.notices.tell(manager, mission, NotificationKind.PAYMENT_RECEIVED, [mission.assignedProviderId], {
        facts: { amountCents: succeeded.amountCents },
      });
    }
  }

  /** payment_intent.payment_failed: the client may try again (a later success still counts). */
  async recordFailed(manager: EntityManager, paymentIntentId: string): Promise<void> {
    await manager.update(
      Payment,
      { stripePaymentIntentId: paymentIntentId, status: fromWhich(PAYMENT_MOVES, PaymentStatus.FAILED) },
      { status: PaymentStatus.FAILED },
    );
  }

  /** payment_intent.canceled: the client can no longer pay (the intent was canceled with its mission). */
  async recordCanceled(manager: EntityManager, paymentIntentId: string): Promise<void> {
    await manager.update(
      Payment,
      { stripePaymentIntentId: paymentIntentId, status: fromWhich(PAYMENT_MOVES, PaymentStatus.CANCELED) },
      { status: PaymentStatus.CANCELED, canceledAt: this.clock.now() },
    );
  }

  /**
   * When a mission is cancelled, or its dispute settled for the client (in that transaction): a payment received is refunded (all that is left of it); one
   * not made yet must not be made any more, so its PaymentIntent is canceled at Stripe by a job,
   * after the commit (no call to Stripe while the mission is locked). A payment whose PaymentIntent
   * does not exist yet is canceled at once: none will be created for it.
   */
  async callOff(manager: EntityManager, missionId: string): Promise<void> {
    const payment = await this.lockedPaymentOf(manager, missionId);
    if (payment) await this.callOffPayment(manager, payment);
  }

  private async callOffPayment(manager: EntityManager, payment: Payment): Promise<void> {
    if (PAID.includes(payment.status)) return this.refunds.request(manager, payment);
    if (UNPAID.includes(payment.status)) {
      if (payment.stripePaymentIntentId) return this.queueIntentCancellation(manager, payment);
      await manager.update(
        Payment,
        { id: payment.id, status: fromWhich(PAYMENT_MOVES, PaymentStatus.CANCELED) },
        { status: PaymentStatus.CANCELED, canceledAt: this.clock.now() },
      );
    }
  }

  /**
   * The cancellation job: cancels the PaymentIntent (idempotently), then records what became of it.
   * If the client confirmed it in the meantime Stripe refuses, and the intent's success is recorded
   * as its webhook would record it: the mission being cancelled, the payment is refunded.
   */
  async cancelPaymentIntent(paymentId: string): Promise<void> {
    const payment = await this.payments.findOneBy({ id: paymentId });
    if (!payment?.stripePaymentIntentId || !(UNPAID.includes(payment.status) || createdAfterCancellation(payment))) return;
    const paymentIntentId = payment.stripePaymentIntentId;
    const intent = await this.stripe.paymentIntents
      .cancel(paymentIntentId, { cancellation_reason: 'abandoned' }, { idempotencyKey: `cancel-payment-intent-for-payment-${payment.id}` })
      .catch((error: unknown) => {
        if (!(error instanceof Stripe.errors.StripeInvalidRequestError) || error.code !== 'payment_intent_unexpected_state') throw error;
        return this.stripe.paymentIntents.retrieve(paymentIntentId);
      });
    await this.transactions.run(async (manager) => {
      if (intent.status === 'canceled') return this.recordCanceled(manager, intent.id);
      if (intent.status === 'succeeded') return this.recordSucceeded(manager, intent.id, chargeIdOf(intent));
      throw new Error(`PaymentIntent ${intent.id} is ${intent.status}: it can be neither canceled nor refunded yet.`);
    });
    this.logger.log({ msg: 'Called off a payment', paymentId, missionId: payment.missionId, paymentIntentStatus: intent.status });
  }

  private lockedPaymentOf(manager: EntityManager, missionId: string): Promise<Payment | null> {
    return manager.findOne(Payment, { where: { missionId, lapsedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
  }

  private async queueIntentCancellation(manager: EntityManager, payment: Payment): Promise<void> {
    await this.jobs.enqueue(manager, CANCEL_PAYMENT_INTENT, { paymentId: payment.id }, { jobKey: payment.id });
  }
}

/** Its mission was cancelled while Stripe was creating its PaymentIntent: recorded without a client secret, to be canceled. */
function createdAfterCancellation(payment: Payment): boolean {
  return payment.status === PaymentStatus.CANCELED && payment.clientSecret === null;
}

function chargeIdOf(intent: Stripe.PaymentIntent): string | null {
  return typeof intent.latest_charge === 'string' ? intent.latest_charge : (intent.latest_charge?.id ?? null);
}
