import { In } from 'typeorm';
import { PaymentStatus } from './payment.entity';
import { PayoutStatus } from './payouts/payout.entity';

const P = PaymentStatus;
const O = PayoutStatus;

/**
 * The statuses a payment can go to from each (its own lifecycle, beside the mission's): paid or
 * failed (and tried again), canceled while unpaid, refunded in part then in full. Every status
 * change of a payment is a conditional update from the statuses this table allows (`fromWhich`),
 * so a late or repeated event never moves one back.
 */
export const PAYMENT_MOVES: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  [P.REQUIRES_PAYMENT]: [P.SUCCEEDED, P.FAILED, P.CANCELED],
  [P.FAILED]: [P.SUCCEEDED, P.CANCELED],
  [P.SUCCEEDED]: [P.PARTIALLY_REFUNDED, P.REFUNDED],
  [P.PARTIALLY_REFUNDED]: [P.PARTIALLY_REFUNDED, P.REFUNDED],
  [P.REFUNDED]: [],
  [P.CANCELED]: [],
};

/**
 * A payout's: transferred (after failed attempts, perhaps; a moderator sends a FAILED one round
 * again), or canceled with nothing left to pay; then paid out to the bank, or returned by it and
 * paid out again later.
 */
export const PAYOUT_MOVES: Readonly<Record<PayoutStatus, readonly PayoutStatus[]>> = {
  [O.PENDING]: [O.TRANSFERRED, O.FAILED, O.CANCELED],
  [O.FAILED]: [O.PENDING, O.TRANSFERRED, O.CANCELED],
  [O.TRANSFERRED]: [O.PAID_OUT, O.BANK_PAYOUT_FAILED],
  [O.PAID_OUT]: [O.BANK_PAYOUT_FAILED],
  [O.BANK_PAYOUT_FAILED]: [O.PAID_OUT, O.BANK_PAYOUT_FAILED],
  [O.CANCELED]: [],
};

/** The statuses a table allows to move to `to`. */
export function statusesLeadingTo<S extends string>(moves: Readonly<Record<S, readonly S[]>>, to: S): S[] {
  return (Object.keys(moves) as S[]).filter((from) => moves[from].includes(to));
}

/** For money that already moved at Stripe and must be recorded: a move the table does not allow is an error to retry later, not one to skip. */
export function assertMove<S extends string>(moves: Readonly<Record<S, readonly S[]>>, from: S, to: S, what: string): void {
  if (!moves[from].includes(to)) throw new Error(`A ${what} that is ${from} cannot become ${to} (yet).`);
}

/** A where-clause condition: the row's status is one the table allows to move to `to`. */
export function fromWhich<S extends string>(moves: Readonly<Record<S, readonly S[]>>, to: S) {
  return In(statusesLeadingTo(moves, to));
}
