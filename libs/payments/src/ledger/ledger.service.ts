import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Payment, PaymentStatus } from '../payment.entity';
import { Payout, PayoutStatus } from '../payouts/payout.entity';
import { LedgerAccount, LedgerEntry, LedgerMovement } from './ledger-entry.entity';
import { Entries, entriesOf, ledgerProblems } from './ledger-movements';

export interface LedgerCheck {
  paymentsChecked: number;
  problems: { missionId: string; paymentId: string; problem: string }[];
}

/** Writes the books in the transactions that move money, and checks them against payments and payouts. */
@Injectable()
export class Ledger {
  constructor(@InjectRepository(LedgerEntry) private readonly entries: Repository<LedgerEntry>) {}

  /** Writes a movement once: a second attempt for the same payment is refused by the unique index and ignored. */
  async record(manager: EntityManager, movement: LedgerMovement, payment: Payment): Promise<void> {
    const rows = Object.entries(entriesOf(movement, payment)).map(([account, amountCents]) => ({
      missionId: payment.missionId,
      paymentId: payment.id,
      movement,
      account: account as LedgerAccount,
      amountCents,
      currency: payment.currency,
    }));
    await manager.createQueryBuilder().insert().into(LedgerEntry).values(rows).orIgnore().execute();
  }

  /** Every payment's books: balanced, complete, and in agreement with its payment, payout and refund. */
  async check(): Promise<LedgerCheck> {
    const manager = this.entries.manager;
    const payments = await manager.find(Payment);
    const payouts = new Map((await manager.find(Payout)).map((payout) => [payout.paymentId, payout]));
    const byPayment = new Map<string, Map<LedgerMovement, Entries>>();
    for (const entry of await this.entries.find()) {
      const movements = byPayment.get(entry.paymentId) ?? new Map<LedgerMovement, Entries>();
      const entries = movements.get(entry.movement) ?? {};
      entries[entry.account] = (entries[entry.account] ?? 0) + entry.amountCents;
      movements.set(entry.movement, entries);
      byPayment.set(entry.paymentId, movements);
    }
    const problems = payments.flatMap((payment) => {
      const payout = payouts.get(payment.id);
      const transferred =
        payout &&
        (payout.status === PayoutStatus.TRANSFERRED ||
          payout.status === PayoutStatus.PAID_OUT ||
          payout.status === PayoutStatus.BANK_PAYOUT_FAILED);
      const facts = {
        ...payment,
        charged: payment.succeededAt !== null,
        refunded: payment.status === PaymentStatus.REFUNDED,
        transferredCents: transferred ? payout.amountCents : null,
      };
      return ledgerProblems(facts, byPayment.get(payment.id) ?? new Map()).map((problem) => ({
        missionId: payment.missionId,
        paymentId: payment.id,
        problem,
      }));
    });
    const known = new Set(payments.map((payment) => payment.id));
    for (const paymentId of byPayment.keys()) {
      if (!known.has(paymentId)) problems.push({ missionId: '', paymentId, problem: 'entries for an unknown payment' });
    }
    return { paymentsChecked: payments.length, problems };
  }
}
