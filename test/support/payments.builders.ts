import { Ledger } from '@marketplace/payments';
import { WebhookEndpoint } from '@marketplace/stripe-emulator';
import Stripe from 'stripe';
import request from 'supertest';
import { aSignedInUser, SignedInUser } from './accounts.builders';
import { aBid, aMission, aProvider } from './marketplace.builders';
import { TestApp } from './test-app';

export const PAYMENT_FIELDS = `id status amountCents platformFeeCents providerAmountCents currency clientSecret createdAt
  payout { id status amountCents currency failureReason transferredAt }`;

export interface AssignedMission {
  client: SignedInUser;
  provider: SignedInUser;
  missionId: string;
  bidId: string;
}

/** Polls until `check` returns something truthy (webhooks arrive asynchronously), or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T>, what: string, timeoutMs = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** POSTs a body to the endpoint's path as Stripe would, with the given Stripe-Signature header (none if absent). */
export function postWebhook(app: TestApp, endpoint: WebhookEndpoint, payload: string, signature?: string): request.Test {
  const call = request(app.http)
    .post(endpoint === 'connect' ? '/webhooks/stripe/connect' : '/webhooks/stripe')
    .set('Content-Type', 'application/json');
  if (signature) call.set('Stripe-Signature', signature);
  return call.send(payload);
}

/** The emulator's `charge.refunded` events of a PaymentIntent, to deliver again as Stripe redelivers them. */
export function refundEventsOf(app: TestApp, paymentIntentId: string) {
  return app.stripe
    .objects('event')
    .filter(
      (event) =>
        event.type === 'charge.refunded' &&
        (event.data as { object: { payment_intent: string } }).object.payment_intent === paymentIntentId,
    );
}

/** The SDK as a client app's server would use it, against this test's emulator. */
export function stripeFor(app: TestApp): Stripe {
  return new Stripe(app.stripe.secretKey, { host: app.stripe.host, port: app.stripe.port, protocol: 'http', maxNetworkRetries: 0 });
}

/** Posted, bid on by a verified provider (12,000 cents), and that bid accepted; its PaymentIntent created. */
export async function anAssignedMission(app: TestApp, provider?: SignedInUser): Promise<AssignedMission> {
  const client = await aSignedInUser(app, { displayName: 'Claire Dubois' });
  const bidder = provider ?? (await aProvider(app));
  const missionId = await aMission(app, client);
  const bidId = await aBid(app, bidder, missionId, { amountCents: 12_000 });
  const accepted = await app.graphql(`mutation ($id: ID!) { acceptBid(id: $id) { id } }`, { id: bidId }, client.accessToken);
  if (accepted.errors) throw new Error(`acceptBid failed: ${JSON.stringify(accepted.errors)}`);
  await paymentIntentIdOf(app, missionId, client);
  return { client, provider: bidder, missionId, bidId };
}

export async function paymentOf(app: TestApp, missionId: string, viewer: SignedInUser): Promise<Record<string, any> | null> {
  const response = await app.graphql(
    `query ($id: ID!) { mission(id: $id) { payment { ${PAYMENT_FIELDS} } } }`,
    { id: missionId },
    viewer.accessToken,
  );
  return response.data?.mission?.payment ?? null;
}

/**
 * The PaymentIntent the client confirms, from its client secret: a client app asks again while it
 * is null (Stripe was slow when the bid was accepted: the job creates it a few seconds later).
 */
export async function paymentIntentIdOf(app: TestApp, missionId: string, client: SignedInUser): Promise<string> {
  const clientSecret = await waitFor(
    async () => (await paymentOf(app, missionId, client))?.clientSecret as string | null,
    'the client secret',
    15_000,
  );
  return clientSecret.split('_secret_')[0];
}

/** The client pays as Stripe.js would (confirming the PaymentIntent), and the webhook settles it. */
export async function pay(
  app: TestApp,
  { client, missionId }: AssignedMission,
  paymentMethod = 'pm_card_visa',
): Promise<Record<string, any>> {
  const { status: before } = (await paymentOf(app, missionId, client))!;
  const paymentIntentId = await paymentIntentIdOf(app, missionId, client);
  await stripeFor(app)
    .paymentIntents.confirm(paymentIntentId, { payment_method: paymentMethod })
    .catch((error: Error) => {
      if (!(error instanceof Stripe.errors.StripeCardError)) throw error;
    });
  return waitFor(async () => {
    const payment = await paymentOf(app, missionId, client);
    return payment && payment.status !== before ? payment : null;
  }, 'the payment webhook');
}

/** The provider onboards onto Stripe Connect through the link the API gives, and the account.updated webhook arrives. */
export async function onboard(app: TestApp, provider: SignedInUser): Promise<void> {
  const started = await app.graphql(
    `mutation { startPayoutOnboarding(returnUrl: "https://app.example.com/payouts/done", refreshUrl: "https://app.example.com/payouts/retry") { url expiresAt } }`,
    {},
    provider.accessToken,
  );
  if (started.errors) throw new Error(`startPayoutOnboarding failed: ${JSON.stringify(started.errors)}`);
  await fetch(started.data!.startPayoutOnboarding.url, { redirect: 'manual' });
  await waitFor(async () => {
    const response = await app.graphql(`{ me { providerProfile { payoutsEnabled } } }`, {}, provider.accessToken);
    return response.data?.me.providerProfile.payoutsEnabled;
  }, 'payouts to be enabled');
}

/** The mission through delivery: paid, then marked delivered by its provider. */
export async function aDeliveredMission(app: TestApp, provider?: SignedInUser): Promise<AssignedMission> {
  const mission = await anAssignedMission(app, provider);
  await pay(app, mission);
  const delivered = await app.graphql(
    `mutation ($id: ID!) { markMissionDelivered(missionId: $id) { status } }`,
    { id: mission.missionId },
    mission.provider.accessToken,
  );
  if (delivered.errors) throw new Error(`markMissionDelivered failed: ${JSON.stringify(delivered.errors)}`);
  return mission;
}

export async function ledgerProblems(app: TestApp): Promise<unknown[]> {
  return (await app.app.get(Ledger).check()).problems;
}

/** Paid, delivered and confirmed by the client: ready to be rated. */
export async function aCompletedMission(app: TestApp, provider?: SignedInUser): Promise<AssignedMission> {
  const mission = await aDeliveredMission(app, provider);
  const confirmed = await app.graphql(
    `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { status } }`,
    { id: mission.missionId },
    mission.client.accessToken,
  );
  if (confirmed.errors) throw new Error(`confirmMissionCompletion failed: ${JSON.stringify(confirmed.errors)}`);
  return mission;
}

/**
 * A mission its provider asked about while it was OPEN (which opens their conversation), then
 * assigned to them for 12,000 cents, paid, delivered, and disputed by its client.
 */
export async function aDisputedMissionWithConversation(
  app: TestApp,
  { title, question, reason }: { title: string; question: string; reason: string },
): Promise<AssignedMission & { messageId: string }> {
  const client = await aSignedInUser(app, { displayName: 'Claire Dubois' });
  const provider = await aProvider(app);
  const missionId = await aMission(app, client, { title });
  const asked = await app.graphql(
    `mutation ($m: ID!, $text: String!) { sendMessage(missionId: $m, text: $text) { id } }`,
    { m: missionId, text: question },
    provider.accessToken,
  );
  if (asked.errors) throw new Error(`sendMessage failed: ${JSON.stringify(asked.errors)}`);
  const bidId = await aBid(app, provider, missionId, { amountCents: 12_000 });
  const accepted = await app.graphql(`mutation ($id: ID!) { acceptBid(id: $id) { id } }`, { id: bidId }, client.accessToken);
  if (accepted.errors) throw new Error(`acceptBid failed: ${JSON.stringify(accepted.errors)}`);
  const mission = { client, provider, missionId, bidId };
  await pay(app, mission);
  for (const [step, actor] of [
    [`markMissionDelivered(missionId: $id)`, provider],
    [`openDispute(missionId: $id, reason: ${JSON.stringify(reason)})`, client],
  ] as const) {
    const done = await app.graphql(`mutation ($id: ID!) { ${step} { status } }`, { id: missionId }, actor.accessToken);
    if (done.errors) throw new Error(`${step} failed: ${JSON.stringify(done.errors)}`);
  }
  return { ...mission, messageId: asked.data!.sendMessage.id };
}
