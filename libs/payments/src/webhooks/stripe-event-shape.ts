/**
 * A verified webhook body becomes one of the events the marketplace acts on, or is refused: the
 * signature proves who sent it, not that it has the shape the handlers read. Only the fields the
 * handlers use are checked (and the envelope every event has); anything else is left to Stripe.
 *
 * Each endpoint reads its own events: the platform's (payment intents, charges, card chargebacks) on the platform endpoint,
 * connected accounts' (`account` set: onboarding, payouts to their bank) on the Connect endpoint.
 * An event on the wrong one is refused rather than acknowledged, since recording its id would make
 * its delivery to the right endpoint look like a duplicate.
 */
export class InvalidWebhookError extends Error {}

/** Stripe's two kinds of endpoint: the platform's own events, and its connected accounts' (Connect). */
export type WebhookEndpoint = 'platform' | 'connect';

interface Envelope {
  id: string;
  /** Stripe's event type, as recorded. */
  stripeType: string;
  created: Date;
}

export type MarketplaceEvent = Envelope &
  (
    | { type: 'payment_intent.succeeded'; paymentIntentId: string; chargeId: string | null }
    | { type: 'payment_intent.payment_failed' | 'payment_intent.canceled'; paymentIntentId: string }
    | { type: 'charge.refunded'; paymentIntentId: string; amountRefunded: number }
    | { type: 'account.updated'; accountId: string; canReceiveTransfers: boolean }
    | { type: 'payout.paid'; accountId: string; bankPayoutId: string; arrivalDate: Date }
    | { type: 'payout.failed'; accountId: string; bankPayoutId: string; failureReason: string }
    | { type: 'chargeback'; chargeback: ChargebackSnapshot }
    | { type: 'ignored' }
  );

/** Where a card chargeback (Stripe's dispute) stands, as any of its events tells it. */
export type ChargebackOutcome = 'OPEN' | 'WON' | 'LOST';

/**
 * A chargeback as one of its events shows it: every one carries the whole dispute, so each tells
 * all that happened so far (its balance transactions show the money withdrawn, and reinstated).
 */
export interface ChargebackSnapshot {
  disputeId: string;
  /** Null on disputes of charges made without a PaymentIntent. */
  paymentIntentId: string | null;
  chargeId: string;
  amountCents: number;
  /** Upper case, as payments keep it. */
  currency: string;
  reason: string;
  outcome: ChargebackOutcome;
  openedAt: Date;
  fundsWithdrawn: boolean;
  fundsReinstated: boolean;
}

type Fields = Record<string, unknown>;

const CHARGEBACK_EVENTS = [
  'charge.dispute.created',
  'charge.dispute.funds_withdrawn',
  'charge.dispute.funds_reinstated',
  'charge.dispute.closed',
];

/**
 * Stripe's dispute statuses: inquiries (`warning_…`) and chargebacks waiting for evidence or a
 * decision are open; one closed without the money leaving for good (won, an inquiry closed,
 * prevented) is won.
 */
const OUTCOME_OF_STATUS: Readonly<Record<string, ChargebackOutcome>> = {
  warning_needs_response: 'OPEN',
  warning_under_review: 'OPEN',
  needs_response: 'OPEN',
  under_review: 'OPEN',
  won: 'WON',
  warning_closed: 'WON',
  prevented: 'WON',
  lost: 'LOST',
};

/** What a dispute's Stripe status means for the chargeback; undefined for a status Stripe does not document. */
export function chargebackOutcomeOf(status: string): ChargebackOutcome | undefined {
  return Object.hasOwn(OUTCOME_OF_STATUS, status) ? OUTCOME_OF_STATUS[status] : undefined;
}

/** Unix seconds up to the year 9999: what PostgreSQL and Date both hold. */
const LATEST_TIMESTAMP = 253_402_300_799;

export function parseStripeEvent(body: unknown, endpoint: WebhookEndpoint): MarketplaceEvent {
  const event = fields(body, 'the event');
  const envelope: Envelope = {
    id: text(event, 'id'),
    stripeType: text(event, 'type'),
    created: timestamp(event, 'created'),
  };
  const data = fields(event.data, 'data');
  const accountId = event.account === undefined || event.account === null ? null : text(event, 'account');
  if (endpoint === 'connect') {
    if (!accountId) throw new InvalidWebhookError('An event of the platform itself (no account) belongs to the platform endpoint.');
    return connectedAccountEvent(envelope, data, accountId);
  }
  if (accountId) throw new InvalidWebhookError(`An event of connected account ${accountId} belongs to the Connect endpoint.`);
  return platformEvent(envelope, data);
}

function platformEvent(envelope: Envelope, data: Fields): MarketplaceEvent {
  switch (envelope.stripeType) {
    case 'payment_intent.succeeded': {
      const intent = objectOf(data, 'payment_intent');
      return {
        ...envelope,
        type: envelope.stripeType,
        paymentIntentId: text(intent, 'id', 'data.object.'),
        chargeId: idOf(intent, 'latest_charge', { nullable: true }),
      };
    }
    case 'payment_intent.payment_failed':
    case 'payment_intent.canceled':
      return { ...envelope, type: envelope.stripeType, paymentIntentId: text(objectOf(data, 'payment_intent'), 'id', 'data.object.') };
    case 'charge.refunded': {
      const charge = objectOf(data, 'charge');
      if (charge.payment_intent === null) return ignored(envelope, data); // a charge made without a PaymentIntent is none of ours
      return {
        ...envelope,
        type: envelope.stripeType,
        paymentIntentId: text(charge, 'payment_intent', 'data.object.'),
        amountRefunded: cents(charge, 'amount_refunded', 'data.object.'),
      };
    }
    default:
      if (CHARGEBACK_EVENTS.includes(envelope.stripeType))
        return { ...envelope, type: 'chargeback', chargeback: chargebackOf(envelope, data) };
      return ignored(envelope, data);
  }
}

function connectedAccountEvent(envelope: Envelope, data: Fields, accountId: string): MarketplaceEvent {
  switch (envelope.stripeType) {
    case 'account.updated': {
      const account = objectOf(data, 'account');
      const capabilities = account.capabilities === undefined ? {} : fields(account.capabilities, 'data.object.capabilities');
      if (typeof account.payouts_enabled !== 'boolean') throw new InvalidWebhookError('data.object.payouts_enabled must be a boolean.');
      return {
        ...envelope,
        type: envelope.stripeType,
        accountId: text(account, 'id', 'data.object.'),
        canReceiveTransfers: capabilities.transfers === 'active' && account.payouts_enabled,
      };
    }
    case 'payout.paid': {
      const payout = objectOf(data, 'payout');
      return {
        ...envelope,
        type: envelope.stripeType,
        accountId,
        bankPayoutId: text(payout, 'id', 'data.object.'),
        arrivalDate: timestamp(payout, 'arrival_date', 'data.object.'),
      };
    }
    case 'payout.failed': {
      const payout = objectOf(data, 'payout');
      const code = text(payout, 'failure_code', 'data.object.');
      const message = typeof payout.failure_message === 'string' ? payout.failure_message.slice(0, 500) : null;
      return {
        ...envelope,
        type: envelope.stripeType,
        accountId,
        bankPayoutId: text(payout, 'id', 'data.object.'),
        failureReason: message ? `${code}: ${message}` : code,
      };
    }
    default:
      return ignored(envelope, data);
  }
}

function chargebackOf(envelope: Envelope, data: Fields): ChargebackSnapshot {
  const dispute = objectOf(data, 'dispute');
  const status = text(dispute, 'status', 'data.object.');
  const outcome = chargebackOutcomeOf(status);
  if (!outcome) throw new InvalidWebhookError(`data.object.status ${status} is not a dispute status.`);
  const currency = text(dispute, 'currency', 'data.object.');
  if (!/^[a-z]{3}$/i.test(currency)) throw new InvalidWebhookError('data.object.currency must be a currency code.');
  if (!Array.isArray(dispute.balance_transactions)) throw new InvalidWebhookError('data.object.balance_transactions must be a list.');
  const moved = dispute.balance_transactions.map((transaction, index) =>
    signedCents(fields(transaction, `data.object.balance_transactions[${index}]`), 'amount', 'data.object.balance_transactions.'),
  );
  return {
    disputeId: text(dispute, 'id', 'data.object.'),
    paymentIntentId: idOf(dispute, 'payment_intent', { nullable: true }),
    chargeId: idOf(dispute, 'charge', { nullable: false }),
    amountCents: positiveCents(dispute, 'amount', 'data.object.'),
    currency: currency.toUpperCase(),
    reason: text(dispute, 'reason', 'data.object.'),
    outcome,
    openedAt: timestamp(dispute, 'created', 'data.object.'),
    fundsWithdrawn: envelope.stripeType === 'charge.dispute.funds_withdrawn' || moved.some((cents) => cents < 0) || outcome === 'LOST',
    fundsReinstated: envelope.stripeType === 'charge.dispute.funds_reinstated' || moved.some((cents) => cents > 0),
  };
}

function ignored(envelope: Envelope, data: Fields): MarketplaceEvent {
  fields(data.object, 'data.object');
  return { ...envelope, type: 'ignored' };
}

function fields(value: unknown, what: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidWebhookError(`${what} must be an object.`);
  return value as Fields;
}

function objectOf(data: Fields, type: string): Fields {
  const object = fields(data.object, 'data.object');
  if (object.object !== type) throw new InvalidWebhookError(`data.object must be a ${type}.`);
  return object;
}

function text(from: Fields, name: string, prefix = ''): string {
  const value = from[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > 255) {
    throw new InvalidWebhookError(`${prefix}${name} must be a string of 1 to 255 characters.`);
  }
  return value;
}

function cents(from: Fields, name: string, prefix = ''): number {
  const value = from[name];
  if (!Number.isSafeInteger(value) || (value as number) < 0)
    throw new InvalidWebhookError(`${prefix}${name} must be a whole number of cents.`);
  return value as number;
}

function timestamp(from: Fields, name: string, prefix = ''): Date {
  const value = from[name];
  if (!Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > LATEST_TIMESTAMP) {
    throw new InvalidWebhookError(`${prefix}${name} must be a Unix timestamp in seconds.`);
  }
  return new Date((value as number) * 1000);
}

/** A balance transaction's amount: negative when money left the balance. */
function signedCents(from: Fields, name: string, prefix = ''): number {
  const value = from[name];
  if (!Number.isSafeInteger(value)) throw new InvalidWebhookError(`${prefix}${name} must be a whole number of cents.`);
  return value as number;
}

/** What our integer columns hold. */
const MAX_CENTS = 2_147_483_647;

function positiveCents(from: Fields, name: string, prefix = ''): number {
  const value = cents(from, name, prefix);
  if (value === 0 || value > MAX_CENTS) throw new InvalidWebhookError(`${prefix}${name} must be a positive number of cents.`);
  return value;
}

/** A field holding an object's id, or the object itself when expanded (`latest_charge`, a dispute's `charge`…). */
function idOf(from: Fields, name: string, { nullable }: { nullable: true }): string | null;
function idOf(from: Fields, name: string, { nullable }: { nullable: false }): string;
function idOf(from: Fields, name: string, { nullable }: { nullable: boolean }): string | null {
  const value = from[name];
  if (nullable && (value === null || value === undefined)) return null;
  if (typeof value === 'string') return text(from, name, 'data.object.');
  return text(fields(value, `data.object.${name}`), 'id', `data.object.${name}.`);
}
