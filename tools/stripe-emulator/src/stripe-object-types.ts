/**
 * The emulated Stripe objects as the emulator sees them: only the fields it reads or writes are
 * named (the rest of Stripe's shape rides along untyped), plus the inputs its operations take.
 */
export type Metadata = Record<string, string>;

export interface StripeObject {
  [field: string]: unknown;
  object: string;
}

export interface StoredObject extends StripeObject {
  id: string;
}

export interface ListObject<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

export interface AccountObject extends StoredObject {
  object: 'account';
  country: string;
  default_currency: string;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  capabilities: Record<string, 'active' | 'inactive'>;
  requirements: Record<string, unknown>;
  external_accounts: ListObject<StoredObject>;
  tos_acceptance: Record<string, unknown>;
}

export type PaymentIntentStatus = 'requires_payment_method' | 'succeeded' | 'canceled';

export interface PaymentIntentObject extends StoredObject {
  object: 'payment_intent';
  amount: number;
  currency: string;
  status: PaymentIntentStatus;
  latest_charge: string | null;
  metadata: Metadata;
  transfer_group: string | null;
  description: string | null;
}

export interface ChargeObject extends StoredObject {
  object: 'charge';
  amount: number;
  amount_refunded: number;
  currency: string;
  status: 'succeeded' | 'failed';
  refunded: boolean;
  disputed: boolean;
  payment_intent: string;
  payment_method: string;
  refunds: ListObject<StoredObject>;
}

/** Stripe's statuses of a chargeback (not of an inquiry, `warning_…`, which the emulator does not open). */
export type DisputeStatus = 'needs_response' | 'won' | 'lost';

export interface DisputeObject extends StoredObject {
  object: 'dispute';
  amount: number;
  currency: string;
  charge: string;
  status: DisputeStatus;
  balance_transactions: StoredObject[];
}

export interface TransferObject extends StoredObject {
  object: 'transfer';
  amount: number;
  currency: string;
  destination: string;
  source_transaction: string | null;
}

export interface EventObject extends StoredObject {
  object: 'event';
  type: string;
  created: number;
  pending_webhooks: number;
  account?: string;
}

/** The API request that caused an event (simulations such as onboarding have none). */
export interface RequestOrigin {
  id: string;
  idempotencyKey: string | null;
  stripeVersion: string | null;
  /** The `Stripe-Account` header: the connected account the platform acts on. */
  stripeAccount: string | null;
}

export interface AccountFields {
  type: string;
  country: string;
  businessType: string | null;
  email: string | null;
  capabilities: string[];
  metadata: Metadata;
}

export interface PaymentIntentFields {
  amount: number;
  currency: string;
  metadata: Metadata;
  description: string | null;
  transferGroup: string | null;
  paymentMethodTypes: string[] | null;
}

export interface RefundFields {
  paymentIntent: string | null;
  charge: string | null;
  amount: number | null;
  metadata: Metadata;
  reason: string | null;
}

export interface TransferFields {
  amount: number;
  currency: string;
  destination: string;
  sourceTransaction: string | null;
  transferGroup: string | null;
  description: string | null;
  metadata: Metadata;
}

/** A test card, as the `pm_card_…` payment method ids of Stripe's test mode name them. */
export interface TestCard {
  brand: string;
  last4: string;
  declined: boolean;
}
