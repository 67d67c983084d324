/**
 * Card chargebacks (Stripe's `dispute` objects) as Stripe runs them for the platform: the
 * cardholder's bank takes the disputed amount back at once, and Stripe withdraws it from the
 * platform's balance with its dispute fee; if the platform wins, the amount is reinstated (the
 * dispute fee is not); if it loses, the money stays gone. The emulator opens and closes them on
 * request (`/_emulator/…`), standing in for the bank and the card network.
 */
import { StripeApiError } from './stripe-errors';
import { DisputeObject } from './stripe-object-types';
import { newBalanceTransaction, newDispute } from './stripe-objects';
import { StripeStore } from './stripe-store';

/** Stripe's dispute fee in the US ($15); the emulator takes as many cents in every currency. */
const DISPUTE_FEE = 1_500;

export const DISPUTE_REASONS = [
  'bank_cannot_process',
  'check_returned',
  'credit_not_processed',
  'customer_initiated',
  'debit_not_authorized',
  'duplicate',
  'fraudulent',
  'general',
  'incorrect_account_details',
  'insufficient_funds',
  'noncompliant',
  'product_not_received',
  'product_unacceptable',
  'subscription_canceled',
  'unrecognized',
] as const;

export type DisputeReason = (typeof DISPUTE_REASONS)[number];

export type DisputeOutcome = 'won' | 'lost';

export class EmulatedChargebacks {
  constructor(private readonly store: StripeStore) {}

  /** One chargeback per charge, of at most what refunds left of it (default: all of that). */
  open(chargeId: string, fields: { amount: number | null; reason: DisputeReason }): DisputeObject {
    const charge = this.store.get('charge', chargeId);
    if (charge.status !== 'succeeded') {
      throw StripeApiError.invalidRequest(`Charge ${charge.id} has not succeeded, so it cannot be disputed.`);
    }
    if (charge.disputed) throw StripeApiError.invalidRequest(`Charge ${charge.id} has already been disputed.`, 'charge_disputed');
    const remaining = charge.amount - charge.amount_refunded;
    if (remaining === 0) {
      throw StripeApiError.invalidRequest(
        `Charge ${charge.id} has been refunded in full, so it cannot be disputed.`,
        'charge_already_refunded',
      );
    }
    const amount = fields.amount ?? remaining;
    if (amount > remaining) {
      throw StripeApiError.invalidParam(
        'amount',
        `Dispute amount (${amount}) is greater than what refunds left of the charge (${remaining}).`,
        'amount_too_large',
      );
    }
    const now = this.store.now();
    const dispute = this.store.put('dispute', newDispute(charge, { amount, reason: fields.reason }, now));
    dispute.balance_transactions.push(
      this.store.put(
        'balance_transaction',
        newBalanceTransaction(
          {
            amount: -amount,
            currency: charge.currency,
            source: dispute.id,
            type: 'adjustment',
            reportingCategory: 'dispute',
            description: `Chargeback withdrawal for ${charge.id}`,
            stripeFee: { amount: DISPUTE_FEE, description: 'Dispute fee' },
          },
          now,
        ),
      ),
    );
    charge.disputed = true;
    this.store.emit('charge.dispute.created', dispute, null);
    this.store.emit('charge.dispute.funds_withdrawn', dispute, null);
    return dispute;
  }

  /** The network's decision: won reinstates the disputed amount (charge.dispute.funds_reinstated), lost keeps it withdrawn. */
  close(disputeId: string, outcome: DisputeOutcome): DisputeObject {
    const dispute = this.store.get('dispute', disputeId);
    if (dispute.status !== 'needs_response') {
      throw StripeApiError.invalidRequest(`Dispute ${dispute.id} is already closed: it was ${dispute.status}.`);
    }
    dispute.status = outcome;
    if (outcome === 'won') {
      dispute.balance_transactions.push(
        this.store.put(
          'balance_transaction',
          newBalanceTransaction(
            {
              amount: dispute.amount,
              currency: dispute.currency,
              source: dispute.id,
              type: 'adjustment',
              reportingCategory: 'dispute_reversal',
              description: `Chargeback reversal for ${dispute.charge}`,
            },
            this.store.now(),
          ),
        ),
      );
      this.store.emit('charge.dispute.funds_reinstated', dispute, null);
    }
    this.store.emit('charge.dispute.closed', dispute, null);
    return dispute;
  }
}
