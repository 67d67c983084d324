import { Clock } from '@marketplace/common';
import { LAPSE_UNPAID_ACCEPTANCE, MissionLifecycleService } from '@marketplace/payments';
import Stripe from 'stripe';
import { aSignedInUser, SignedInUser } from './support/accounts.builders';
import { aBid, aMission, aProvider } from './support/marketplace.builders';
import {
  AssignedMission,
  anAssignedMission,
  ledgerProblems,
  pay,
  paymentIntentIdOf,
  paymentOf,
  stripeFor,
  waitFor,
} from './support/payments.builders';
import { TestApp } from './support/test-app';

const DUE_MS = 24 * 3_600_000;
const ACCEPT = `mutation ($id: ID!) { acceptBid(id: $id) { id status } }`;
const LAPSED = `query ($id: ID!) { mission(id: $id) { status bidCount
  payment { id status dueAt }
  lapsedAcceptances { bidId amountCents currency lapsedAt provider { displayName } } } }`;

describe('an acceptance that is never paid lapses', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  /** Runs every job as if PAYMENT_DUE_HOURS (and a minute) had passed since now. */
  const runJobsAfterTheDueTime = async (): Promise<void> => {
    const clock = jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + DUE_MS + 60_000));
    try {
      await app.runJobs({ dueNow: true });
      await app.runJobs();
    } finally {
      clock.mockRestore();
    }
  };
  const missionAs = async (missionId: string, viewer: SignedInUser) =>
    (await app.graphql(LAPSED, { id: missionId }, viewer.accessToken)).data!.mission;
  const bidStatus = async (bidId: string): Promise<string> =>
    (await app.dataSource.query(`SELECT status FROM bids WHERE id = $1`, [bidId]))[0].status;
  const paymentsOf = async (missionId: string): Promise<{ status: string; lapsed_at: Date | null; stripe_payment_intent_id: string }[]> =>
    app.dataSource.query(`SELECT status, lapsed_at, stripe_payment_intent_id FROM payments WHERE mission_id = $1 ORDER BY created_at`, [
      missionId,
    ]);

  /** Two providers bid; the client accepts the first one's bid and does not pay. */
  async function anUnpaidAcceptance(): Promise<AssignedMission & { other: SignedInUser; otherBidId: string }> {
    const client = await aSignedInUser(app, { displayName: 'Claire Dubois' });
    const [provider, other] = [await aProvider(app), await aProvider(app)];
    const missionId = await aMission(app, client);
    const bidId = await aBid(app, provider, missionId, { amountCents: 12_000 });
    const otherBidId = await aBid(app, other, missionId, { amountCents: 13_000 });
    expect((await app.graphql(ACCEPT, { id: bidId }, client.accessToken)).data!.acceptBid.status).toBe('ASSIGNED');
    await paymentIntentIdOf(app, missionId, client);
    return { client, provider, missionId, bidId, other, otherBidId };
  }

  it('reopens the mission after PAYMENT_DUE_HOURS: the PaymentIntent canceled at Stripe, the bid EXPIRED, bids taken again', async () => {
    const mission = await anUnpaidAcceptance();
    const paymentIntentId = await paymentIntentIdOf(app, mission.missionId, mission.client);
    const { payment } = await missionAs(mission.missionId, mission.client);
    expect(new Date(payment.dueAt).getTime()).toBeGreaterThan(Date.now() + DUE_MS - 60_000);

    await runJobsAfterTheDueTime();

    const asClient = await missionAs(mission.missionId, mission.client);
    expect(asClient).toMatchObject({ status: 'OPEN', bidCount: 0, payment: null });
    expect(asClient.lapsedAcceptances).toEqual([
      {
        bidId: mission.bidId,
        amountCents: 12_000,
        currency: 'EUR',
        lapsedAt: expect.any(String),
        provider: { displayName: 'Karim Benali' },
      },
    ]);
    expect((await missionAs(mission.missionId, mission.provider)).lapsedAcceptances).toHaveLength(1);
    expect((await missionAs(mission.missionId, mission.other)).lapsedAcceptances).toEqual([]);
    expect((await missionAs(mission.missionId, await aSignedInUser(app))).lapsedAcceptances).toEqual([]);
    expect(await bidStatus(mission.bidId)).toBe('EXPIRED');
    expect(await bidStatus(mission.otherBidId)).toBe('DECLINED');
    const [assignment] = await app.dataSource.query(`SELECT assigned_provider_id, accepted_bid_id FROM missions WHERE id = $1`, [
      mission.missionId,
    ]);
    expect(assignment).toEqual({ assigned_provider_id: null, accepted_bid_id: null });

    const stripe = stripeFor(app);
    expect((await stripe.paymentIntents.retrieve(paymentIntentId)).status).toBe('canceled');
    await expect(stripe.paymentIntents.confirm(paymentIntentId, { payment_method: 'pm_card_visa' })).rejects.toBeInstanceOf(
      Stripe.errors.StripeInvalidRequestError,
    );
    expect(await paymentsOf(mission.missionId)).toEqual([
      { status: 'CANCELED', lapsed_at: expect.any(Date), stripe_payment_intent_id: paymentIntentId },
    ]);

    // The same provider and the other one bid again; the mission is accepted and paid afresh.
    await aBid(app, mission.provider, mission.missionId, { amountCents: 11_000 });
    const secondBidId = await aBid(app, mission.other, mission.missionId, { amountCents: 12_500 });
    expect((await missionAs(mission.missionId, mission.client)).bidCount).toBe(2);
    expect((await app.graphql(ACCEPT, { id: secondBidId }, mission.client.accessToken)).data!.acceptBid.status).toBe('ASSIGNED');
    expect((await pay(app, { ...mission, provider: mission.other, bidId: secondBidId })).status).toBe('SUCCEEDED');
    expect((await paymentOf(app, mission.missionId, mission.client))!.amountCents).toBe(12_500);
    expect(await ledgerProblems(app)).toEqual([]);
  });

  it('leaves an acceptance paid before its due time alone', async () => {
    const mission = await anAssignedMission(app);
    expect((await pay(app, mission)).status).toBe('SUCCEEDED');

    await runJobsAfterTheDueTime();

    expect(await missionAs(mission.missionId, mission.client)).toMatchObject({
      status: 'ASSIGNED',
      payment: { status: 'SUCCEEDED' },
      lapsedAcceptances: [],
    });
    expect(await bidStatus(mission.bidId)).toBe('ACCEPTED');
    expect(await ledgerProblems(app)).toEqual([]);
  });

  it('reschedules itself at the due time when run early', async () => {
    const mission = await anAssignedMission(app);
    const { payment } = await missionAs(mission.missionId, mission.client);
    const key = `${LAPSE_UNPAID_ACCEPTANCE.name}:${payment.id}`;

    await app.runJobs({ dueNow: true });

    expect((await missionAs(mission.missionId, mission.client)).status).toBe('ASSIGNED');
    const [job] = await app.dataSource.query(`SELECT run_at FROM graphile_worker.jobs WHERE key = $1`, [key]);
    expect(job.run_at).toEqual(new Date(payment.dueAt));
  });

  it('refunds a payment confirmed after the lapse, before its PaymentIntent was canceled', async () => {
    const mission = await anUnpaidAcceptance();
    const paymentIntentId = await paymentIntentIdOf(app, mission.missionId, mission.client);
    const { payment } = await missionAs(mission.missionId, mission.client);
    const clock = jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + DUE_MS + 60_000));
    try {
      await app.app.get(MissionLifecycleService).lapseIfUnpaid(payment.id); // the lapse commits; its cancel-payment-intent job is still queued
      await stripeFor(app).paymentIntents.confirm(paymentIntentId, { payment_method: 'pm_card_visa' });
      await waitFor(async () => (await paymentsOf(mission.missionId))[0].status !== 'REQUIRES_PAYMENT', 'the payment webhook');
      await app.runJobs({ dueNow: true });
    } finally {
      clock.mockRestore();
    }

    expect(await paymentsOf(mission.missionId)).toEqual([
      { status: 'REFUNDED', lapsed_at: expect.any(Date), stripe_payment_intent_id: paymentIntentId },
    ]);
    expect((await missionAs(mission.missionId, mission.client)).status).toBe('OPEN');
    expect(await ledgerProblems(app)).toEqual([]);
  });

  it('never leaves money held when the client confirms while the lapse runs', async () => {
    const missions = await Promise.all([anUnpaidAcceptance(), anUnpaidAcceptance(), anUnpaidAcceptance()]);
    const intents = await Promise.all(missions.map((mission) => paymentIntentIdOf(app, mission.missionId, mission.client)));
    const stripe = stripeFor(app);

    await Promise.all([
      runJobsAfterTheDueTime(),
      ...intents.map((id) => stripe.paymentIntents.confirm(id, { payment_method: 'pm_card_visa' }).catch(() => null)),
    ]);
    await waitFor(
      async () =>
        (await Promise.all(missions.map((mission) => paymentsOf(mission.missionId)))).flat().every((p) => p.status !== 'REQUIRES_PAYMENT'),
      'every payment settled',
    );
    await app.runJobs({ dueNow: true });

    for (const mission of missions) {
      const [payment] = await paymentsOf(mission.missionId);
      const { status } = await missionAs(mission.missionId, mission.client);
      // Paid before the lapse: the acceptance stands. Lapsed: never charged, or refunded.
      if (payment.lapsed_at) expect([status, payment.status]).toEqual(['OPEN', expect.stringMatching(/^(CANCELED|REFUNDED)$/)]);
      else expect([status, payment.status]).toEqual(['ASSIGNED', 'SUCCEEDED']);
    }
    expect(await ledgerProblems(app)).toEqual([]);
  });
});
