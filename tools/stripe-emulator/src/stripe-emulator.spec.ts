import { IncomingHttpHeaders, Server, createServer, request } from 'node:http';
import { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { StripeEmulator, WebhookEndpoint } from './stripe-emulator';
import { stripeFixtures } from './stripe-fixtures';

const WEBHOOK_SECRET = 'whsec_emulator_spec';
const CONNECT_WEBHOOK_SECRET = 'whsec_emulator_spec_connect';
const SECRETS: Record<WebhookEndpoint, string> = { platform: WEBHOOK_SECRET, connect: CONNECT_WEBHOOK_SECRET };

/** The app's side of webhooks, both endpoints: verifies each delivery as the app does, and keeps the events it accepted. */
class WebhookReceiver {
  readonly events: Stripe.Event[] = [];
  /** The endpoint each accepted event came to, by event id. */
  readonly endpoints = new Map<string, WebhookEndpoint>();
  /** Answer 500 to this many deliveries before accepting, as an app that is briefly down would. */
  failuresBeforeAccepting = 0;
  private waiters: { matches: (event: Stripe.Event) => boolean; resolve: (event: Stripe.Event) => void }[] = [];

  private constructor(
    private readonly server: Server,
    private readonly stripe: Stripe,
  ) {}

  static async start(stripe: Stripe): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server, stripe);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      const endpoint = req.url?.endsWith('/connect') ? 'connect' : 'platform';
      req.on('end', () => res.writeHead(receiver.receive(endpoint, Buffer.concat(chunks), req.headers)).end());
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    return receiver;
  }

  get urls(): Record<WebhookEndpoint, string> {
    const platform = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/stripe`;
    return { platform, connect: `${platform}/connect` };
  }

  waitFor(type: string, matches: (event: Stripe.Event) => boolean = () => true): Promise<Stripe.Event> {
    const received = this.events.find((event) => event.type === type && matches(event));
    if (received) return Promise.resolve(received);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No ${type} event received`)), 3000);
      this.waiters.push({
        matches: (event) => event.type === type && matches(event),
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event);
        },
      });
    });
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((closed) => this.server.close(() => closed()));
  }

  private receive(endpoint: WebhookEndpoint, payload: Buffer, headers: IncomingHttpHeaders): number {
    if (this.failuresBeforeAccepting > 0) {
      this.failuresBeforeAccepting--;
      return 500;
    }
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(payload, String(headers['stripe-signature']), SECRETS[endpoint]);
    } catch {
      return 400;
    }
    this.events.push(event);
    this.endpoints.set(event.id, endpoint);
    for (const waiter of this.waiters.filter((candidate) => candidate.matches(event))) waiter.resolve(event);
    this.waiters = this.waiters.filter((waiter) => !waiter.matches(event));
    return 200;
  }
}

function stripeClient(emulator: StripeEmulator, apiKey = emulator.secretKey, timeout?: number): Stripe {
  return new Stripe(apiKey, { host: emulator.host, port: emulator.port, protocol: 'http', maxNetworkRetries: 0, timeout });
}

function rawRequest(
  emulator: StripeEmulator,
  method: string,
  path: string,
  apiKey?: string,
  form?: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = {
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    };
    const outgoing = request(`${emulator.url}${path}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end(form);
  });
}

describe('StripeEmulator', () => {
  let emulator: StripeEmulator;
  let stripe: Stripe;
  let webhooks: WebhookReceiver;

  beforeAll(async () => {
    emulator = await StripeEmulator.start({ webhookSecret: WEBHOOK_SECRET, connectWebhookSecret: CONNECT_WEBHOOK_SECRET });
    stripe = stripeClient(emulator);
    webhooks = await WebhookReceiver.start(stripe);
    emulator.setWebhookUrls(webhooks.urls);
  });

  afterAll(async () => {
    await emulator.stop();
    await webhooks.stop();
  });

  async function onboardedAccount(): Promise<Stripe.Account> {
    const account = await stripe.accounts.create({ type: 'express', country: 'FR', capabilities: { transfers: { requested: true } } });
    await emulator.completeOnboarding(account.id);
    return account;
  }

  async function paidPaymentIntent(amount = 10_000): Promise<Stripe.PaymentIntent> {
    const intent = await stripe.paymentIntents.create({ amount, currency: 'eur' });
    return stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
  }

  it('walks a provider through onboarding, a client through payment, and the money to the provider’s bank', async () => {
    const account = await stripe.accounts.create({
      type: 'express',
      country: 'FR',
      email: 'provider@example.com',
      capabilities: { transfers: { requested: true } },
      metadata: { userId: 'user-1' },
    });
    expect(account).toMatchObject({ id: expect.stringMatching(/^acct_[0-9A-Za-z]{24}$/), charges_enabled: false, payouts_enabled: false });
    expect(account.capabilities?.transfers).toBe('inactive');
    expect(account.metadata).toEqual({ userId: 'user-1' });

    const link = await stripe.accountLinks.create({
      account: account.id,
      refresh_url: 'https://app.example/refresh',
      return_url: 'https://app.example/return',
      type: 'account_onboarding',
    });
    expect(link.expires_at - link.created).toBe(300);
    const onboarding = await rawRequest(emulator, 'GET', link.url.slice(emulator.url.length));
    expect(onboarding.status).toBe(302);
    expect(onboarding.headers.location).toBe('https://app.example/return');
    const updated = await webhooks.waitFor('account.updated', (event) => event.account === account.id);
    expect(updated.data.object).toMatchObject({ id: account.id, payouts_enabled: true, charges_enabled: true, details_submitted: true });
    expect((await stripe.accounts.retrieve(account.id)).capabilities?.transfers).toBe('active');

    const intent = await stripe.paymentIntents.create(
      { amount: 12_000, currency: 'eur', transfer_group: 'mission-1', metadata: { missionId: 'mission-1' } },
      { idempotencyKey: 'payment-intent-for-bid-1' },
    );
    expect(intent).toMatchObject({
      status: 'requires_payment_method',
      client_secret: expect.stringMatching(new RegExp(`^${intent.id}_secret_`)),
    });
    const confirmed = await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    expect(confirmed.status).toBe('succeeded');
    const succeeded = await webhooks.waitFor(
      'payment_intent.succeeded',
      (event) => (event.data.object as Stripe.PaymentIntent).id === intent.id,
    );
    expect(succeeded.data.object).toMatchObject({ metadata: { missionId: 'mission-1' }, latest_charge: confirmed.latest_charge });
    const charge = await stripe.charges.retrieve(String(confirmed.latest_charge));
    expect(charge).toMatchObject({
      amount: 12_000,
      status: 'succeeded',
      paid: true,
      payment_intent: intent.id,
      transfer_group: 'mission-1',
    });

    const transfer = await stripe.transfers.create({
      amount: 10_800,
      currency: 'eur',
      destination: account.id,
      source_transaction: charge.id,
    });
    expect(await stripe.transfers.retrieve(transfer.id)).toMatchObject({
      amount: 10_800,
      destination: account.id,
      source_transaction: charge.id,
    });
    await webhooks.waitFor('transfer.created', (event) => (event.data.object as Stripe.Transfer).id === transfer.id);
    await expect(
      stripe.transfers.create({ amount: 1_201, currency: 'eur', destination: account.id, source_transaction: charge.id }),
    ).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'balance_insufficient',
    });
    expect(emulator.objects('transfer').filter((object) => object.source_transaction === charge.id)).toHaveLength(1);

    const payoutId = await emulator.payOut(account.id);
    const paid = await webhooks.waitFor('payout.paid', (event) => (event.data.object as Stripe.Payout).id === payoutId);
    expect(paid.account).toBe(account.id);
    expect(paid.data.object).toMatchObject({ amount: 10_800, currency: 'eur', status: 'paid' });
    await expect(emulator.payOut(account.id)).rejects.toThrow('no balance');
  });

  it('pays out over HTTP too, for a person driving the journey with curl', async () => {
    const account = await onboardedAccount();
    const charge = String((await paidPaymentIntent()).latest_charge);
    await stripe.transfers.create({ amount: 9_000, currency: 'eur', destination: account.id, source_transaction: charge });
    const path = `/_emulator/accounts/${account.id}/payouts`;
    expect((await rawRequest(emulator, 'POST', path)).status).toBe(401);
    expect((await rawRequest(emulator, 'POST', path, 'sk_test_madeup')).status).toBe(401);
    expect(emulator.objects('payout').filter((object) => object.destination === account.id)).toEqual([]);
    const answer = await rawRequest(emulator, 'POST', path, emulator.secretKey);
    expect(answer.status).toBe(200);
    const { payout } = JSON.parse(answer.body) as { payout: string };
    expect(emulator.objects('payout').find((object) => object.id === payout)).toMatchObject({ amount: 9_000, status: 'paid' });
  });

  describe('account links', () => {
    const onboardingLink = async (account: Stripe.Account) =>
      stripe.accountLinks.create({
        account: account.id,
        refresh_url: 'https://app.example/refresh',
        return_url: 'https://app.example/return',
        type: 'account_onboarding',
      });
    const open = (link: Stripe.AccountLink) => rawRequest(emulator, 'GET', link.url.slice(emulator.url.length));

    it('onboards once per link: a second visit goes to the refresh_url and changes nothing', async () => {
      const account = await stripe.accounts.create({ type: 'express', country: 'FR' });
      const link = await onboardingLink(account);
      expect(link.url).toMatch(new RegExp(`/_emulator/onboarding/${account.id}/[0-9A-Za-z]{32}$`));
      expect((await open(link)).headers.location).toBe('https://app.example/return');
      expect((await open(link)).headers.location).toBe('https://app.example/refresh');
      expect(emulator.objects('event').filter((event) => event.type === 'account.updated' && event.account === account.id)).toHaveLength(1);
    });

    it('redirects only to the addresses the link was created with, and needs its token', async () => {
      const account = await stripe.accounts.create({ type: 'express', country: 'FR' });
      const link = await onboardingLink(account);
      const tampered = await rawRequest(emulator, 'GET', `${link.url.slice(emulator.url.length)}?return_url=https://evil.example/`);
      expect(tampered.headers.location).toBe('https://app.example/return');
      const other = await stripe.accounts.create({ type: 'express', country: 'FR' });
      const guesses = [
        `/_emulator/onboarding/${other.id}`,
        `/_emulator/onboarding/${other.id}?return_url=https://evil.example/`,
        `/_emulator/onboarding/${other.id}/${'a'.repeat(32)}`,
        `/_emulator/onboarding/${other.id}/${link.url.split('/').at(-1)}`,
      ];
      for (const path of guesses) {
        const answer = await rawRequest(emulator, 'GET', path);
        expect({ path, refused: [401, 404].includes(answer.status), location: answer.headers.location }).toEqual({
          path,
          refused: true,
          location: undefined,
        });
      }
      expect((await stripe.accounts.retrieve(other.id)).details_submitted).toBe(false);
    });

    it('expires a link after 300 seconds: it then goes to the refresh_url without onboarding', async () => {
      let now = new Date('2026-03-01T10:00:00Z');
      const timed = await StripeEmulator.start({ webhookSecret: WEBHOOK_SECRET, clock: () => now });
      try {
        const client = stripeClient(timed);
        const account = await client.accounts.create({ type: 'express', country: 'FR' });
        const link = await client.accountLinks.create({
          account: account.id,
          refresh_url: 'https://app.example/refresh',
          return_url: 'https://app.example/return',
          type: 'account_onboarding',
        });
        now = new Date(now.getTime() + 301_000);
        const late = await rawRequest(timed, 'GET', link.url.slice(timed.url.length));
        expect({ status: late.status, location: late.headers.location }).toEqual({ status: 302, location: 'https://app.example/refresh' });
        expect((await client.accounts.retrieve(account.id)).details_submitted).toBe(false);
      } finally {
        await timed.stop();
      }
    });

    it('refuses a refresh_url that is not a web address', async () => {
      const account = await stripe.accounts.create({ type: 'express', country: 'FR' });
      await expect(
        stripe.accountLinks.create({
          account: account.id,
          refresh_url: 'javascript:alert(1)',
          return_url: 'https://app.example/return',
          type: 'account_onboarding',
        }),
      ).rejects.toMatchObject({ statusCode: 400, code: 'url_invalid', param: 'refresh_url' });
    });
  });

  it('refuses to confirm a canceled PaymentIntent: no charge is made', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 4_000, currency: 'eur' });
    const canceled = await stripe.paymentIntents.cancel(intent.id, { cancellation_reason: 'abandoned' });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    await webhooks.waitFor('payment_intent.canceled', (event) => (event.data.object as Stripe.PaymentIntent).id === intent.id);
    await expect(stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'payment_intent_unexpected_state',
      message: expect.stringContaining('canceled'),
    });
    await expect(stripe.paymentIntents.cancel(intent.id)).rejects.toMatchObject({ code: 'payment_intent_unexpected_state' });
    expect(emulator.objects('charge').filter((charge) => charge.payment_intent === intent.id)).toEqual([]);
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('canceled');
  });

  it('refunds a charge in full by its PaymentIntent, once', async () => {
    const intent = await paidPaymentIntent(5_000);
    const refund = await stripe.refunds.create({ payment_intent: intent.id, metadata: { paymentId: 'payment-1' } });
    expect(refund).toMatchObject({ amount: 5_000, status: 'succeeded', charge: intent.latest_charge, payment_intent: intent.id });
    const refunded = await webhooks.waitFor('charge.refunded', (event) => (event.data.object as Stripe.Charge).id === intent.latest_charge);
    expect(refunded.data.object).toMatchObject({ amount_refunded: 5_000, refunded: true });
    await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({ code: 'charge_already_refunded' });
    const account = await onboardedAccount();
    await expect(
      stripe.transfers.create({ amount: 100, currency: 'eur', destination: account.id, source_transaction: String(intent.latest_charge) }),
    ).rejects.toMatchObject({ code: 'balance_insufficient' });
  });

  it('refunds part of a charge, and refuses more than what remains', async () => {
    const intent = await paidPaymentIntent(5_000);
    await stripe.refunds.create({ charge: String(intent.latest_charge), amount: 2_000 });
    await expect(stripe.refunds.create({ charge: String(intent.latest_charge), amount: 3_001 })).rejects.toMatchObject({
      code: 'amount_too_large',
    });
    expect(await stripe.charges.retrieve(String(intent.latest_charge))).toMatchObject({ amount_refunded: 2_000, refunded: false });
  });

  it('declines pm_card_chargeDeclined with a card error, and the PaymentIntent can be paid again', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 3_000, currency: 'eur' });
    const declined = stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_chargeDeclined' });
    await expect(declined).rejects.toBeInstanceOf(Stripe.errors.StripeCardError);
    await expect(declined).rejects.toMatchObject({ code: 'card_declined', decline_code: 'generic_decline' });
    const failed = await webhooks.waitFor(
      'payment_intent.payment_failed',
      (event) => (event.data.object as Stripe.PaymentIntent).id === intent.id,
    );
    expect(failed.data.object).toMatchObject({ status: 'requires_payment_method', last_payment_error: { code: 'card_declined' } });

    expect((await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })).status).toBe('succeeded');
    await expect(stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'payment_intent_unexpected_state',
    });
    await expect(stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_unknown' })).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it('refuses a transfer to an unknown account or one not yet onboarded', async () => {
    await expect(stripe.transfers.create({ amount: 100, currency: 'eur', destination: 'acct_missing' })).rejects.toMatchObject({
      statusCode: 400,
      code: 'resource_missing',
    });
    const account = await stripe.accounts.create({ type: 'express', country: 'FR', capabilities: { transfers: { requested: true } } });
    await expect(stripe.transfers.create({ amount: 100, currency: 'eur', destination: account.id })).rejects.toMatchObject({
      code: 'insufficient_capabilities_for_transfer',
    });
  });

  describe('idempotency', () => {
    it('answers a retry with the same key and parameters with the first response, replayed', async () => {
      const first = await stripe.paymentIntents.create(
        { amount: 2_000, currency: 'eur', metadata: { bid: 'b1' } },
        { idempotencyKey: 'bid-b1' },
      );
      const again = await stripe.paymentIntents.create(
        { amount: 2_000, currency: 'eur', metadata: { bid: 'b1' } },
        { idempotencyKey: 'bid-b1' },
      );
      expect(again.id).toBe(first.id);
      expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
      expect(emulator.objects('payment_intent').filter((intent) => intent.id === first.id)).toHaveLength(1);
    });

    it('refuses the same key with other parameters', async () => {
      await stripe.paymentIntents.create({ amount: 2_000, currency: 'eur' }, { idempotencyKey: 'bid-b2' });
      const conflicting = stripe.paymentIntents.create({ amount: 2_500, currency: 'eur' }, { idempotencyKey: 'bid-b2' });
      await expect(conflicting).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    });
    it('replays an error answered once the endpoint ran, 4xx or 500, to a retry with the same key, until the key is 24 hours old', async () => {
      const account = await stripe.accounts.create({ type: 'express', country: 'FR', capabilities: { transfers: { requested: true } } });
      const charge = String((await paidPaymentIntent()).latest_charge);
      const transfer = (key: string): Promise<Stripe.Transfer> =>
        stripe.transfers.create(
          { amount: 100, currency: 'eur', destination: account.id, source_transaction: charge },
          { idempotencyKey: key },
        );
      const replayedError = (call: Promise<unknown>) =>
        call.then(
          () => null,
          (error: Stripe.errors.StripeError) => error,
        );

      await expect(transfer('not-onboarded-yet')).rejects.toMatchObject({ code: 'insufficient_capabilities_for_transfer' });
      await emulator.completeOnboarding(account.id);
      emulator.failNext('transfers', 1, 'saved-error');
      await expect(transfer('stripe-failed')).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
      expect(await replayedError(transfer('not-onboarded-yet'))).toMatchObject({
        code: 'insufficient_capabilities_for_transfer',
        headers: expect.objectContaining({ 'idempotent-replayed': 'true' }),
      });
      expect(await replayedError(transfer('stripe-failed'))).toMatchObject({
        statusCode: 500,
        headers: expect.objectContaining({ 'idempotent-replayed': 'true' }),
      });
      emulator.passTime(24 * 3_600_000 - 1_000);
      await expect(transfer('stripe-failed')).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
      expect(emulator.objects('transfer').filter((object) => object.source_transaction === charge)).toHaveLength(0);

      emulator.passTime(1_000);
      const created = await transfer('stripe-failed');
      expect((await transfer('stripe-failed')).id).toBe(created.id);
      expect(emulator.objects('transfer').filter((object) => object.source_transaction === charge)).toHaveLength(1);
    });
  });

  describe('fault injection', () => {
    it('fails the next calls with api_error without keeping them, so a retry with the same key makes one transfer', async () => {
      const account = await onboardedAccount();
      const charge = String((await paidPaymentIntent()).latest_charge);
      const transfer = (): Promise<Stripe.Transfer> =>
        stripe.transfers.create(
          { amount: 8_000, currency: 'eur', destination: account.id, source_transaction: charge },
          { idempotencyKey: `transfer-${charge}` },
        );
      emulator.failNext('transfers', 2, 'error');
      await expect(transfer()).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
      await expect(transfer()).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
      const created = await transfer();
      expect((await transfer()).id).toBe(created.id);
      expect(emulator.objects('transfer').filter((object) => object.source_transaction === charge)).toHaveLength(1);
      expect(emulator.requests.filter((call) => call.idempotencyKey === `transfer-${charge}`).map((call) => call.status)).toEqual([
        500, 500, 200, 200,
      ]);
    });

    it('holds a call until the client times out, and the retry works', async () => {
      const impatient = stripeClient(emulator, emulator.secretKey, 200);
      emulator.failNext('payment_intents', 1, 'timeout');
      await expect(impatient.paymentIntents.create({ amount: 1_000, currency: 'eur' }, { idempotencyKey: 'slow' })).rejects.toBeInstanceOf(
        Stripe.errors.StripeConnectionError,
      );
      expect((await impatient.paymentIntents.create({ amount: 1_000, currency: 'eur' }, { idempotencyKey: 'slow' })).status).toBe(
        'requires_payment_method',
      );
    });
  });

  describe('webhooks', () => {
    it('retries a delivery the app refused, and redelivers an event on demand', async () => {
      webhooks.failuresBeforeAccepting = 2;
      const account = await onboardedAccount();
      const updated = await webhooks.waitFor('account.updated', (event) => event.account === account.id);
      expect(webhooks.failuresBeforeAccepting).toBe(0);
      expect(await emulator.deliver(updated.id)).toBe(200);
      expect(webhooks.events.filter((event) => event.id === updated.id)).toHaveLength(2);
      expect((await stripe.events.retrieve(updated.id)).pending_webhooks).toBe(0);
    });

    it('signs payloads so that a forged or replayed signature is refused', () => {
      const payload = JSON.stringify({ id: 'evt_forged', object: 'event' });
      expect(stripe.webhooks.constructEvent(payload, emulator.signatureHeader(payload), WEBHOOK_SECRET).id).toBe('evt_forged');
      const stale = emulator.signatureHeader(payload, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
      expect(() => stripe.webhooks.constructEvent(payload, stale, WEBHOOK_SECRET)).toThrow(Stripe.errors.StripeSignatureVerificationError);
      expect(() => stripe.webhooks.constructEvent(payload, emulator.signatureHeader(payload), 'whsec_other')).toThrow(
        Stripe.errors.StripeSignatureVerificationError,
      );
      const forConnect = emulator.signatureHeader(payload, { endpoint: 'connect' });
      expect(stripe.webhooks.constructEvent(payload, forConnect, CONNECT_WEBHOOK_SECRET).id).toBe('evt_forged');
      expect(() => stripe.webhooks.constructEvent(payload, forConnect, WEBHOOK_SECRET)).toThrow(
        Stripe.errors.StripeSignatureVerificationError,
      );
    });

    it('sends connected accounts’ events to the Connect endpoint with its secret, and the platform’s to the platform endpoint', async () => {
      const account = await onboardedAccount();
      const intent = await paidPaymentIntent();
      await stripe.transfers.create({
        amount: 5_000,
        currency: 'eur',
        destination: account.id,
        source_transaction: String(intent.latest_charge),
      });
      const payoutId = await emulator.payOut(account.id);
      const updated = await webhooks.waitFor('account.updated', (event) => event.account === account.id);
      const paid = await webhooks.waitFor('payout.paid', (event) => (event.data.object as Stripe.Payout).id === payoutId);
      const succeeded = await webhooks.waitFor(
        'payment_intent.succeeded',
        (event) => (event.data.object as Stripe.PaymentIntent).id === intent.id,
      );
      const transferred = await webhooks.waitFor(
        'transfer.created',
        (event) => (event.data.object as Stripe.Transfer).destination === account.id,
      );
      expect([updated, paid, succeeded, transferred].map((event) => [event.type, event.account, webhooks.endpoints.get(event.id)])).toEqual(
        [
          ['account.updated', account.id, 'connect'],
          ['payout.paid', account.id, 'connect'],
          ['payment_intent.succeeded', undefined, 'platform'],
          ['transfer.created', undefined, 'platform'],
        ],
      );
      expect(emulator.connectWebhookSecret).toBe(CONNECT_WEBHOOK_SECRET);
    });

    it('fails a payout the bank returns, with Stripe’s reason, and pays its money out again next time', async () => {
      const account = await onboardedAccount();
      const charge = String((await paidPaymentIntent()).latest_charge);
      await stripe.transfers.create({ amount: 7_000, currency: 'eur', destination: account.id, source_transaction: charge });
      const payoutId = await emulator.payOut(account.id);
      const path = `/_emulator/payouts/${payoutId}/fail?failure_code=no_account`;
      expect((await rawRequest(emulator, 'POST', path)).status).toBe(401);
      expect((await rawRequest(emulator, 'POST', `/_emulator/payouts/${payoutId}/fail?failure_code=bad`, emulator.secretKey)).status).toBe(
        400,
      );
      expect((await rawRequest(emulator, 'POST', path, emulator.secretKey)).status).toBe(200);
      const failed = await webhooks.waitFor('payout.failed', (event) => (event.data.object as Stripe.Payout).id === payoutId);
      expect(failed.account).toBe(account.id);
      expect(webhooks.endpoints.get(failed.id)).toBe('connect');
      expect(failed.data.object).toMatchObject({
        status: 'failed',
        failure_code: 'no_account',
        failure_message: expect.stringContaining('bank account'),
      });
      expect((await rawRequest(emulator, 'POST', path, emulator.secretKey)).status).toBe(400);
      const again = await emulator.payOut(account.id);
      expect(emulator.objects('payout').find((payout) => payout.id === again)).toMatchObject({ amount: 7_000, status: 'paid' });
    });

    it('lists the platform’s events newest first (a connected account’s are listed with its Stripe-Account)', async () => {
      const events = await stripe.events.list({ limit: 3 });
      expect(events.data).toHaveLength(3);
      expect(events.data.map((event) => event.created)).toEqual([...events.data.map((event) => event.created)].sort((a, b) => b - a));
      expect(events.data[0].id).toBe(emulator.objects('event').findLast((event) => !event.account)?.id);
    });
  });

  describe('chargebacks', () => {
    const openOverHttp = (charge: string, form?: string) =>
      rawRequest(emulator, 'POST', `/_emulator/charges/${charge}/dispute`, emulator.secretKey, form);
    const closeOverHttp = (dispute: string, outcome: string) =>
      rawRequest(emulator, 'POST', `/_emulator/disputes/${dispute}/close?outcome=${outcome}`, emulator.secretKey);
    const ofDispute = (id: string) => (event: Stripe.Event) => (event.data.object as Stripe.Dispute).id === id;
    const eventsOf = (id: string) =>
      emulator.objects('event').filter((event) => (event.data as { object: { id: string } }).object.id === id);

    it('opens one over HTTP as Stripe does: the amount and the dispute fee withdrawn, the charge disputed, the platform told', async () => {
      const intent = await paidPaymentIntent(8_000);
      const charge = String(intent.latest_charge);
      expect((await rawRequest(emulator, 'POST', `/_emulator/charges/${charge}/dispute`)).status).toBe(401);
      const answer = await openOverHttp(charge, 'reason=product_not_received');
      expect(answer.status).toBe(200);
      const opened = JSON.parse(answer.body) as Stripe.Dispute;
      expect(opened).toMatchObject({
        id: expect.stringMatching(/^dp_[0-9A-Za-z]{24}$/),
        object: 'dispute',
        amount: 8_000,
        currency: 'eur',
        charge,
        payment_intent: intent.id,
        reason: 'product_not_received',
        status: 'needs_response',
        is_charge_refundable: false,
        balance_transactions: [
          {
            amount: -8_000,
            fee: 1_500,
            net: -9_500,
            type: 'adjustment',
            reporting_category: 'dispute',
            source: expect.stringMatching(/^dp_/),
            fee_details: [expect.objectContaining({ amount: 1_500, description: 'Dispute fee', type: 'stripe_fee' })],
          },
        ],
      });
      expect(await stripe.disputes.retrieve(opened.id)).toMatchObject({ id: opened.id, status: 'needs_response', amount: 8_000 });
      expect(await stripe.charges.retrieve(charge)).toMatchObject({ disputed: true, refunded: false, amount_refunded: 0 });
      const created = await webhooks.waitFor('charge.dispute.created', ofDispute(opened.id));
      const withdrawn = await webhooks.waitFor('charge.dispute.funds_withdrawn', ofDispute(opened.id));
      expect([created, withdrawn].map((event) => [event.account, webhooks.endpoints.get(event.id)])).toEqual([
        [undefined, 'platform'],
        [undefined, 'platform'],
      ]);
      expect(eventsOf(opened.id).map((event) => event.type)).toEqual(['charge.dispute.created', 'charge.dispute.funds_withdrawn']);
      expect(withdrawn.data.object).toMatchObject({ status: 'needs_response', balance_transactions: [{ amount: -8_000 }] });
    });

    it('refuses a charge not succeeded, one already disputed, and more than refunds left, changing nothing', async () => {
      const declinedIntent = await stripe.paymentIntents.create({ amount: 3_000, currency: 'eur' });
      await expect(stripe.paymentIntents.confirm(declinedIntent.id, { payment_method: 'pm_card_chargeDeclined' })).rejects.toThrow();
      const declined = String((await stripe.paymentIntents.retrieve(declinedIntent.id)).latest_charge);
      const partlyRefunded = String((await paidPaymentIntent(5_000)).latest_charge);
      await stripe.refunds.create({ charge: partlyRefunded, amount: 2_000 });
      const fullyRefunded = String((await paidPaymentIntent(5_000)).latest_charge);
      await stripe.refunds.create({ charge: fullyRefunded });
      const disputedBefore = emulator.objects('dispute').length;

      const refusals = await Promise.all([
        openOverHttp(declined),
        openOverHttp(partlyRefunded, 'amount=3001'),
        openOverHttp(fullyRefunded),
        openOverHttp(partlyRefunded, 'reason=because'),
        openOverHttp('ch_missing'),
      ]);
      expect(refusals.map(({ status, body }) => [status, (JSON.parse(body) as { error: Stripe.StripeRawError }).error.code])).toEqual([
        [400, undefined],
        [400, 'amount_too_large'],
        [400, 'charge_already_refunded'],
        [400, 'parameter_invalid'],
        [404, 'resource_missing'],
      ]);
      expect(emulator.objects('dispute')).toHaveLength(disputedBefore);

      const opened = JSON.parse((await openOverHttp(partlyRefunded)).body) as Stripe.Dispute;
      expect(opened.amount).toBe(3_000);
      const again = await openOverHttp(partlyRefunded, 'amount=100');
      expect([again.status, (JSON.parse(again.body) as { error: Stripe.StripeRawError }).error.code]).toEqual([400, 'charge_disputed']);
      expect(emulator.objects('dispute')).toHaveLength(disputedBefore + 1);
    });

    it('refuses to refund a charged-back charge: the bank already gives the money back', async () => {
      const intent = await paidPaymentIntent(4_000);
      await emulator.openChargeback(String(intent.latest_charge));
      await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({
        statusCode: 400,
        code: 'charge_disputed',
      });
      expect((await stripe.charges.retrieve(String(intent.latest_charge))).amount_refunded).toBe(0);
    });

    it('closes one won: the amount is reinstated (not the fee), then it is closed; closing again is refused', async () => {
      const charge = String((await paidPaymentIntent(6_000)).latest_charge);
      const disputeId = await emulator.openChargeback(charge, { amount: 2_500 });
      const answer = await closeOverHttp(disputeId, 'won');
      expect(answer.status).toBe(200);
      const won = await stripe.disputes.retrieve(disputeId);
      expect(won.status).toBe('won');
      expect(won.balance_transactions.map(({ amount, fee, reporting_category }) => [amount, fee, reporting_category])).toEqual([
        [-2_500, 1_500, 'dispute'],
        [2_500, 0, 'dispute_reversal'],
      ]);
      const reinstated = await webhooks.waitFor('charge.dispute.funds_reinstated', ofDispute(disputeId));
      const closed = await webhooks.waitFor('charge.dispute.closed', ofDispute(disputeId));
      expect([reinstated.data.object, closed.data.object]).toMatchObject([{ status: 'won' }, { status: 'won' }]);
      expect(eventsOf(disputeId).map((event) => event.type)).toEqual([
        'charge.dispute.created',
        'charge.dispute.funds_withdrawn',
        'charge.dispute.funds_reinstated',
        'charge.dispute.closed',
      ]);
      const twice = await closeOverHttp(disputeId, 'lost');
      expect(twice.status).toBe(400);
      expect((await stripe.disputes.retrieve(disputeId)).status).toBe('won');
      expect((await rawRequest(emulator, 'POST', `/_emulator/disputes/${disputeId}/close?outcome=maybe`, emulator.secretKey)).status).toBe(
        400,
      );
    });

    it('closes one lost: nothing comes back, only charge.dispute.closed', async () => {
      const intent = await paidPaymentIntent(6_000);
      const disputeId = await emulator.openChargeback(String(intent.latest_charge), { reason: 'duplicate' });
      await emulator.closeChargeback(disputeId, 'lost');
      const closed = await webhooks.waitFor('charge.dispute.closed', ofDispute(disputeId));
      expect(closed.data.object).toMatchObject({ status: 'lost', reason: 'duplicate', balance_transactions: [{ amount: -6_000 }] });
      expect(eventsOf(disputeId).map((event) => event.type)).toEqual([
        'charge.dispute.created',
        'charge.dispute.funds_withdrawn',
        'charge.dispute.closed',
      ]);
      await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({ code: 'charge_disputed' });
    });

    it('refunds what a lost partial chargeback left of a charge, no more; a won one leaves it all', async () => {
      const partly = await paidPaymentIntent(6_000);
      await emulator.closeChargeback(await emulator.openChargeback(String(partly.latest_charge), { amount: 2_000 }), 'lost');
      await expect(stripe.refunds.create({ payment_intent: partly.id, amount: 4_001 })).rejects.toMatchObject({ code: 'amount_too_large' });
      expect(await stripe.refunds.create({ payment_intent: partly.id })).toMatchObject({ amount: 4_000 });
      await expect(stripe.refunds.create({ payment_intent: partly.id })).rejects.toMatchObject({ code: 'charge_disputed' });
      const won = await paidPaymentIntent(6_000);
      await emulator.closeChargeback(await emulator.openChargeback(String(won.latest_charge)), 'won');
      expect(await stripe.refunds.create({ payment_intent: won.id })).toMatchObject({ amount: 6_000 });
    });

    it('lists disputes newest first, by charge or by PaymentIntent', async () => {
      const first = await paidPaymentIntent(2_000);
      const second = await paidPaymentIntent(2_000);
      const firstDispute = await emulator.openChargeback(String(first.latest_charge));
      const secondDispute = await emulator.openChargeback(String(second.latest_charge));
      expect((await stripe.disputes.list({ limit: 2 })).data.map((dispute) => dispute.id)).toEqual([secondDispute, firstDispute]);
      expect((await stripe.disputes.list({ charge: String(first.latest_charge) })).data.map((dispute) => dispute.id)).toEqual([
        firstDispute,
      ]);
      expect((await stripe.disputes.list({ payment_intent: second.id })).data.map((dispute) => dispute.id)).toEqual([secondDispute]);
    });
  });

  it('answers with every field of Stripe’s sample object of each type', async () => {
    // Stripe's own file, committed beside the emulator; .ci/run checks it is still byte for byte Stripe's.
    const fixtures: Record<string, object> = stripeFixtures;
    const account = await onboardedAccount();
    const link = await stripe.accountLinks.create({
      account: account.id,
      refresh_url: 'http://a.test/r',
      return_url: 'http://a.test/d',
      type: 'account_onboarding',
    });
    const intent = await paidPaymentIntent();
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));
    const refund = await stripe.refunds.create({ charge: charge.id, amount: 100 });
    const transfer = await stripe.transfers.create({
      amount: 1_000,
      currency: 'eur',
      destination: account.id,
      source_transaction: charge.id,
    });
    const payout = await stripe.payouts.retrieve(await emulator.payOut(account.id));
    const event = await stripe.events.retrieve(String(emulator.objects('event').at(-1)?.id));
    const balanceTransaction = await stripe.balanceTransactions.retrieve(String(charge.balance_transaction));
    const dispute = await stripe.disputes.retrieve(await emulator.openChargeback(charge.id));
    const answered: Record<string, object> = {
      account: await stripe.accounts.retrieve(account.id),
      account_link: link,
      payment_intent: intent,
      charge,
      refund,
      transfer,
      payout,
      event,
      balance_transaction: balanceTransaction,
      dispute,
    };
    for (const [type, object] of Object.entries(answered)) {
      expect({ type, missing: Object.keys(fixtures[type]).filter((key) => !(key in object)) }).toEqual({ type, missing: [] });
      expect(object).toHaveProperty('object', type);
    }
  });

  describe('authentication', () => {
    it('refuses a call without an API key', async () => {
      const answer = await rawRequest(emulator, 'GET', '/v1/events');
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { type: 'invalid_request_error' } });
    });

    it('refuses a key that is not a secret key', async () => {
      await expect(stripeClient(emulator, 'pk_test_publishable').events.list()).rejects.toBeInstanceOf(
        Stripe.errors.StripeAuthenticationError,
      );
    });

    it('refuses any secret key but its own, on every path', async () => {
      const madeUp = stripeClient(emulator, 'sk_test_madeup0123456789');
      await expect(madeUp.events.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
      await expect(madeUp.paymentIntents.create({ amount: 1_000, currency: 'eur' })).rejects.toBeInstanceOf(
        Stripe.errors.StripeAuthenticationError,
      );
      const longer = stripeClient(emulator, `${emulator.secretKey}0`);
      await expect(longer.accounts.create({ type: 'express' })).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
      expect((await stripe.events.list({ limit: 1 })).data).toHaveLength(1);
    });

    it('is started with a fresh random key unless it is given one', async () => {
      const given = await StripeEmulator.start({ webhookSecret: WEBHOOK_SECRET, secretKey: 'sk_test_given' });
      try {
        expect(given.secretKey).toBe('sk_test_given');
        expect(emulator.secretKey).toMatch(/^sk_test_[0-9A-Za-z]{32}$/);
        await expect(stripeClient(given, emulator.secretKey).events.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
        expect((await stripeClient(given).events.list()).data).toEqual([]);
      } finally {
        await given.stop();
      }
    });
  });

  it('answers unknown paths with a 404 in Stripe’s error shape', async () => {
    await expect(stripe.rawRequest('GET', '/v1/subscriptions')).rejects.toMatchObject({
      statusCode: 404,
      type: 'StripeInvalidRequestError',
    });
    await expect(stripe.paymentIntents.retrieve('pi_missing')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });
});

describe('StripeEmulator in a container', () => {
  it('listens on the host given (0.0.0.0) and hands out onboarding links at its public address', async () => {
    const emulator = await StripeEmulator.start({ host: '0.0.0.0', webhookSecret: WEBHOOK_SECRET, publicUrl: 'http://localhost:12111' });
    try {
      expect(emulator.host).toBe('0.0.0.0');
      const stripe = stripeClient(emulator);
      const account = await stripe.accounts.create({ type: 'express', country: 'FR' });
      const link = await stripe.accountLinks.create({
        account: account.id,
        refresh_url: 'https://app.example/refresh',
        return_url: 'https://app.example/return',
        type: 'account_onboarding',
      });
      expect(link.url).toMatch(new RegExp(`^http://localhost:12111/_emulator/onboarding/${account.id}/`));
    } finally {
      await emulator.stop();
    }
  });
});
