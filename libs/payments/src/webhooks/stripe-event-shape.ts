/**
 * A verified webhook body becomes one of the events the marketplace acts on, or is refused: the
 * signature proves who sent it, not that it has the shape the handlers read. Only the fields the
 * handlers use are checked (and the envelope every event has); anything else is left to Stripe.
 *
 * Each endpoint reads its own events: the platform's (payment intents, charges) on the platform endpoint,
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
    | { type: 'ignored' }
  );

type Fields = Record<string, unknown>;

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
        chargeId: chargeIdOf(intent.latest_charge),
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

/** latest_charge is an id, or the charge itself when expanded, or null before any attempt. */
function chargeIdOf(latestCharge: unknown): string | null {
  if (latestCharge === null || latestCharge === undefined) return null;
  if (typeof latestCharge === 'string') return text({ latest_charge: latestCharge }, 'latest_charge', 'data.object.');
  return text(fields(latestCharge, 'data.object.latest_charge'), 'id', 'data.object.latest_charge.');
}
