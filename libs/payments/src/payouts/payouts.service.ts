import { Clock, Connection, NotFoundError, Viewer } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { pageByTime, Transactions } from '@marketplace/database';
import { ATTEMPTS_GIVEN_AT_ENQUEUE, defineJob, JobAttempt, JobQueue } from '@marketplace/jobs';
import { MissionNotices, MissionsService, PartyToMissionError } from '@marketplace/missions';
import { NotificationKind } from '@marketplace/notifications';
import { ModerationLog } from '@marketplace/moderation-log';
import { ProvidersService } from '@marketplace/providers';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import Stripe from 'stripe';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { Chargeback, ChargebackStatus } from '../chargebacks/chargeback.entity';
import { LedgerMovement } from '../ledger/ledger-entry.entity';
import { payoutEntries } from '../ledger/ledger-movements';
import { Ledger } from '../ledger/ledger.service';
import { PaymentEvents } from '../payment-events';
import { Payment } from '../payment.entity';
import { PayoutNotFailedError } from '../payments.errors';
import { transferGroupOf } from '../stripe/transfer-group';
import { fromWhich, PAYOUT_MOVES } from '../money-statuses';
import { payoutAmountsOf } from '../settlement';
import { InjectStripe } from '../stripe/stripe-client';
import { PayoutHolds } from './payout-holds';
import { PayoutWithholding } from './payout-withholding';
import { Payout, PayoutStatus } from './payout.entity';

/** A payout's amounts recomputed from its payment (a refund before the transfer): withholding is fixed again at the next attempt. */
const NOTHING_WITHHELD = {
  urssafContributionsCents: null,
  urssafIncomeTaxCents: null,
  urssafTrainingCents: null,
  urssafWithheldCents: null,
};

/** Each enqueue gives PAYOUT_MAX_ATTEMPTS, from the configuration. */
export const TRANSFER_PAYOUT = defineJob<{ payoutId: string }>('payments:transfer-payout', { maxAttempts: ATTEMPTS_GIVEN_AT_ENQUEUE });

const IDEMPOTENCY_KEY_TRUSTED_MS = 23 * 3_600_000;

/**
 * Paying providers: a completed mission's payout is created and its transfer job queued in the
 * completion's transaction; the job transfers once (idempotency key from the payment), retries
 * with backoff when Stripe fails (PAYOUT_MAX_ATTEMPTS), and waits while the provider cannot
 * receive transfers. A payout that used up its attempts is FAILED until a moderator retries it.
 */
@Injectable()
export class PayoutsService {
  private readonly logger = new Logger(PayoutsService.name);

  constructor(
    @InjectRepository(Payout) private readonly payouts: Repository<Payout>,
    @InjectStripe() private readonly stripe: Stripe,
    private readonly providers: ProvidersService,
    private readonly ledger: Ledger,
    private readonly missions: MissionsService,
    private readonly notices: MissionNotices,
    private readonly moderationLog: ModerationLog,
    private readonly jobs: JobQueue,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
    private readonly holds: PayoutHolds,
    private readonly paymentEvents: PaymentEvents,
    private readonly withholding: PayoutWithholding,
  ) {}

  /**
   * In the completion's transaction: one payout per payment (unique index), of what is left of the
   * payment after refunds (see payoutAmountsOf), its transfer queued; none when nothing is left.
   */
  async createFor(manager: EntityManager, payment: Payment): Promise<void> {
    const amounts = payoutAmountsOf(payment);
    if (amounts.amountCents + amounts.platformFeeCents === 0) return;
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Payout)
      .values({
        paymentId: payment.id,
        missionId: payment.missionId,
        providerId: payment.providerId,
        ...amounts,
        currency: payment.currency,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const [row] = inserted.raw as { id: string }[];
    if (row) await this.queueTransfer(manager, row.id);
  }

  /**
   * A refund was made before the transfer (at Stripe, on the locked payment): the payout, not made
   * yet, is of what is left now; nothing left, it is CANCELED.
   */
  async settleWhatIsLeft(manager: EntityManager, payout: Payout, payment: Payment): Promise<void> {
    const amounts = payoutAmountsOf(payment);
    const nothingLeft = amounts.amountCents + amounts.platformFeeCents === 0;
    await manager.update(
      Payout,
      { id: payout.id, status: fromWhich(PAYOUT_MOVES, PayoutStatus.CANCELED) },
      { ...amounts, ...NOTHING_WITHHELD, ...(nothingLeft ? { status: PayoutStatus.CANCELED } : {}) },
    );
  }

  /**
   * A chargeback on the (locked) payment was decided: its payout, held while it was open and not
   * made yet, is of what is left now and goes; nothing left (lost in full), it is CANCELED, saying why.
   */
  async releaseAfterChargeback(manager: EntityManager, payment: Payment, chargeback: Chargeback): Promise<void> {
    const payout = await manager.findOne(Payout, { where: { paymentId: payment.id }, lock: { mode: 'pessimistic_write' } });
    if (payout?.status !== PayoutStatus.PENDING && payout?.status !== PayoutStatus.FAILED) return;
    await this.settleWhatIsLeft(manager, payout, payment);
    const settled = await manager.findOneByOrFail(Payout, { id: payout.id });
    if (settled.status === PayoutStatus.CANCELED) {
      const failureReason = `Nothing left to pay out: the client's bank charged the payment back (${chargeback.stripeDisputeId}, ${chargeback.status}).`;
      await manager.update(Payout, { id: payout.id }, { failureReason });
    } else if (settled.status === PayoutStatus.PENDING) {
      await this.queueTransfer(manager, payout.id);
    }
  }

  /** When a provider's account can receive transfers: their waiting payouts go. */
  async releaseHeldPayoutsOf(manager: EntityManager, providerId: string): Promise<void> {
    const held = await manager.find(Payout, { where: { providerId, status: PayoutStatus.PENDING } });
    for (const payout of held) await this.queueTransfer(manager, payout.id);
  }

  /**
   * The transfer job. Held (nothing to do yet) while a card chargeback on the payment is open (its
   * decision queues the job again), while another domain holds the provider's payouts (PayoutHolds), or while the provider has no account able to receive transfers.
   * A Stripe failure is recorded and thrown, so the job runs again later; the last allowed attempt
   * marks the payout FAILED for a moderator to look at (see retry).
   */
  async transfer(payoutId: string, { attempt, maxAttempts }: JobAttempt): Promise<void> {
    const payout = await this.payouts.findOne({ where: { id: payoutId }, relations: { payment: true } });
    if (!payout?.payment || (payout.status !== PayoutStatus.PENDING && payout.status !== PayoutStatus.FAILED)) return;
    if (await this.payouts.manager.existsBy(Chargeback, { paymentId: payout.paymentId, status: ChargebackStatus.OPEN })) {
      this.logger.log({ msg: 'Payout held while a chargeback on its payment is open', payoutId });
      return;
    }
    const heldFor = await this.holds.reasonToHold(payout.providerId);
    if (heldFor) {
      this.logger.log({ msg: 'Payout held', payoutId, reason: heldFor });
      return;
    }
    const profile = await this.providers.findByUserId(payout.providerId);
    if (!profile?.stripeAccountId || !profile.payoutsEnabled) {
      this.logger.log({ msg: 'Payout held until the provider can receive transfers', payoutId });
      return;
    }
    await this.withholdOnce(payout);
    await this.payouts.update({ id: payout.id }, { attempts: () => 'attempts + 1', lastAttemptAt: this.clock.now() });
    let transfer: Stripe.Transfer;
    try {
      const alreadyMade = this.idempotencyMayHaveExpired(payout) ? await this.transferMadeEarlier(payout) : null;
      transfer =
        alreadyMade ??
        (await this.stripe.transfers.create(
          {
            amount: payout.amountCents,
            currency: payout.currency.toLowerCase(),
            destination: profile.stripeAccountId,
            ...(payout.payment.stripeChargeId ? { source_transaction: payout.payment.stripeChargeId } : {}),
            transfer_group: transferGroupOf(payout.missionId),
            metadata: { payoutId: payout.id, missionId: payout.missionId },
          },
          { idempotencyKey: `transfer-for-payment-${payout.paymentId}` },
        ));
    } catch (error) {
      const failureReason = failureReasonOf(error);
      const gaveUp = attempt >= maxAttempts;
      await this.transactions.run(async (manager) => {
        const failed = await manager.update(
          Payout,
          { id: payout.id, ...(gaveUp ? { status: fromWhich(PAYOUT_MOVES, PayoutStatus.FAILED) } : {}) },
          { failureReason, ...(gaveUp ? { status: PayoutStatus.FAILED } : {}) },
        );
        if (gaveUp && failed.affected === 1) await this.tellProvider(manager, NotificationKind.PAYOUT_FAILED, payout);
      });
      this.logger.warn({ msg: 'Transfer failed', payoutId, attempt, maxAttempts, failureReason });
      throw error;
    }
    await this.transactions.run(async (manager) => {
      const transferred = await manager.update(
        Payout,
        { id: payout.id, status: fromWhich(PAYOUT_MOVES, PayoutStatus.TRANSFERRED) },
        {
          status: PayoutStatus.TRANSFERRED,
          stripeTransferId: transfer.id,
          destinationAccountId: profile.stripeAccountId,
          transferredAt: this.clock.now(),
          failureReason: null,
        },
      );
      if (transferred.affected === 1) {
        const recorded = await manager.findOneByOrFail(Payout, { id: payout.id });
        await this.ledger.record(manager, payout.payment!, LedgerMovement.PAYOUT, payoutEntries(recorded));
        await this.tellProvider(manager, NotificationKind.PAYOUT_SENT, recorded);
        await this.paymentEvents.payoutMade(manager, { payoutId: payout.id, providerId: payout.providerId, missionId: payout.missionId });
      }
    });
    this.logger.log({ msg: 'Transferred a payout', payoutId, transferId: transfer.id });
  }

  /** Revenue the provider is owed and not paid yet: the gross (fee included) of their payouts not transferred. */
  async notTransferredGrossOf(manager: EntityManager, providerId: string): Promise<number> {
    const [row]: { cents: string }[] = await manager.query(
      `SELECT coalesce(sum(amount_cents + platform_fee_cents + coalesce(urssaf_withheld_cents, 0)), 0)::bigint AS cents FROM payouts WHERE provider_id = $1 AND status IN ('PENDING', 'FAILED')`,
      [providerId],
    );
    return Number(row.cents);
  }

  /**
   * URSSAF_WITHHOLDING: at the first attempt, what is withheld is fixed on the payout and taken off
   * what is transferred (every retry transfers the same amount, under the same idempotency key).
   */
  private async withholdOnce(payout: Payout): Promise<void> {
    if (payout.urssafWithheldCents !== null) return;
    const withheld = await this.withholding.of(payout);
    if (!withheld) return;
    const total = withheld.contributionsCents + withheld.incomeTaxCents + withheld.trainingCents;
    const fixed = {
      urssafContributionsCents: withheld.contributionsCents,
      urssafIncomeTaxCents: withheld.incomeTaxCents,
      urssafTrainingCents: withheld.trainingCents,
      urssafWithheldCents: total,
      amountCents: payout.amountCents - total,
    };
    await this.payouts.update({ id: payout.id, urssafWithheldCents: IsNull() }, fixed);
    Object.assign(payout, fixed);
  }

  /** The payout's provider hears of it (sent, or failed), in the caller's transaction. */
  tellProvider(manager: EntityManager, kind: NotificationKind, payout: Payout): Promise<void> {
    return this.notices.tell(manager, payout.missionId, kind, [payout.providerId], { facts: { amountCents: payout.amountCents } });
  }

  /**
   * Stripe keeps an idempotency key 24 h after its first use, and the first attempt came after the
   * payout was created: past that, an earlier attempt may have made a transfer the key no longer
   * answers for (an hour of margin for clocks).
   */
  private idempotencyMayHaveExpired(payout: Payout): boolean {
    return payout.attempts > 0 && this.clock.now().getTime() - payout.createdAt.getTime() >= IDEMPOTENCY_KEY_TRUSTED_MS;
  }

  /**
   * The transfer an earlier attempt made at Stripe when its answer never reached us (a timeout, a
   * saved 500). The idempotency key covers a retry for 24 h only; a moderator's retry days later
   * would otherwise be a new request at Stripe, and a second transfer.
   */
  private async transferMadeEarlier(payout: Payout): Promise<Stripe.Transfer | null> {
    for await (const transfer of this.stripe.transfers.list({ transfer_group: transferGroupOf(payout.missionId), limit: 100 })) {
      if (transfer.metadata?.payoutId === payout.id) return transfer;
    }
    return null;
  }

  /** Moderators: the payouts that used up their attempts, the longest-failed first. */
  listFailed(first: number, after?: string | null): Promise<Connection<Payout>> {
    const query = this.payouts.createQueryBuilder('p').where('p.status = :failed', { failed: PayoutStatus.FAILED });
    return pageByTime(query, { column: 'last_attempt_at', direction: 'ASC', timeOf: (row) => row.lastAttemptAt! }, first, after);
  }

  /**
   * A moderator who is not a party to the mission sends a FAILED payout round again; logged with
   * the failure they saw. The transfer keeps its idempotency key: no retry transfers twice.
   */
  async retry(moderator: Viewer, payoutId: string): Promise<Payout> {
    return this.transactions.run(async (manager) => {
      const payout = await manager.findOne(Payout, { where: { id: payoutId }, lock: { mode: 'pessimistic_write' } });
      if (!payout) throw new NotFoundError('Payout');
      if (await this.missions.isPartyTo(manager, payout.missionId, moderator)) throw new PartyToMissionError();
      await this.reopen(manager, payout);
      const reason = payout.failureReason;
      await this.moderationLog.record(manager, { moderatorId: moderator.id, action: 'RETRY_PAYOUT', targetId: payout.id, reason });
      return manager.findOneByOrFail(Payout, { id: payout.id });
    });
  }

  /** Operators (the CLI): the FAILED payout asked, or every one, sent round again; the ones that were. */
  async retryFailed(payoutId?: string): Promise<Payout[]> {
    const failed = await this.payouts.find({
      where: { status: PayoutStatus.FAILED, ...(payoutId ? { id: payoutId } : {}) },
      order: { lastAttemptAt: 'ASC', id: 'ASC' },
    });
    if (payoutId && failed.length === 0) {
      const payout = await this.payouts.findOneBy({ id: payoutId });
      throw payout ? new PayoutNotFailedError(payout.status) : new NotFoundError('Payout');
    }
    const retried: Payout[] = [];
    for (const { id } of failed) {
      await this.transactions.run(async (manager) => {
        const payout = await manager.findOne(Payout, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (payout?.status !== PayoutStatus.FAILED) return; // retried meanwhile, by a moderator or another operator
        await this.reopen(manager, payout);
        retried.push(payout);
      });
    }
    return retried;
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

  /** FAILED → PENDING and a fresh transfer job (a new round of attempts), on a locked payout. */
  private async reopen(manager: EntityManager, payout: Payout): Promise<void> {
    if (payout.status !== PayoutStatus.FAILED) throw new PayoutNotFailedError(payout.status);
    await manager.update(
      Payout,
      { id: payout.id, status: fromWhich(PAYOUT_MOVES, PayoutStatus.PENDING) },
      { status: PayoutStatus.PENDING },
    );
    await this.queueTransfer(manager, payout.id);
  }

  private queueTransfer(manager: EntityManager, payoutId: string): Promise<void> {
    return this.jobs.enqueue(manager, TRANSFER_PAYOUT, { payoutId }, { jobKey: payoutId, maxAttempts: this.config.payoutMaxAttempts });
  }
}

/**
 * Stripe keeps the answer to the first request with an idempotency key for 24 h once it began
 * executing, errors included (500s too), and replays it to every retry with that key: such a
 * failure says so, since trying again before the key expires gets the same answer.
 */
function failureReasonOf(error: unknown): string {
  const replayed = (error as { headers?: Record<string, string> }).headers?.['idempotent-replayed'] === 'true';
  const message = (error as Error).message;
  return (
    replayed ? `${message} (Stripe replayed its saved answer to an earlier attempt: it answers anew 24 h after the first)` : message
  ).slice(0, 500);
}
