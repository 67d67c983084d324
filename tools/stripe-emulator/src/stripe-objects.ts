/**
 * Builders of the emulated Stripe objects. Each starts as a deep copy of Stripe's sample object of
 * its type (stripe-fixtures.ts), so it carries every field Stripe returns, then gets its own id,
 * amounts, status and timestamps.
 */
import { StripeObjectType, stripeFixtures } from './stripe-fixtures';
import { newId, randomBase62 } from './stripe-ids';
import {
  AccountFields,
  AccountObject,
  ChargeObject,
  DisputeObject,
  EventObject,
  ListObject,
  Metadata,
  PaymentIntentFields,
  PaymentIntentObject,
  RequestOrigin,
  StoredObject,
  StripeObject,
  TestCard,
  TransferFields,
  TransferObject,
} from './stripe-object-types';

function fromFixture(type: StripeObjectType): Record<string, unknown> {
  return structuredClone(stripeFixtures[type]) as Record<string, unknown>;
}

function emptyList<T>(url: string): ListObject<T> {
  return { object: 'list', data: [], has_more: false, url };
}

const CURRENCY_OF_COUNTRY: Record<string, string> = { US: 'usd', GB: 'gbp', CH: 'chf' };

export function newAccount(fields: AccountFields, created: number): AccountObject {
  const id = newId('acct');
  const fixture = fromFixture('account');
  return {
    ...fixture,
    id,
    object: 'account',
    type: fields.type,
    business_type: fields.businessType,
    country: fields.country,
    email: fields.email,
    default_currency: CURRENCY_OF_COUNTRY[fields.country] ?? 'eur',
    created,
    capabilities: Object.fromEntries(fields.capabilities.map((capability) => [capability, 'inactive'])),
    charges_enabled: false,
    payouts_enabled: false,
    details_submitted: false,
    controller: { type: 'application', is_controller: true },
    // The sample account's outstanding requirements: what a new account owes until onboarding.
    requirements: fixture.requirements as Record<string, unknown>,
    external_accounts: emptyList(`/v1/accounts/${id}/external_accounts`),
    tos_acceptance: { date: null, ip: null, user_agent: null },
    metadata: fields.metadata,
  };
}

export function newBankAccount(account: AccountObject): StoredObject {
  return {
    ...fromFixture('bank_account'),
    id: newId('ba'),
    object: 'bank_account',
    account: account.id,
    account_holder_name: null,
    account_holder_type: 'individual',
    bank_name: 'STRIPE TEST BANK',
    country: account.country,
    currency: account.default_currency,
    default_for_currency: true,
    last4: '6789',
    routing_number: null,
    status: 'new',
    metadata: {},
  };
}

export function newAccountLink(url: string, created: number, expiresAt: number): StripeObject {
  return { ...fromFixture('account_link'), object: 'account_link', url, created, expires_at: expiresAt };
}

export function newPaymentIntent(fields: PaymentIntentFields, created: number): PaymentIntentObject {
  const id = newId('pi');
  return {
    ...fromFixture('payment_intent'),
    id,
    object: 'payment_intent',
    amount: fields.amount,
    amount_capturable: 0,
    amount_received: 0,
    currency: fields.currency,
    status: 'requires_payment_method',
    client_secret: `${id}_secret_${randomBase62(25)}`,
    automatic_payment_methods: fields.paymentMethodTypes ? null : { enabled: true },
    payment_method_types: fields.paymentMethodTypes ?? ['card'],
    payment_method_configuration_details: null,
    canceled_at: null,
    cancellation_reason: null,
    created,
    description: fields.description,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: fields.metadata,
    next_action: null,
    payment_method: null,
    processing: null,
    shipping: null,
    transfer_data: null,
    transfer_group: fields.transferGroup,
    managed_payments: null,
  };
}

export function newPaymentMethod(card: TestCard, created: number): StoredObject {
  const fixture = fromFixture('payment_method');
  return {
    ...fixture,
    id: newId('pm'),
    object: 'payment_method',
    card: { ...(fixture.card as object), brand: card.brand, display_brand: card.brand, last4: card.last4 },
    created,
    livemode: false,
    metadata: {},
    type: 'card',
  };
}

const APPROVED_OUTCOME = {
  advice_code: null,
  network_advice_code: null,
  network_decline_code: null,
  network_status: 'approved_by_network',
  reason: null,
  risk_level: 'normal',
  seller_message: 'Payment complete.',
  type: 'authorized',
};

const DECLINED_OUTCOME = {
  ...APPROVED_OUTCOME,
  network_decline_code: '05',
  network_status: 'declined_by_network',
  reason: 'generic_decline',
  seller_message: 'The bank did not return any further details with this decline.',
  type: 'issuer_declined',
};

export function newCharge(paymentIntent: PaymentIntentObject, paymentMethod: StoredObject, card: TestCard, created: number): ChargeObject {
  const id = newId('ch');
  const fixture = fromFixture('charge');
  const details = fixture.payment_method_details as { card: object };
  const succeeded = !card.declined;
  return {
    ...fixture,
    id,
    object: 'charge',
    amount: paymentIntent.amount,
    amount_captured: succeeded ? paymentIntent.amount : 0,
    amount_refunded: 0,
    balance_transaction: null,
    captured: succeeded,
    created,
    currency: paymentIntent.currency,
    description: paymentIntent.description,
    disputed: false,
    failure_code: succeeded ? null : 'card_declined',
    failure_message: succeeded ? null : 'Your card was declined.',
    livemode: false,
    metadata: { ...paymentIntent.metadata },
    outcome: succeeded ? APPROVED_OUTCOME : DECLINED_OUTCOME,
    paid: succeeded,
    payment_intent: paymentIntent.id,
    payment_method: paymentMethod.id,
    payment_method_details: { card: { ...details.card, brand: card.brand, last4: card.last4 }, type: 'card' },
    receipt_url: null,
    refunded: false,
    refunds: emptyList(`/v1/charges/${id}/refunds`),
    source: null,
    status: succeeded ? 'succeeded' : 'failed',
    transfer_data: null,
    transfer_group: paymentIntent.transfer_group,
  };
}

/**
 * The movement of money a charge, refund, transfer, payout or chargeback makes on a balance. Stripe's
 * processing fees are not emulated; a chargeback's dispute fee is (`stripeFee`): net = amount − fee.
 */
export function newBalanceTransaction(
  fields: {
    amount: number;
    currency: string;
    source: string;
    type: 'charge' | 'refund' | 'transfer' | 'payout' | 'adjustment';
    description: string | null;
    reportingCategory?: 'dispute' | 'dispute_reversal';
    stripeFee?: { amount: number; description: string };
  },
  created: number,
): StoredObject {
  const fee = fields.stripeFee?.amount ?? 0;
  return {
    ...fromFixture('balance_transaction'),
    id: newId('txn'),
    object: 'balance_transaction',
    amount: fields.amount,
    available_on: created,
    created,
    currency: fields.currency,
    description: fields.description,
    fee,
    fee_details: fields.stripeFee
      ? [{ amount: fee, application: null, currency: fields.currency, description: fields.stripeFee.description, type: 'stripe_fee' }]
      : [],
    net: fields.amount - fee,
    reporting_category: fields.reportingCategory ?? fields.type,
    source: fields.source,
    status: 'available',
    type: fields.type,
  };
}

export function newRefund(
  charge: ChargeObject,
  fields: { amount: number; metadata: Metadata; reason: string | null },
  created: number,
): StoredObject {
  return {
    ...fromFixture('refund'),
    id: newId('re'),
    object: 'refund',
    amount: fields.amount,
    balance_transaction: null,
    charge: charge.id,
    created,
    currency: charge.currency,
    metadata: fields.metadata,
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: fields.reason,
    status: 'succeeded',
  };
}

/** How long Stripe gives to answer a chargeback with evidence (the network's deadline, less a margin): a week here. */
const DISPUTE_EVIDENCE_SECONDS = 7 * 24 * 3600;

/** A chargeback the cardholder's bank opened (Stripe's `dispute` object, not an inquiry): it needs a response. */
export function newDispute(charge: ChargeObject, fields: { amount: number; reason: string }, created: number): DisputeObject {
  const fixture = fromFixture('dispute');
  const card = (charge.payment_method_details as { card: { brand: string } }).card;
  return {
    ...fixture,
    id: newId('dp'),
    object: 'dispute',
    amount: fields.amount,
    balance_transactions: [],
    charge: charge.id,
    created,
    currency: charge.currency,
    evidence_details: {
      ...(fixture.evidence_details as object),
      due_by: created + DISPUTE_EVIDENCE_SECONDS,
      has_evidence: false,
      past_due: false,
      submission_count: 0,
    },
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    payment_method_details: {
      card: { brand: card.brand, case_type: 'chargeback', network_reason_code: null, network: card.brand },
      type: 'card',
    },
    reason: fields.reason,
    status: 'needs_response',
    enhanced_eligibility_types: [],
  };
}

export function newTransfer(fields: TransferFields, created: number): TransferObject {
  const id = newId('tr');
  return {
    ...fromFixture('transfer'),
    id,
    object: 'transfer',
    amount: fields.amount,
    amount_reversed: 0,
    balance_transaction: null,
    created,
    currency: fields.currency,
    description: fields.description,
    destination: fields.destination,
    destination_payment: newId('py'),
    livemode: false,
    metadata: fields.metadata,
    reversals: emptyList(`/v1/transfers/${id}/reversals`),
    reversed: false,
    source_transaction: fields.sourceTransaction,
    transfer_group: fields.transferGroup,
  };
}

export function newPayout(fields: { amount: number; currency: string; destination: string | null }, created: number): StoredObject {
  return {
    ...fromFixture('payout'),
    id: newId('po'),
    object: 'payout',
    amount: fields.amount,
    arrival_date: created,
    balance_transaction: null,
    created,
    currency: fields.currency,
    destination: fields.destination,
    livemode: false,
    metadata: {},
    status: 'paid',
    trace_id: { status: 'unsupported', value: null },
  };
}

export function newEvent(
  type: string,
  object: StripeObject,
  context: {
    origin: RequestOrigin | null;
    apiVersion: string;
    account?: string;
    previousAttributes?: Record<string, unknown>;
  },
  created: number,
): EventObject {
  return {
    ...fromFixture('event'),
    id: newId('evt'),
    object: 'event',
    api_version: context.apiVersion,
    created,
    data: { object: structuredClone(object), ...(context.previousAttributes ? { previous_attributes: context.previousAttributes } : {}) },
    livemode: false,
    pending_webhooks: 0,
    request: { id: context.origin?.id ?? null, idempotency_key: context.origin?.idempotencyKey ?? null },
    type,
    ...(context.account ? { account: context.account } : {}),
  };
}
