import { WebhookEndpoint } from '@marketplace/stripe-emulator';
import { aProvider } from './support/marketplace.builders';
import {
  aCompletedMission,
  anAssignedMission,
  ledgerProblems,
  onboard,
  paymentOf,
  postWebhook,
  stripeFor,
  waitFor,
} from './support/payments.builders';
import { SignedInUser } from './support/accounts.builders';
import { TestApp } from './support/test-app';

const MY_PAYOUTS = `{ myPayouts { edges { node { id status amountCents failureReason bankFailureReason } } } }`;
const PAYOUTS_ENABLED = `{ me { providerProfile { payoutsEnabled } } }`;

/** Stripe's two endpoints: the platform's own events, and its connected accounts' (Connect), each with its own secret. */
describe('Connect webhooks: their own endpoint and secret; a payout the bank returns', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const eventOf = (type: string, matches: (event: Record<string, any>) => boolean) =>
    app.stripe.objects('event').find((event) => event.type === type && matches(event))!;
  const recorded = async (eventId: string) =>
    (await app.dataSource.query(`SELECT count(*)::int AS n FROM stripe_events WHERE id = $1`, [eventId]))[0].n as number;
  /** The event as Stripe sent it, posted to `to` and signed with the secret of `signedFor`. */
  const post = (event: Record<string, unknown>, to: WebhookEndpoint, signedFor: WebhookEndpoint) => {
    const payload = JSON.stringify(event);
    return postWebhook(app, to, payload, app.stripe.signatureHeader(payload, { endpoint: signedFor }));
  };
  const accountOf = async (provider: SignedInUser): Promise<string> =>
    (await app.dataSource.query(`SELECT stripe_account_id FROM provider_profiles WHERE user_id = $1`, [provider.id]))[0].stripe_account_id;
  const payoutsOf = async (provider: SignedInUser) =>
    (await app.graphql(MY_PAYOUTS, {}, provider.accessToken)).data!.myPayouts.edges[0].node;

  it('enables payouts from account.updated signed with the Connect secret on the Connect endpoint, and refuses it anywhere else', async () => {
    const provider = await aProvider(app);
    const accountId = await app.withoutWebhooks(async () => {
      const started = await app.graphql(
        `mutation { startPayoutOnboarding(returnUrl: "https://app.example.com/done", refreshUrl: "https://app.example.com/retry") { url } }`,
        {},
        provider.accessToken,
      );
      await fetch(started.data!.startPayoutOnboarding.url, { redirect: 'manual' });
      return accountOf(provider);
    });
    const updated = eventOf('account.updated', (event) => event.account === accountId);

    const refusals = [
      await post(updated, 'connect', 'platform'),
      await post(updated, 'platform', 'connect'),
      await post(updated, 'platform', 'platform'),
    ];
    expect(refusals.map((answer) => [answer.status, answer.body.error?.code])).toEqual(Array(3).fill([400, 'BAD_USER_INPUT']));
    expect(refusals[2].body.error.message).toContain('belongs to the Connect endpoint');
    expect(await recorded(updated.id as string)).toBe(0);
    expect((await app.graphql(PAYOUTS_ENABLED, {}, provider.accessToken)).data!.me.providerProfile.payoutsEnabled).toBe(false);

    expect((await post(updated, 'connect', 'connect')).status).toBe(200);
    expect((await app.graphql(PAYOUTS_ENABLED, {}, provider.accessToken)).data!.me.providerProfile.payoutsEnabled).toBe(true);
    expect(await recorded(updated.id as string)).toBe(1);
  });

  it("refuses the platform's payment event on the Connect endpoint, whichever secret signed it, and takes it on its own", async () => {
    const mission = await anAssignedMission(app);
    const paymentIntentId = String((await paymentOf(app, mission.missionId, mission.client))!.clientSecret).split('_secret_')[0];
    await app.withoutWebhooks(() => stripeFor(app).paymentIntents.confirm(paymentIntentId, { payment_method: 'pm_card_visa' }));
    const succeeded = eventOf('payment_intent.succeeded', (event) => event.data.object.id === paymentIntentId);

    const refusals = [
      await post(succeeded, 'connect', 'connect'),
      await post(succeeded, 'connect', 'platform'),
      await post(succeeded, 'platform', 'connect'),
    ];
    expect(refusals.map((answer) => answer.status)).toEqual([400, 400, 400]);
    expect(refusals[0].body.error.message).toContain('belongs to the platform endpoint');
    expect((await paymentOf(app, mission.missionId, mission.client))!.status).toBe('REQUIRES_PAYMENT');
    expect(await recorded(succeeded.id as string)).toBe(0);

    expect((await post(succeeded, 'platform', 'platform')).status).toBe(200);
    expect((await paymentOf(app, mission.missionId, mission.client))!.status).toBe('SUCCEEDED');
  });

  it('records a payout the bank returned once, with its reason, however often it is delivered; the next payout settles it', async () => {
    const provider = await aProvider(app);
    await onboard(app, provider);
    const mission = await aCompletedMission(app, provider);
    await app.runJobs();
    const accountId = await accountOf(provider);
    const firstPayout = await app.stripe.payOut(accountId);
    await waitFor(async () => (await payoutsOf(provider)).status === 'PAID_OUT', 'payout.paid');

    await app.stripe.failPayout(firstPayout, 'account_closed');
    const failed = await waitFor(async () => {
      const payout = await payoutsOf(provider);
      return payout.status === 'BANK_PAYOUT_FAILED' ? payout : null;
    }, 'payout.failed');
    expect(failed).toMatchObject({
      amountCents: 10_800,
      failureReason: null,
      bankFailureReason: 'account_closed: The bank account has been closed.',
    });

    const failedEvent = eventOf('payout.failed', (event) => event.data.object.id === firstPayout);
    const redeliveries = await Promise.all(Array.from({ length: 5 }, () => post(failedEvent, 'connect', 'connect')));
    expect(redeliveries.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(redeliveries.filter((answer) => answer.body.duplicate === false)).toHaveLength(0);
    expect(await recorded(failedEvent.id as string)).toBe(1);
    expect(await payoutsOf(provider)).toEqual(failed);
    const firstPaid = eventOf('payout.paid', (event) => event.data.object.id === firstPayout);
    expect(await app.stripe.deliver(firstPaid.id as string)).toBe(200);
    expect(await payoutsOf(provider)).toEqual(failed);

    await app.stripe.payOut(accountId);
    await waitFor(async () => (await payoutsOf(provider)).status === 'PAID_OUT', 'the next payout.paid');
    expect(await payoutsOf(provider)).toMatchObject({ bankFailureReason: null });
    expect((await paymentOf(app, mission.missionId, provider))!.payout.status).toBe('PAID_OUT');
    expect(await ledgerProblems(app)).toEqual([]);
  });

  it('keeps a returned payout failed when Stripe’s report that it was paid arrives after the failure', async () => {
    const provider = await aProvider(app);
    await onboard(app, provider);
    await aCompletedMission(app, provider);
    await app.runJobs();
    const accountId = await accountOf(provider);
    const payoutId = await app.withoutWebhooks(async () => {
      const id = await app.stripe.payOut(accountId);
      await app.stripe.failPayout(id, 'no_account');
      return id;
    });
    const failed = eventOf('payout.failed', (event) => event.data.object.id === payoutId);
    const paid = eventOf('payout.paid', (event) => event.data.object.id === payoutId);
    expect(await app.stripe.deliver(failed.id as string)).toBe(200);
    expect(await app.stripe.deliver(paid.id as string)).toBe(200);
    expect(await payoutsOf(provider)).toMatchObject({
      status: 'BANK_PAYOUT_FAILED',
      bankFailureReason: expect.stringMatching(/^no_account: /),
    });
    expect(await ledgerProblems(app)).toEqual([]);
  });
});
