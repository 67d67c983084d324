import { Payment, PaymentStatus } from './payment.entity';
import { PayoutAmounts } from './ledger/ledger-movements';

/** The money came in and some of it is still the platform's to settle: it can be refunded, or paid out. */
export const PAID: readonly PaymentStatus[] = [PaymentStatus.SUCCEEDED, PaymentStatus.PARTIALLY_REFUNDED];

type SettledPayment = Pick<
  Payment,
  | 'amountCents'
  | 'platformFeeCents'
  | 'refundedCents'
  | 'chargedBackCents'
  | 'settlementRefundCents'
  | 'refundRequestedAt'
  | 'stripeRefundId'
>;

/** What is left of a payment once its refunds, those made and our own still due, are given back, and lost chargebacks took theirs. */
export function centsLeftOf(payment: SettledPayment): number {
  const left = Math.max(0, payment.amountCents - payment.refundedCents - payment.chargedBackCents);
  const ownRefundDue = payment.refundRequestedAt !== null && payment.stripeRefundId === null;
  return ownRefundDue ? Math.max(0, left - (payment.settlementRefundCents ?? left)) : left;
}

/**
 * What the provider receives of a payment: what is left of it, less the platform's fee on that
 * part, the fee agreed at acceptance in proportion (rounded to the cent, half up). The fee is taken
 * on what the provider receives only: what the client gets back, they get back whole.
 */
export function payoutAmountsOf(payment: SettledPayment): PayoutAmounts {
  const left = centsLeftOf(payment);
  const platformFeeCents = Math.round((payment.platformFeeCents * left) / payment.amountCents);
  return { amountCents: left - platformFeeCents, platformFeeCents };
}

/** The payment's status once `refundedCents` in all were given back (a lost chargeback gave the client its part already). */
export function statusAfterRefunds(payment: Pick<Payment, 'amountCents' | 'chargedBackCents'>, refundedCents: number): PaymentStatus {
  return refundedCents + payment.chargedBackCents >= payment.amountCents ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
}
