/**
 * Payments as Stripe's test mode runs them: PaymentIntents confirmed with the test payment methods
 * (`pm_card_visa` succeeds, `pm_card_chargeDeclined` is declined), the charge each confirmation makes,
 * and refunds of it (refused while it is charged back; after a lost chargeback, of what it left), with
 * the events Stripe emits for each step.
 */
import { StripeApiError } from './stripe-errors';
import {
  ChargeObject,
  PaymentIntentFields,
  PaymentIntentObject,
  RefundFields,
  RequestOrigin,
  StoredObject,
  TestCard,
} from './stripe-object-types';
import { newBalanceTransaction, newCharge, newPaymentIntent, newPaymentMethod, newRefund } from './stripe-objects';
import { StripeStore } from './stripe-store';

const TEST_CARDS = new Map<string, TestCard>([
  ['pm_card_visa', { brand: 'visa', last4: '4242', declined: false }],
  ['pm_card_chargeDeclined', { brand: 'visa', last4: '0002', declined: true }],
]);

/** Stripe's smallest charge in euros and dollars. */
const MINIMUM_AMOUNT = 50;

export class EmulatedPayments {
  constructor(private readonly store: StripeStore) {}

  createPaymentIntent(fields: PaymentIntentFields, origin: RequestOrigin): PaymentIntentObject {
    if (fields.amount < MINIMUM_AMOUNT) {
      throw StripeApiError.invalidParam('amount', `Amount must be at least ${MINIMUM_AMOUNT} cents`, 'amount_too_small');
    }
    const paymentIntent = this.store.put('payment_intent', newPaymentIntent(fields, this.store.now()));
    this.store.emit('payment_intent.created', paymentIntent, origin);
    return paymentIntent;
  }

  /** A declined card changes the PaymentIntent and emits its events, then answers 402 as Stripe does. */
  confirmPaymentIntent(id: string, paymentMethodName: string | null, origin: RequestOrigin): PaymentIntentObject {
    const paymentIntent = this.store.get('payment_intent', id);
    if (paymentIntent.status !== 'requires_payment_method') {
      throw StripeApiError.invalidRequest(
        paymentIntent.status === 'succeeded'
          ? 'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.'
          : `You cannot confirm this PaymentIntent because it has a status of ${paymentIntent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: requires_payment_method.`,
        'payment_intent_unexpected_state',
      );
    }
    if (!paymentMethodName) {
      throw StripeApiError.invalidRequest(
        'You cannot confirm this PaymentIntent because it’s missing a payment method.',
        'payment_intent_unexpected_state',
        'payment_method',
      );
    }
    const card = TEST_CARDS.get(paymentMethodName);
    if (!card) throw StripeApiError.noSuch('PaymentMethod', paymentMethodName, 'payment_method');
    const paymentMethod = newPaymentMethod(card, this.store.now());
    return card.declined
      ? this.decline(paymentIntent, paymentMethod, card, origin)
      : this.succeed(paymentIntent, paymentMethod, card, origin);
  }

  cancelPaymentIntent(id: string, reason: string | null, origin: RequestOrigin): PaymentIntentObject {
    const paymentIntent = this.store.get('payment_intent', id);
    if (paymentIntent.status !== 'requires_payment_method') {
      throw StripeApiError.invalidRequest(
        `You cannot cancel this PaymentIntent because it has a status of ${paymentIntent.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method.`,
        'payment_intent_unexpected_state',
      );
    }
    Object.assign(paymentIntent, { status: 'canceled', canceled_at: this.store.now(), cancellation_reason: reason });
    this.store.emit('payment_intent.canceled', paymentIntent, origin);
    return paymentIntent;
  }

  createRefund(fields: RefundFields, origin: RequestOrigin): StoredObject {
    const charge = this.refundedCharge(fields);
    const chargedBack = this.chargedBackOf(charge);
    const remaining = charge.amount - charge.amount_refunded - chargedBack;
    if (remaining === 0 && chargedBack > 0) {
      throw StripeApiError.invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, 'charge_disputed');
    }
    if (remaining === 0) {
      throw StripeApiError.invalidRequest(`Charge ${charge.id} has already been refunded.`, 'charge_already_refunded');
    }
    const amount = fields.amount ?? remaining;
    if (amount > remaining) {
      throw StripeApiError.invalidParam(
        'amount',
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining}).`,
        'amount_too_large',
      );
    }
    const now = this.store.now();
    const refund = this.store.put('refund', newRefund(charge, { ...fields, amount }, now));
    refund.balance_transaction = this.store.put(
      'balance_transaction',
      newBalanceTransaction({ amount: -amount, currency: charge.currency, source: refund.id, type: 'refund', description: null }, now),
    ).id;
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    charge.refunds.data.unshift(refund);
    this.store.emit('refund.created', refund, origin);
    this.store.emit('charge.refunded', charge, origin);
    return refund;
  }

  private succeed(
    paymentIntent: PaymentIntentObject,
    paymentMethod: StoredObject,
    card: TestCard,
    origin: RequestOrigin,
  ): PaymentIntentObject {
    const now = this.store.now();
    const charge = this.store.put('charge', newCharge(paymentIntent, paymentMethod, card, now));
    charge.balance_transaction = this.store.put(
      'balance_transaction',
      newBalanceTransaction(
        { amount: charge.amount, currency: charge.currency, source: charge.id, type: 'charge', description: paymentIntent.description },
        now,
      ),
    ).id;
    Object.assign(paymentIntent, {
      status: 'succeeded',
      amount_received: paymentIntent.amount,
      latest_charge: charge.id,
      payment_method: paymentMethod.id,
      last_payment_error: null,
    });
    this.store.emit('charge.succeeded', charge, origin);
    this.store.emit('payment_intent.succeeded', paymentIntent, origin);
    return paymentIntent;
  }

  private decline(paymentIntent: PaymentIntentObject, paymentMethod: StoredObject, card: TestCard, origin: RequestOrigin): never {
    const charge = this.store.put('charge', newCharge(paymentIntent, paymentMethod, card, this.store.now()));
    const declineDetails = {
      charge: charge.id,
      code: 'card_declined',
      decline_code: 'generic_decline',
      doc_url: 'https://stripe.com/docs/error-codes/card-declined',
      message: 'Your card was declined.',
    };
    Object.assign(paymentIntent, {
      status: 'requires_payment_method',
      latest_charge: charge.id,
      payment_method: null,
      last_payment_error: { ...declineDetails, payment_method: paymentMethod, type: 'card_error' },
    });
    this.store.emit('charge.failed', charge, origin);
    this.store.emit('payment_intent.payment_failed', paymentIntent, origin);
    throw new StripeApiError(402, 'card_error', declineDetails.message, {
      ...declineDetails,
      payment_intent: structuredClone(paymentIntent),
      payment_method: paymentMethod,
    });
  }

  /** The succeeded charge a refund takes money back from, named by itself or by its PaymentIntent. */
  private refundedCharge(fields: RefundFields): ChargeObject {
    const chargeId = fields.charge ?? this.chargeOfPaymentIntent(fields.paymentIntent);
    const charge = this.store.find('charge', chargeId);
    if (!charge) throw StripeApiError.noSuch('charge', chargeId, 'charge');
    if (fields.paymentIntent && charge.payment_intent !== fields.paymentIntent) {
      throw StripeApiError.invalidRequest(`Charge ${charge.id} does not belong to PaymentIntent ${fields.paymentIntent}.`);
    }
    if (charge.status !== 'succeeded') {
      throw StripeApiError.invalidRequest(`Charge ${charge.id} has not succeeded, so it cannot be refunded.`, 'charge_not_refundable');
    }
    // The cardholder's bank is taking the money back: a refund could pay them twice.
    if (this.store.list('dispute').some((dispute) => dispute.charge === charge.id && dispute.status === 'needs_response')) {
      throw StripeApiError.invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, 'charge_disputed');
    }
    return charge;
  }

  /** What a lost chargeback took from the charge for good. */
  private chargedBackOf(charge: ChargeObject): number {
    return this.store
      .list('dispute')
      .filter((dispute) => dispute.charge === charge.id && dispute.status === 'lost')
      .reduce((total, dispute) => total + dispute.amount, 0);
  }

  private chargeOfPaymentIntent(paymentIntentId: string | null): string {
    if (!paymentIntentId) {
      throw StripeApiError.invalidRequest('One of the following params should be provided for this request: payment_intent or charge.');
    }
    const paymentIntent = this.store.find('payment_intent', paymentIntentId);
    if (!paymentIntent) throw StripeApiError.noSuch('payment_intent', paymentIntentId, 'payment_intent');
    if (paymentIntent.status !== 'succeeded' || !paymentIntent.latest_charge) {
      throw StripeApiError.invalidRequest(
        `This PaymentIntent (${paymentIntent.id}) does not have a successful charge to refund.`,
        'charge_not_refundable',
        'payment_intent',
      );
    }
    return paymentIntent.latest_charge;
  }
}
