import Stripe from 'stripe';
import { StripeEmulator } from './stripe-emulator';

describe('StripeEmulator list endpoints', () => {
  let emulator: StripeEmulator;
  let stripe: Stripe;
  let now = new Date('2026-03-02T09:00:00Z');
  let provider: Stripe.Account;

  beforeAll(async () => {
    emulator = await StripeEmulator.start({ webhookSecret: 'whsec_lists_spec', clock: () => now });
    stripe = new Stripe(emulator.secretKey, { host: emulator.host, port: emulator.port, protocol: 'http', maxNetworkRetries: 0 });
    provider = await stripe.accounts.create({ type: 'express', country: 'FR', capabilities: { transfers: { requested: true } } });
    await emulator.completeOnboarding(provider.id);
  });

  afterAll(() => emulator.stop());

  function passTime(seconds: number): number {
    now = new Date(now.getTime() + seconds * 1000);
    return Math.floor(now.getTime() / 1000);
  }

  async function charge(amount: number, transferGroup: string): Promise<Stripe.PaymentIntent> {
    const intent = await stripe.paymentIntents.create({ amount, currency: 'eur', transfer_group: transferGroup });
    return stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
  }

  /** `count` transfers of one group, a second apart, each from its own charge: their ids, oldest first. */
  async function transfersOf(group: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 0; index < count; index++) {
      passTime(1);
      const paid = await charge(1_000 + index, group);
      const transfer = await stripe.transfers.create({
        amount: 900,
        currency: 'eur',
        destination: provider.id,
        transfer_group: group,
        source_transaction: paid.latest_charge as string,
      });
      ids.push(transfer.id);
    }
    return ids;
  }

  function listCalls(path: string): number {
    return emulator.requests.filter((request) => request.method === 'GET' && request.path === path).length;
  }

  it('auto-paginates a transfer group newest first, page after page, with Stripe’s list shape', async () => {
    const ids = await transfersOf('mission-paged', 7);
    await transfersOf('mission-other', 2);
    const callsBefore = listCalls('/v1/transfers');

    const seen: string[] = [];
    for await (const transfer of stripe.transfers.list({ transfer_group: 'mission-paged', limit: 3 })) seen.push(transfer.id);

    expect(seen).toEqual([...ids].reverse());
    expect(listCalls('/v1/transfers') - callsBefore).toBe(3);
    const firstPage = await stripe.transfers.list({ transfer_group: 'mission-paged', limit: 3 });
    expect(firstPage).toMatchObject({ object: 'list', url: '/v1/transfers', has_more: true });
    expect(firstPage.data[0]).toEqual(await stripe.transfers.retrieve(ids.at(-1)!));
    const all = await stripe.transfers.list({ transfer_group: 'mission-paged', limit: 7 });
    expect(all.has_more).toBe(false);
    expect(await stripe.transfers.list({ destination: provider.id }).autoPagingToArray({ limit: 100 })).toHaveLength(9);
  });

  it('pages backwards from ending_before, nearest the cursor first', async () => {
    const ids = await transfersOf('mission-backwards', 5);
    const pages = await stripe.transfers.list({ transfer_group: 'mission-backwards', ending_before: ids[0], limit: 3 });
    expect(pages.data.map((transfer) => transfer.id)).toEqual([ids[3], ids[2], ids[1]]);
    expect(pages.has_more).toBe(true);

    const seen = await stripe.transfers
      .list({ transfer_group: 'mission-backwards', ending_before: ids[0], limit: 2 })
      .autoPagingToArray({ limit: 10 });
    expect(seen.map((transfer) => transfer.id)).toEqual(ids.slice(1));
  });

  it('lists refunds by charge or PaymentIntent, and PaymentIntents, within created bounds', async () => {
    const start = passTime(60);
    const paid = await charge(5_000, 'mission-refunds');
    const first = await stripe.refunds.create({ payment_intent: paid.id, amount: 1_000 });
    passTime(10);
    const second = await stripe.refunds.create({ payment_intent: paid.id, amount: 500 });
    const elsewhere = await charge(5_000, 'mission-refunds-other');
    await stripe.refunds.create({ payment_intent: elsewhere.id });

    const byIntent = await stripe.refunds.list({ payment_intent: paid.id });
    expect(byIntent.data.map((refund) => refund.id)).toEqual([second.id, first.id]);
    expect(byIntent.url).toBe('/v1/refunds');
    expect((await stripe.refunds.list({ charge: paid.latest_charge as string })).data).toEqual(byIntent.data);
    expect((await stripe.refunds.list({ payment_intent: paid.id, created: { lt: start + 10 } })).data.map((r) => r.id)).toEqual([first.id]);
    expect((await stripe.refunds.list({ created: start })).data.map((r) => r.id)).toEqual([first.id]);

    const intents = await stripe.paymentIntents.list({ created: { gte: start }, limit: 100 });
    expect(intents.data.map((intent) => intent.id)).toEqual([elsewhere.id, paid.id]);
    expect(intents.data[1]).toEqual(await stripe.paymentIntents.retrieve(paid.id));
    expect((await stripe.paymentIntents.list({ customer: 'cus_nobody' })).data).toEqual([]);
  });

  it('lists a connected account’s payouts and events with Stripe-Account, and none of them on the platform', async () => {
    const payoutId = await emulator.payOut(provider.id);
    const asProvider = { stripeAccount: provider.id };

    const payouts = await stripe.payouts.list({}, asProvider);
    expect(payouts.data.map((payout) => payout.id)).toEqual([payoutId]);
    expect(payouts.data[0]).toEqual(await stripe.payouts.retrieve(payoutId));
    expect((await stripe.payouts.list({ status: 'failed' }, asProvider)).data).toEqual([]);
    expect((await stripe.payouts.list()).data).toEqual([]);
    expect((await stripe.transfers.list({}, asProvider)).data).toEqual([]);

    const events = await stripe.events.list({ limit: 100 }, asProvider);
    expect(events.data.map((event) => event.type)).toEqual(['payout.paid', 'payout.created', 'account.updated']);
    expect(events.data.every((event) => event.account === provider.id)).toBe(true);
    const platformEvents = await stripe.events.list({ type: 'payout.*' });
    expect(platformEvents.data).toEqual([]);
    expect((await stripe.events.list({ types: ['transfer.created'], limit: 100 })).data).toHaveLength(14);
    expect(await stripe.events.list({ types: ['transfer.created'] })).toMatchObject({ data: expect.any(Array), has_more: true });
    expect((await stripe.events.list({ types: ['transfer.created'] })).data).toHaveLength(10);

    await expect(stripe.payouts.list({}, { stripeAccount: 'acct_unknown' })).rejects.toMatchObject({
      type: 'StripePermissionError',
      statusCode: 403,
      code: 'account_invalid',
    });
  });

  it('refuses a limit out of 1–100, an unknown cursor, or both cursors, with Stripe’s errors', async () => {
    await expect(stripe.transfers.list({ limit: 101 })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      param: 'limit',
      message: 'This value must be less than or equal to 100.',
    });
    await expect(stripe.refunds.list({ limit: 0 })).rejects.toMatchObject({
      param: 'limit',
      message: 'This value must be greater than or equal to 1.',
    });
    await expect(stripe.paymentIntents.list({ starting_after: 'pi_unknown' })).rejects.toMatchObject({
      statusCode: 400,
      code: 'resource_missing',
      param: 'starting_after',
      message: "No such payment_intent: 'pi_unknown'",
    });
    await expect(stripe.transfers.list({ ending_before: 're_unknown' })).rejects.toMatchObject({ param: 'ending_before' });
    const [newest] = (await stripe.transfers.list({ limit: 1 })).data;
    await expect(stripe.transfers.list({ starting_after: newest.id, ending_before: newest.id })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      message: 'You may only specify one of these parameters: starting_after, ending_before.',
    });
    await expect(stripe.transfers.list({ created: { after: 1 } } as Stripe.TransferListParams)).rejects.toMatchObject({
      param: 'created[after]',
    });
  });

  it('needs the emulator’s secret key', async () => {
    const stranger = new Stripe('sk_test_stranger', { host: emulator.host, port: emulator.port, protocol: 'http', maxNetworkRetries: 0 });
    await expect(stranger.transfers.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });
});
