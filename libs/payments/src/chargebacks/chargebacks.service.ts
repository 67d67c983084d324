import { Connection, groupBy } from '@marketplace/common';
import { pageByTime } from '@marketplace/database';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { LedgerMovement } from '../ledger/ledger-entry.entity';
import { moneyBackEntries, reversedEntries } from '../ledger/ledger-movements';
import { Ledger } from '../ledger/ledger.service';
import { PaymentEvents } from '../payment-events';
import { Payment } from '../payment.entity';
import { Payout, TRANSFER_MADE } from '../payouts/payout.entity';
import { PayoutsService } from '../payouts/payouts.service';
import { RefundsService } from '../refunds/refunds.service';
import { ChargebackSnapshot } from '../webhooks/stripe-event-shape';
import { Chargeback, ChargebackStatus } from './chargeback.entity';

/**
 * Card chargebacks, from Stripe's dispute events. Each event carries the whole dispute, so each one
 * brings the chargeback up to what it shows, forward only: a redelivery, or an event older than
 * one already applied, changes nothing, and a `closed` arriving before `created` still ends right.
 * The withdrawal and the reinstatement are written in the books once each (reference: the dispute),
 * out of the money held for the client while the provider's transfer has not been made, else as
 * the platform's loss. The payout waits while a chargeback on its payment is open (the transfer job
 * holds it), and so does our refund of a mission called off meanwhile (the refund job holds it);
 * once it is decided they go, of what the chargeback left when it was lost.
 */
@Injectable()
export class ChargebacksService {
  constructor(
    @InjectRepository(Chargeback) private readonly chargebacks: Repository<Chargeback>,
    private readonly payouts: PayoutsService,
    private readonly refunds: RefundsService,
    private readonly ledger: Ledger,
    private readonly events: PaymentEvents,
  ) {}

  /** In the webhook's transaction, on the payment locked first (so a dispute's events apply one at a time). */
  async record(manager: EntityManager, snapshot: ChargebackSnapshot, seenAt: Date): Promise<void> {
    const payment = await this.lockedPaymentOf(manager, snapshot);
    if (!payment) return; // not a marketplace payment's charge
    const chargeback = await this.lockedChargeback(manager, payment, snapshot);
    const status = chargeback.status === ChargebackStatus.OPEN ? statusShownBy(snapshot) : chargeback.status;
    const changes: Partial<Chargeback> = {
      ...(await this.moneyMovedSince(manager, payment, chargeback, snapshot, status, seenAt)),
      ...(status === chargeback.status ? {} : { status, closedAt: seenAt }),
    };
    if (Object.keys(changes).length === 0) return;
    await manager.update(Chargeback, { id: chargeback.id }, changes);
    if (status !== chargeback.status) await this.decided(manager, payment, { ...chargeback, ...changes });
  }

  /** Moderators: the chargebacks (of one status, or all), the first opened first. */
  list(status: ChargebackStatus | null, first: number, after?: string | null): Promise<Connection<Chargeback>> {
    const query = this.chargebacks.createQueryBuilder('c');
    if (status) query.where('c.status = :status', { status });
    return pageByTime(query, { column: 'opened_at', direction: 'ASC', timeOf: (row) => row.openedAt }, first, after);
  }

  /** The chargebacks of each payment, the first opened first, in the order asked. */
  async ofPayments(paymentIds: readonly string[]): Promise<Chargeback[][]> {
    const chargebacks = await this.chargebacks.find({
      where: { paymentId: In([...paymentIds]) },
      order: { openedAt: 'ASC', id: 'ASC' },
    });
    const byPayment = groupBy(chargebacks, (chargeback) => chargeback.paymentId);
    return paymentIds.map((paymentId) => byPayment.get(paymentId) ?? []);
  }

  /** The payment of each chargeback asked (by payment id), for moderators listing chargebacks. */
  async paymentsByIds(paymentIds: readonly string[]): Promise<Payment[]> {
    const payments = new Map(
      (await this.chargebacks.manager.findBy(Payment, { id: In([...paymentIds]) })).map((payment) => [payment.id, payment]),
    );
    return paymentIds.map((id) => payments.get(id)!);
  }

  /** The dispute's row, inserted by the first of its events to arrive, locked. */
  private async lockedChargeback(manager: EntityManager, payment: Payment, snapshot: ChargebackSnapshot): Promise<Chargeback> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(Chargeback)
      .values({
        stripeDisputeId: snapshot.disputeId,
        paymentId: payment.id,
        missionId: payment.missionId,
        stripeChargeId: snapshot.chargeId,
        amountCents: snapshot.amountCents,
        currency: snapshot.currency,
        reason: snapshot.reason,
        openedAt: snapshot.openedAt,
      })
      .orIgnore()
      .execute();
    return manager.findOneOrFail(Chargeback, { where: { stripeDisputeId: snapshot.disputeId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The withdrawal and the reinstatement the event shows and the books do not have yet, written once each. */
  private async moneyMovedSince(
    manager: EntityManager,
    payment: Payment,
    chargeback: Chargeback,
    snapshot: ChargebackSnapshot,
    status: ChargebackStatus,
    seenAt: Date,
  ): Promise<Partial<Chargeback>> {
    const changes: Partial<Chargeback> = {};
    if (!chargeback.fundsWithdrawnAt && (snapshot.fundsWithdrawn || snapshot.fundsReinstated)) {
      Object.assign(changes, await this.withdraw(manager, payment, chargeback, seenAt));
    }
    const afterPayout = changes.afterPayout ?? chargeback.afterPayout;
    if (!chargeback.fundsReinstatedAt && snapshot.fundsReinstated && status === ChargebackStatus.WON && afterPayout !== null) {
      const entries = reversedEntries(moneyBackEntries(chargeback.amountCents, { afterPayout }));
      await this.ledger.record(manager, payment, LedgerMovement.CHARGEBACK_REVERSED, entries, chargeback.stripeDisputeId);
      changes.fundsReinstatedAt = seenAt;
    }
    return changes;
  }

  /**
   * Won or lost: a lost one's amount is gone from what the payment leaves to pay out, or to refund;
   * the payout, or our refund, that waited for the decision goes.
   */
  private async decided(manager: EntityManager, payment: Payment, chargeback: Chargeback): Promise<void> {
    if (chargeback.status === ChargebackStatus.LOST) {
      await manager.update(Payment, { id: payment.id }, { chargedBackCents: payment.chargedBackCents + chargeback.amountCents });
      const returned = { paymentId: payment.id, missionId: payment.missionId, amountCents: chargeback.amountCents };
      await this.events.moneyReturned(manager, { ...returned, reference: `chargeback:${chargeback.stripeDisputeId}` });
    }
    const settled = await manager.findOneByOrFail(Payment, { id: payment.id });
    await this.payouts.releaseAfterChargeback(manager, settled, chargeback);
    await this.refunds.resumeAfterChargeback(manager, settled);
  }

  /**
   * The money leaves: out of what is held for the client, unless the provider's transfer was made
   * (the payout row locked, so a transfer being recorded is either before this or after it).
   */
  private async withdraw(manager: EntityManager, payment: Payment, chargeback: Chargeback, seenAt: Date): Promise<Partial<Chargeback>> {
    const payout = await manager.findOne(Payout, { where: { paymentId: payment.id }, lock: { mode: 'pessimistic_write' } });
    const afterPayout = !!payout && TRANSFER_MADE.includes(payout.status);
    const entries = moneyBackEntries(chargeback.amountCents, { afterPayout });
    await this.ledger.record(manager, payment, LedgerMovement.CHARGEBACK, entries, chargeback.stripeDisputeId);
    return { fundsWithdrawnAt: seenAt, afterPayout };
  }

  private lockedPaymentOf(manager: EntityManager, snapshot: ChargebackSnapshot): Promise<Payment | null> {
    return manager.findOne(Payment, {
      where: snapshot.paymentIntentId ? { stripePaymentIntentId: snapshot.paymentIntentId } : { stripeChargeId: snapshot.chargeId },
      lock: { mode: 'pessimistic_write' },
    });
  }
}

/** A reinstatement means the platform won, whatever status the event's copy of the dispute shows. */
function statusShownBy(snapshot: ChargebackSnapshot): ChargebackStatus {
  return snapshot.fundsReinstated ? ChargebackStatus.WON : ChargebackStatus[snapshot.outcome];
}
