import { InvalidWebhookError, parseStripeEvent } from './stripe-event-shape';

const CREATED = 1_790_000_000;
const event = (type: string, object: unknown, extra: Record<string, unknown> = {}) => ({
  id: 'evt_1',
  object: 'event',
  type,
  created: CREATED,
  data: { object },
  ...extra,
});
const intent = { id: 'pi_1', object: 'payment_intent', latest_charge: 'ch_1' };
const withdrawal = { id: 'txn_1', object: 'balance_transaction', amount: -8_000, fee: 1_500 };
const dispute = {
  id: 'dp_1',
  object: 'dispute',
  amount: 8_000,
  currency: 'eur',
  charge: 'ch_1',
  payment_intent: 'pi_1',
  reason: 'fraudulent',
  status: 'needs_response',
  created: CREATED,
  balance_transactions: [withdrawal],
};

describe('parseStripeEvent', () => {
  it('reads what the handlers use from each event they act on', () => {
    expect(parseStripeEvent(event('payment_intent.succeeded', intent), 'platform')).toEqual({
      id: 'evt_1',
      stripeType: 'payment_intent.succeeded',
      created: new Date(CREATED * 1000),
      type: 'payment_intent.succeeded',
      paymentIntentId: 'pi_1',
      chargeId: 'ch_1',
    });
    expect(parseStripeEvent(event('payment_intent.succeeded', { ...intent, latest_charge: { id: 'ch_2' } }), 'platform')).toMatchObject({
      chargeId: 'ch_2',
    });
    expect(parseStripeEvent(event('payment_intent.canceled', { ...intent, latest_charge: null }), 'platform')).toMatchObject({
      type: 'payment_intent.canceled',
      paymentIntentId: 'pi_1',
    });
    const account = { id: 'acct_1', object: 'account', payouts_enabled: true, capabilities: { transfers: 'active' } };
    const connected = { account: 'acct_1' };
    expect(parseStripeEvent(event('account.updated', account, connected), 'connect')).toMatchObject({
      accountId: 'acct_1',
      canReceiveTransfers: true,
    });
    expect(parseStripeEvent(event('account.updated', { ...account, capabilities: undefined }, connected), 'connect')).toMatchObject({
      canReceiveTransfers: false,
    });
    expect(
      parseStripeEvent(event('payout.paid', { id: 'po_1', object: 'payout', arrival_date: CREATED }, connected), 'connect'),
    ).toMatchObject({
      accountId: 'acct_1',
      bankPayoutId: 'po_1',
      arrivalDate: new Date(CREATED * 1000),
    });
    const failedPayout = {
      id: 'po_1',
      object: 'payout',
      failure_code: 'account_closed',
      failure_message: 'The bank account has been closed.',
    };
    expect(parseStripeEvent(event('payout.failed', failedPayout, connected), 'connect')).toMatchObject({
      type: 'payout.failed',
      accountId: 'acct_1',
      bankPayoutId: 'po_1',
      failureReason: 'account_closed: The bank account has been closed.',
    });
    expect(parseStripeEvent(event('payout.failed', { ...failedPayout, failure_message: null }, connected), 'connect')).toMatchObject({
      failureReason: 'account_closed',
    });
    expect(parseStripeEvent(event('charge.succeeded', { id: 'ch_1', object: 'charge' }), 'platform')).toMatchObject({
      type: 'ignored',
      stripeType: 'charge.succeeded',
    });
    const refundedCharge = { id: 'ch_1', object: 'charge', payment_intent: 'pi_1', amount_refunded: 2_500 };
    expect(parseStripeEvent(event('charge.refunded', refundedCharge), 'platform')).toMatchObject({
      type: 'charge.refunded',
      paymentIntentId: 'pi_1',
      amountRefunded: 2_500,
    });
    expect(parseStripeEvent(event('charge.refunded', { ...refundedCharge, payment_intent: null }), 'platform')).toMatchObject({
      type: 'ignored',
    });
  });

  it('reads a chargeback from each of its events, each telling all that happened so far', () => {
    expect(parseStripeEvent(event('charge.dispute.created', { ...dispute, balance_transactions: [] }), 'platform')).toEqual({
      id: 'evt_1',
      stripeType: 'charge.dispute.created',
      created: new Date(CREATED * 1000),
      type: 'chargeback',
      chargeback: {
        disputeId: 'dp_1',
        paymentIntentId: 'pi_1',
        chargeId: 'ch_1',
        amountCents: 8_000,
        currency: 'EUR',
        reason: 'fraudulent',
        outcome: 'OPEN',
        openedAt: new Date(CREATED * 1000),
        fundsWithdrawn: false,
        fundsReinstated: false,
      },
    });
    const seen = (type: string, object: object) => (parseStripeEvent(event(type, object), 'platform') as { chargeback: object }).chargeback;
    expect(seen('charge.dispute.funds_withdrawn', { ...dispute, balance_transactions: [] })).toMatchObject({ fundsWithdrawn: true });
    expect(seen('charge.dispute.created', dispute)).toMatchObject({ fundsWithdrawn: true, fundsReinstated: false });
    const reinstatement = { ...withdrawal, id: 'txn_2', amount: 8_000, fee: 0 };
    expect(seen('charge.dispute.closed', { ...dispute, status: 'won', balance_transactions: [withdrawal, reinstatement] })).toMatchObject({
      outcome: 'WON',
      fundsWithdrawn: true,
      fundsReinstated: true,
    });
    expect(seen('charge.dispute.funds_reinstated', { ...dispute, status: 'won' })).toMatchObject({ fundsReinstated: true });
    expect(seen('charge.dispute.closed', { ...dispute, status: 'lost', balance_transactions: [] })).toMatchObject({
      outcome: 'LOST',
      fundsWithdrawn: true,
    });
    expect(seen('charge.dispute.closed', { ...dispute, status: 'warning_closed', balance_transactions: [] })).toMatchObject({
      outcome: 'WON',
      fundsWithdrawn: false,
    });
    expect(seen('charge.dispute.created', { ...dispute, payment_intent: null, charge: { id: 'ch_2', object: 'charge' } })).toMatchObject({
      paymentIntentId: null,
      chargeId: 'ch_2',
    });
    expect(parseStripeEvent(event('charge.dispute.updated', dispute), 'platform')).toMatchObject({ type: 'ignored' });
  });

  it('ignores what is not its endpoint’s to act on: the platform’s own account and payouts, a connected account’s payments', () => {
    const account = { id: 'acct_platform', object: 'account', payouts_enabled: true, capabilities: { transfers: 'active' } };
    expect(parseStripeEvent(event('account.updated', account), 'platform')).toMatchObject({ type: 'ignored' });
    expect(parseStripeEvent(event('payout.paid', { id: 'po_1', object: 'payout', arrival_date: CREATED }), 'platform')).toMatchObject({
      type: 'ignored',
    });
    expect(parseStripeEvent(event('payment_intent.succeeded', intent, { account: 'acct_1' }), 'connect')).toMatchObject({
      type: 'ignored',
    });
  });

  it('refuses an event on the other endpoint: a connected account’s on the platform’s, the platform’s on the Connect one', () => {
    const account = { id: 'acct_1', object: 'account', payouts_enabled: true, capabilities: { transfers: 'active' } };
    expect(() => parseStripeEvent(event('account.updated', account, { account: 'acct_1' }), 'platform')).toThrow(
      'belongs to the Connect endpoint',
    );
    expect(() => parseStripeEvent(event('payment_intent.succeeded', intent), 'connect')).toThrow('belongs to the platform endpoint');
    expect(() => parseStripeEvent(event('account.updated', account, { account: null }), 'connect')).toThrow(InvalidWebhookError);
  });

  it.each([
    ['an empty object', {}],
    ['an array', []],
    ['null', null],
    ['a string', 'evt_1'],
    ['no id', { ...event('payment_intent.succeeded', intent), id: undefined }],
    ['a numeric id', { ...event('payment_intent.succeeded', intent), id: 42 }],
    ['an empty id', { ...event('payment_intent.succeeded', intent), id: '' }],
    ['no type', { ...event('payment_intent.succeeded', intent), type: undefined }],
    ['no created', { ...event('payment_intent.succeeded', intent), created: undefined }],
    ['created: 1e20', { ...event('payment_intent.succeeded', intent), created: 1e20 }],
    ['created: -1', { ...event('payment_intent.succeeded', intent), created: -1 }],
    ['created: 1.5', { ...event('payment_intent.succeeded', intent), created: 1.5 }],
    ['created as text', { ...event('payment_intent.succeeded', intent), created: String(CREATED) }],
    ['data: null', { ...event('payment_intent.succeeded', intent), data: null }],
    ['no data', { ...event('payment_intent.succeeded', intent), data: undefined }],
    ['data.object: null', event('payment_intent.succeeded', null)],
    ['data.object: an array', event('payment_intent.succeeded', [intent])],
    ['data.object of another type', event('payment_intent.succeeded', { id: 'ch_1', object: 'charge' })],
    ['a payment_intent without id', event('payment_intent.payment_failed', { object: 'payment_intent' })],
    ['latest_charge of the wrong shape', event('payment_intent.succeeded', { ...intent, latest_charge: 7 })],
    ['an expanded latest_charge without id', event('payment_intent.succeeded', { ...intent, latest_charge: {} })],
    ['an ignored type without data.object', { ...event('charge.succeeded', null) }],
    ['a dispute event about a charge', event('charge.dispute.created', { id: 'ch_1', object: 'charge' })],
    ['a dispute of an unknown status', event('charge.dispute.closed', { ...dispute, status: 'settled' })],
    ['a dispute without amount', event('charge.dispute.created', { ...dispute, amount: undefined })],
    ['a dispute of a negative amount', event('charge.dispute.created', { ...dispute, amount: -5 })],
    ['a dispute of 1e12 cents', event('charge.dispute.created', { ...dispute, amount: 1e12 })],
    ['a dispute without charge', event('charge.dispute.created', { ...dispute, charge: null })],
    ['a dispute in no currency', event('charge.dispute.created', { ...dispute, currency: 'euros' })],
    ['a dispute without its balance transactions', event('charge.dispute.funds_withdrawn', { ...dispute, balance_transactions: null })],
    [
      'a balance transaction without amount',
      event('charge.dispute.funds_withdrawn', { ...dispute, balance_transactions: [{ id: 'txn_1' }] }),
    ],
    ['a dispute without reason', event('charge.dispute.created', { ...dispute, reason: '' })],
    ['a refunded charge without amount_refunded', event('charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: 'pi_1' })],
    [
      'a refunded charge with amount_refunded: -1',
      event('charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: 'pi_1', amount_refunded: -1 }),
    ],
    [
      'a refunded charge with a numeric payment_intent',
      event('charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: 7, amount_refunded: 1 }),
    ],
  ])('refuses %s', (_, body) => {
    expect(() => parseStripeEvent(body, 'platform')).toThrow(InvalidWebhookError);
  });

  const connected = { account: 'acct_1' };
  it.each([
    ['an account without payouts_enabled', event('account.updated', { id: 'acct_1', object: 'account' }, connected)],
    [
      'capabilities that are not an object',
      event('account.updated', { id: 'acct_1', object: 'account', payouts_enabled: true, capabilities: 'all' }, connected),
    ],
    ['a payout without arrival_date', event('payout.paid', { id: 'po_1', object: 'payout' }, connected)],
    ['arrival_date: 1e20', event('payout.paid', { id: 'po_1', object: 'payout', arrival_date: 1e20 }, connected)],
    ['a failed payout without failure_code', event('payout.failed', { id: 'po_1', object: 'payout', failure_code: null }, connected)],
    ['a numeric account', event('payout.paid', { id: 'po_1', object: 'payout', arrival_date: CREATED }, { account: 1 })],
    ['an ignored type without data.object', event('charge.succeeded', null, connected)],
    ['the platform’s own chargeback', event('charge.dispute.created', dispute)],
  ])('refuses on the Connect endpoint %s', (_, body) => {
    expect(() => parseStripeEvent(body, 'connect')).toThrow(InvalidWebhookError);
  });
});
