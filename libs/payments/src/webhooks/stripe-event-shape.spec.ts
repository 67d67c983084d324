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

describe('parseStripeEvent', () => {
  it('reads what the handlers use from each event they act on', () => {
    expect(parseStripeEvent(event('payment_intent.succeeded', intent))).toEqual({
      id: 'evt_1',
      stripeType: 'payment_intent.succeeded',
      created: new Date(CREATED * 1000),
      type: 'payment_intent.succeeded',
      paymentIntentId: 'pi_1',
      chargeId: 'ch_1',
    });
    expect(parseStripeEvent(event('payment_intent.succeeded', { ...intent, latest_charge: { id: 'ch_2' } }))).toMatchObject({
      chargeId: 'ch_2',
    });
    expect(parseStripeEvent(event('payment_intent.canceled', { ...intent, latest_charge: null }))).toMatchObject({
      type: 'payment_intent.canceled',
      paymentIntentId: 'pi_1',
    });
    const account = { id: 'acct_1', object: 'account', payouts_enabled: true, capabilities: { transfers: 'active' } };
    expect(parseStripeEvent(event('account.updated', account))).toMatchObject({ accountId: 'acct_1', canReceiveTransfers: true });
    expect(parseStripeEvent(event('account.updated', { ...account, capabilities: undefined }))).toMatchObject({
      canReceiveTransfers: false,
    });
    expect(
      parseStripeEvent(event('payout.paid', { id: 'po_1', object: 'payout', arrival_date: CREATED }, { account: 'acct_1' })),
    ).toMatchObject({
      accountId: 'acct_1',
      arrivalDate: new Date(CREATED * 1000),
    });
    expect(parseStripeEvent(event('charge.succeeded', { id: 'ch_1', object: 'charge' }))).toMatchObject({
      type: 'ignored',
      stripeType: 'charge.succeeded',
    });
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
    ['an account without payouts_enabled', event('account.updated', { id: 'acct_1', object: 'account' })],
    [
      'capabilities that are not an object',
      event('account.updated', { id: 'acct_1', object: 'account', payouts_enabled: true, capabilities: 'all' }),
    ],
    ['a payout without arrival_date', event('payout.paid', { id: 'po_1', object: 'payout' })],
    ['arrival_date: 1e20', event('payout.paid', { id: 'po_1', object: 'payout', arrival_date: 1e20 })],
    ['a numeric account', event('payout.paid', { id: 'po_1', object: 'payout', arrival_date: CREATED }, { account: 1 })],
    ['an ignored type without data.object', { ...event('charge.succeeded', null) }],
  ])('refuses %s', (_, body) => {
    expect(() => parseStripeEvent(body)).toThrow(InvalidWebhookError);
  });
});
