import { groupBy } from '@marketplace/common';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Chargeback, ChargebackStatus } from '../chargebacks/chargeback.entity';
import { Payment } from '../payment.entity';
import { Payout, TRANSFER_MADE } from '../payouts/payout.entity';
import { Refund } from '../refunds/refund.entity';
import { LedgerAccount, LedgerEntry, LedgerMovement } from './ledger-entry.entity';
import { Entries, ledgerProblems, Movement } from './ledger-movements';

export interface LedgerCheck {
  paymentsChecked: number;
  problems: { missionId: string; paymentId: string; problem: string }[];
}

/** Writes the books in the transactions that move money, and checks them against payments, refunds, payouts and chargebacks. */
@Injectable()
export class Ledger {
  constructor(@InjectRepository(LedgerEntry) private readonly entries: Repository<LedgerEntry>) {}

  /**
   * Writes a movement once: a second attempt for the same payment and reference is refused by the
   * unique index and ignored. The entries come from the pure builders of ledger-movements.ts.
   */
  async record(manager: EntityManager, payment: Payment, movement: LedgerMovement, entries: Entries, reference = ''): Promise<void> {
    const rows = Object.entries(entries).map(([account, amountCents]) => ({
      missionId: payment.missionId,
      paymentId: payment.id,
      movement,
      reference,
      account: account as LedgerAccount,
      amountCents,
      currency: payment.currency,
    }));
    await manager.createQueryBuilder().insert().into(LedgerEntry).values(rows).orIgnore().execute();
  }

  /**
   * Every payment's books (or, with `missionId`, those of the mission's payments): balanced, complete,
   * and in agreement with its payment, refunds, payout and chargebacks.
   */
  async check(missionId?: string): Promise<LedgerCheck> {
    const manager = this.entries.manager;
    const where = missionId ? { missionId } : {};
    const [payments, payouts, refunds, chargebacks, entries] = await Promise.all([
      manager.findBy(Payment, where),
      manager.findBy(Payout, where),
      manager.findBy(Refund, where),
      manager.findBy(Chargeback, where),
      this.entries.findBy(where),
    ]);
    const payoutOf = new Map(payouts.map((payout) => [payout.paymentId, payout]));
    const refundsOf = groupBy(refunds, (refund) => refund.paymentId);
    const chargebacksOf = groupBy(chargebacks, (chargeback) => chargeback.paymentId);
    const booksOf = new Map<string, Map<string, Movement>>();
    for (const entry of entries) {
      const books = booksOf.get(entry.paymentId) ?? new Map<string, Movement>();
      const key = `${entry.movement} ${entry.reference}`;
      const movement = books.get(key) ?? { movement: entry.movement, reference: entry.reference, entries: {} };
      movement.entries[entry.account] = (movement.entries[entry.account] ?? 0) + entry.amountCents;
      books.set(key, movement);
      booksOf.set(entry.paymentId, books);
    }
    const problems = payments.flatMap((payment) => {
      const payout = payoutOf.get(payment.id);
      const paymentRefunds = refundsOf.get(payment.id) ?? [];
      const paymentChargebacks = chargebacksOf.get(payment.id) ?? [];
      const facts = {
        ...payment,
        charged: payment.succeededAt !== null,
        refunds: paymentRefunds.map((refund) => ({ reference: refund.stripeRefundId, amountCents: refund.amountCents })),
        payout: payout && TRANSFER_MADE.includes(payout.status) ? payout : null,
        chargebacks: paymentChargebacks.map((chargeback) => ({
          reference: chargeback.stripeDisputeId,
          amountCents: chargeback.amountCents,
          afterPayout: chargeback.afterPayout,
          reinstated: chargeback.fundsReinstatedAt !== null,
        })),
      };
      const chargedBackCents = paymentChargebacks
        .filter((chargeback) => chargeback.status === ChargebackStatus.LOST)
        .reduce((total, chargeback) => total + chargeback.amountCents, 0);
      const refundedCents = paymentRefunds.reduce((total, refund) => total + refund.amountCents, 0);
      return [
        ...ledgerProblems(facts, [...(booksOf.get(payment.id)?.values() ?? [])]),
        ...(refundedCents === payment.refundedCents
          ? []
          : [`refunds add up to ${refundedCents} cents, the payment says ${payment.refundedCents}`]),
        ...(chargedBackCents === payment.chargedBackCents
          ? []
          : [`lost chargebacks add up to ${chargedBackCents} cents, the payment says ${payment.chargedBackCents}`]),
      ].map((problem) => ({ missionId: payment.missionId, paymentId: payment.id, problem }));
    });
    const known = new Set(payments.map((payment) => payment.id));
    for (const paymentId of booksOf.keys()) {
      if (!known.has(paymentId)) problems.push({ missionId: '', paymentId, problem: 'entries for an unknown payment' });
    }
    return { paymentsChecked: payments.length, problems };
  }
}
