import { Clock } from '@marketplace/common';
import { aSignedInUser, aUserWithRole } from './support/accounts.builders';
import { aProvider } from './support/marketplace.builders';
import {
  aDeliveredMission,
  AssignedMission,
  anAssignedMission,
  ledgerProblems,
  onboard,
  pay,
  paymentOf,
  stripeFor,
  waitFor,
} from './support/payments.builders';
import { errorCodes, TestApp } from './support/test-app';

const DELIVER = `mutation ($id: ID!) { markMissionDelivered(missionId: $id) { id status } }`;
const CONFIRM = `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { id status } }`;
const DISPUTE = `mutation ($id: ID!, $reason: String!) { openDispute(missionId: $id, reason: $reason) { id status } }`;
const RESOLVE = `mutation ($id: ID!, $resolution: DisputeResolution!) { resolveDispute(missionId: $id, resolution: $resolution, note: "Photos à l'appui") { id status } }`;
const CANCEL = `mutation ($id: ID!) { cancelMission(id: $id) { id status } }`;
const MY_PAYOUTS = `{ myPayouts { edges { node { id status amountCents currency failureReason transferredAt } } pageInfo { hasNextPage } } }`;

describe('payments, payouts and the mission lifecycle', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const missionStatus = async (missionId: string): Promise<string> =>
    (await app.dataSource.query(`SELECT status FROM missions WHERE id = $1`, [missionId]))[0].status;
  const transfersFor = (missionId: string) =>
    app.stripe.objects('transfer').filter((transfer) => (transfer.metadata as Record<string, string>).missionId === missionId);
  const refundsFor = (paymentId: string) =>
    app.stripe.objects('refund').filter((refund) => (refund.metadata as Record<string, string>).paymentId === paymentId);

  it("walks a mission from acceptance to the provider's bank: pay, deliver, confirm, transfer, payout", async () => {
    const provider = await aProvider(app);
    await onboard(app, provider);
    const mission = await anAssignedMission(app, provider);

    const created = await paymentOf(app, mission.missionId, mission.client);
    expect(created).toMatchObject({
      status: 'REQUIRES_PAYMENT',
      amountCents: 12_000,
      platformFeeCents: 1_200,
      providerAmountCents: 10_800,
      currency: 'EUR',
      payout: null,
    });
    expect(created!.clientSecret).toMatch(/^pi_\w+_secret_\w+$/);
    expect((await paymentOf(app, mission.missionId, provider))!.clientSecret).toBeNull();
    expect(errorCodes(await app.graphql(DELIVER, { id: mission.missionId }, provider.accessToken))).toEqual(['CONFLICT']);

    expect((await pay(app, mission)).status).toBe('SUCCEEDED');
    expect((await app.graphql(DELIVER, { id: mission.missionId }, provider.accessToken)).data!.markMissionDelivered.status).toBe(
      'DELIVERED',
    );
    expect((await app.graphql(CONFIRM, { id: mission.missionId }, mission.client.accessToken)).data!.confirmMissionCompletion.status).toBe(
      'COMPLETED',
    );

    await app.runJobs();
    const payout = (await paymentOf(app, mission.missionId, provider))!.payout;
    expect(payout).toMatchObject({ status: 'TRANSFERRED', amountCents: 10_800, currency: 'EUR', failureReason: null });
    const [transfer] = transfersFor(mission.missionId);
    expect(transfer).toMatchObject({ amount: 10_800, currency: 'eur', transfer_group: `mission_${mission.missionId}` });
    expect(transfer.source_transaction).toMatch(/^ch_/);

    const [{ stripe_account_id: accountId }] = await app.dataSource.query(
      `SELECT stripe_account_id FROM provider_profiles WHERE user_id = $1`,
      [provider.id],
    );
    await app.stripe.payOut(accountId);
    await waitFor(async () => (await paymentOf(app, mission.missionId, provider))!.payout.status === 'PAID_OUT', 'payout.paid');
    const payouts = await app.graphql(MY_PAYOUTS, {}, provider.accessToken);
    expect(payouts.data!.myPayouts.edges.map((edge: any) => edge.node.status)).toEqual(['PAID_OUT']);
    expect(await ledgerProblems(app)).toEqual([]);
  });

  it('holds a payout while the provider cannot receive transfers, and sends it once they can', async () => {
    const mission = await aDeliveredMission(app);
    await app.graphql(CONFIRM, { id: mission.missionId }, mission.client.accessToken);
    await app.runJobs();
    expect((await paymentOf(app, mission.missionId, mission.provider))!.payout.status).toBe('PENDING');
    expect(transfersFor(mission.missionId)).toHaveLength(0);

    await onboard(app, mission.provider);
    await app.runJobs();
    expect((await paymentOf(app, mission.missionId, mission.provider))!.payout.status).toBe('TRANSFERRED');
    expect(transfersFor(mission.missionId)).toHaveLength(1);
    expect(await ledgerProblems(app)).toEqual([]);
  });

  it('keeps a declined card unpaid, and accepts a second attempt', async () => {
    const mission = await anAssignedMission(app);
    expect((await pay(app, mission, 'pm_card_chargeDeclined')).status).toBe('FAILED');
    expect(errorCodes(await app.graphql(DELIVER, { id: mission.missionId }, mission.provider.accessToken))).toEqual(['CONFLICT']);
    expect((await pay(app, mission)).status).toBe('SUCCEEDED');
  });

  it('refunds the client in full when a paid mission is cancelled, once', async () => {
    const mission = await anAssignedMission(app);
    const payment = await pay(app, mission);
    expect((await app.graphql(CANCEL, { id: mission.missionId }, mission.provider.accessToken)).data!.cancelMission.status).toBe(
      'CANCELLED',
    );
    await app.runJobs();
    await app.runJobs({ dueNow: true });
    expect((await paymentOf(app, mission.missionId, mission.client))!.status).toBe('REFUNDED');
    expect(refundsFor(payment.id)).toEqual([expect.objectContaining({ amount: 12_000, status: 'succeeded' })]);
    expect(await ledgerProblems(app)).toEqual([]);
  });

  it('cancels an unpaid assigned mission without a refund, and refunds a payment that arrives afterwards', async () => {
    const mission = await anAssignedMission(app);
    await app.graphql(CANCEL, { id: mission.missionId }, mission.client.accessToken);
    const payment = await pay(app, mission);
    await app.runJobs();
    expect((await paymentOf(app, mission.missionId, mission.client))!.status).toBe('REFUNDED');
    expect(refundsFor(payment.id)).toHaveLength(1);
  });

  describe('cancelling an assigned mission the client has not paid yet', () => {
    const paymentIntentOf = async (mission: AssignedMission): Promise<string> =>
      String((await paymentOf(app, mission.missionId, mission.client))!.clientSecret).split('_secret_')[0];
    const chargesOf = (paymentIntentId: string) =>
      app.stripe.objects('charge').filter((charge) => charge.payment_intent === paymentIntentId && charge.status === 'succeeded');
    const eventOf = (type: string, paymentIntentId: string) =>
      app.stripe
        .objects('event')
        .find((event) => event.type === type && (event.data as { object: { id: string } }).object.id === paymentIntentId)!;
    const processed = async (eventId: unknown) =>
      (await app.dataSource.query(`SELECT id FROM stripe_events WHERE id = $1`, [eventId])).length === 1;

    it('cancels its PaymentIntent: confirming it then fails, and nothing is charged or refunded', async () => {
      const mission = await anAssignedMission(app);
      const paymentIntentId = await paymentIntentOf(mission);
      expect((await app.graphql(CANCEL, { id: mission.missionId }, mission.client.accessToken)).data!.cancelMission.status).toBe(
        'CANCELLED',
      );
      await app.runJobs();
      const payment = await waitFor(async () => {
        const current = await paymentOf(app, mission.missionId, mission.client);
        return current?.status === 'CANCELED' ? current : null;
      }, 'the payment to be canceled');
      expect((await stripeFor(app).paymentIntents.retrieve(paymentIntentId)).status).toBe('canceled');

      await expect(stripeFor(app).paymentIntents.confirm(paymentIntentId, { payment_method: 'pm_card_visa' })).rejects.toMatchObject({
        type: 'StripeInvalidRequestError',
        code: 'payment_intent_unexpected_state',
      });
      const canceled = eventOf('payment_intent.canceled', paymentIntentId);
      await waitFor(() => processed(canceled.id), 'the payment_intent.canceled webhook');
      expect(chargesOf(paymentIntentId)).toEqual([]);
      expect(refundsFor(payment.id)).toEqual([]);
      expect((await paymentOf(app, mission.missionId, mission.client))!.status).toBe('CANCELED');
      expect(await app.dataSource.query(`SELECT movement FROM ledger_entries WHERE payment_id = $1`, [payment.id])).toEqual([]);
      expect(await ledgerProblems(app)).toEqual([]);
    });

    it('records a cancellation Stripe made before the job could record it, from its webhook', async () => {
      const mission = await anAssignedMission(app);
      const paymentIntentId = await paymentIntentOf(mission);
      await app.graphql(CANCEL, { id: mission.missionId }, mission.client.accessToken);
      // As if the job's call had reached Stripe and the job had then crashed.
      await stripeFor(app).paymentIntents.cancel(paymentIntentId);
      await waitFor(async () => (await paymentOf(app, mission.missionId, mission.client))!.status === 'CANCELED', 'the webhook');
      const callsBefore = app.stripe.requests.length;
      await app.runJobs();
      expect(app.stripe.requests.length).toBe(callsBefore);
      expect((await paymentOf(app, mission.missionId, mission.client))!.status).toBe('CANCELED');
    });

    it('refunds a client who confirmed just before the PaymentIntent was canceled, even before its webhook arrives', async () => {
      const mission = await anAssignedMission(app);
      const paymentIntentId = await paymentIntentOf(mission);
      await app.graphql(CANCEL, { id: mission.missionId }, mission.client.accessToken);
      await app.withoutWebhooks(async () => {
        expect((await stripeFor(app).paymentIntents.confirm(paymentIntentId, { payment_method: 'pm_card_visa' })).status).toBe('succeeded');
        await app.runJobs();
        await app.runJobs();
      });
      const payment = (await paymentOf(app, mission.missionId, mission.client))!;
      expect(payment.status).toBe('REFUNDED');
      const succeeded = eventOf('payment_intent.succeeded', paymentIntentId);
      expect(await processed(succeeded.id)).toBe(false);
      expect(await app.stripe.deliver(succeeded.id as string)).toBe(200);
      await app.runJobs();
      expect((await paymentOf(app, mission.missionId, mission.client))!.status).toBe('REFUNDED');
      expect(chargesOf(paymentIntentId)).toHaveLength(1);
      expect(refundsFor(payment.id)).toEqual([expect.objectContaining({ amount: 12_000, status: 'succeeded' })]);
      expect(await ledgerProblems(app)).toEqual([]);
    });

    it('keeps no money when the client confirms at the very moment the mission is cancelled', async () => {
      const missions = await Promise.all(Array.from({ length: 6 }, () => anAssignedMission(app)));
      const intents = await Promise.all(missions.map(paymentIntentOf));
      // Each client confirms 150 ms after the previous one: the first ones beat the cancellation, the last ones meet it.
      await Promise.all(
        missions.flatMap((mission, index) => [
          app.graphql(CANCEL, { id: mission.missionId }, mission.client.accessToken).then(() => app.runJobs()),
          new Promise((resolve) => setTimeout(resolve, index * 150)).then(() =>
            stripeFor(app)
              .paymentIntents.confirm(intents[index], { payment_method: 'pm_card_visa' })
              .catch((error: Error) => error),
          ),
        ]),
      );
      const settled = async () => {
        await app.runJobs({ dueNow: true });
        const payments = await Promise.all(missions.map((mission) => paymentOf(app, mission.missionId, mission.client)));
        return payments.every((payment) => ['CANCELED', 'REFUNDED'].includes(payment!.status)) ? payments : null;
      };
      const payments = await waitFor(settled, 'every payment to be canceled or refunded', 15_000);
      payments.forEach((payment, index) => {
        const charged = chargesOf(intents[index]).length;
        expect({ status: payment!.status, charged, refunded: refundsFor(payment!.id).length }).toEqual(
          payment!.status === 'CANCELED'
            ? { status: 'CANCELED', charged: 0, refunded: 0 }
            : { status: 'REFUNDED', charged: 1, refunded: 1 },
        );
      });
      expect(await ledgerProblems(app)).toEqual([]);
    });
  });

  describe('disputes', () => {
    it('lets the client dispute a delivery, and a moderator pay the provider', async () => {
      const mission = await aDeliveredMission(app);
      const moderator = await aUserWithRole(app, 'MODERATOR');
      const disputed = await app.graphql(DISPUTE, { id: mission.missionId, reason: 'Le meuble est bancal.' }, mission.client.accessToken);
      expect(disputed.data!.openDispute.status).toBe('DISPUTED');
      expect(errorCodes(await app.graphql(CONFIRM, { id: mission.missionId }, mission.client.accessToken))).toEqual(['CONFLICT']);
      expect(
        errorCodes(await app.graphql(RESOLVE, { id: mission.missionId, resolution: 'PAY_PROVIDER' }, mission.client.accessToken)),
      ).toEqual(['FORBIDDEN']);

      const resolved = await app.graphql(RESOLVE, { id: mission.missionId, resolution: 'PAY_PROVIDER' }, moderator.accessToken);
      expect(resolved.data!.resolveDispute.status).toBe('COMPLETED');
      expect((await paymentOf(app, mission.missionId, mission.provider))!.payout.status).toBe('PENDING');
      const log = await app.graphql(`{ moderationLog(first: 1) { edges { node { action targetId reason } } } }`, {}, moderator.accessToken);
      expect(log.data!.moderationLog.edges[0].node).toEqual({
        action: 'RESOLVE_DISPUTE',
        targetId: mission.missionId,
        reason: "PAY_PROVIDER: Photos à l'appui",
      });
      expect(errorCodes(await app.graphql(RESOLVE, { id: mission.missionId, resolution: 'REFUND_CLIENT' }, moderator.accessToken))).toEqual(
        ['CONFLICT'],
      );
    });

    it('lets a moderator refund the client instead', async () => {
      const mission = await aDeliveredMission(app);
      const moderator = await aUserWithRole(app, 'MODERATOR');
      await app.graphql(DISPUTE, { id: mission.missionId, reason: 'Travail non fait du tout.' }, mission.client.accessToken);
      const resolved = await app.graphql(RESOLVE, { id: mission.missionId, resolution: 'REFUND_CLIENT' }, moderator.accessToken);
      expect(resolved.data!.resolveDispute.status).toBe('CANCELLED');
      await app.runJobs();
      const payment = await paymentOf(app, mission.missionId, mission.client);
      expect(payment).toMatchObject({ status: 'REFUNDED', payout: null });
      expect(await ledgerProblems(app)).toEqual([]);
    });

    it('refuses a dispute before delivery, by the provider, or without a reason', async () => {
      const mission = await anAssignedMission(app);
      expect(
        errorCodes(await app.graphql(DISPUTE, { id: mission.missionId, reason: 'Pas encore livré !' }, mission.client.accessToken)),
      ).toEqual(['CONFLICT']);
      expect(
        errorCodes(await app.graphql(DISPUTE, { id: mission.missionId, reason: 'Client injoignable.' }, mission.provider.accessToken)),
      ).toEqual(['FORBIDDEN']);
      expect(errorCodes(await app.graphql(DISPUTE, { id: mission.missionId, reason: '' }, mission.client.accessToken))).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect(await missionStatus(mission.missionId)).toBe('ASSIGNED');
    });
  });

  it('completes a delivered mission by itself after AUTO_COMPLETE_DAYS, through the real job', async () => {
    const mission = await aDeliveredMission(app);
    await app.runJobs({ dueNow: true });
    expect(await missionStatus(mission.missionId)).toBe('DELIVERED');

    const clock = jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 7 * 86_400_000 + 60_000));
    try {
      await app.runJobs({ dueNow: true });
    } finally {
      clock.mockRestore();
    }
    expect(await missionStatus(mission.missionId)).toBe('COMPLETED');
    expect((await paymentOf(app, mission.missionId, mission.provider))!.payout).not.toBeNull();
  });

  it('keeps the steps to the right people', async () => {
    const mission = await aDeliveredMission(app);
    const stranger = await aSignedInUser(app);
    expect(errorCodes(await app.graphql(CONFIRM, { id: mission.missionId }, stranger.accessToken))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.graphql(CONFIRM, { id: mission.missionId }, mission.provider.accessToken))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.graphql(DELIVER, { id: mission.missionId }, mission.client.accessToken))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.graphql(DELIVER, { id: mission.missionId }, mission.provider.accessToken))).toEqual(['CONFLICT']);
    expect(errorCodes(await app.graphql(CANCEL, { id: mission.missionId }, mission.client.accessToken))).toEqual(['CONFLICT']);
    expect(errorCodes(await app.graphql(CONFIRM, { id: 'not-an-id' }, mission.client.accessToken))).toEqual(['BAD_USER_INPUT']);
    expect(await paymentOf(app, mission.missionId, stranger)).toBeNull();
    expect(await missionStatus(mission.missionId)).toBe('DELIVERED');
  });

  it('refuses payout onboarding to users without a provider profile, and bad return addresses', async () => {
    const client = await aSignedInUser(app);
    const start = `mutation ($r: String!) { startPayoutOnboarding(returnUrl: $r, refreshUrl: $r) { url } }`;
    expect(errorCodes(await app.graphql(start, { r: 'https://app.example.com/done' }, client.accessToken))).toEqual(['FORBIDDEN']);
    const provider = await aProvider(app);
    expect(errorCodes(await app.graphql(start, { r: 'javascript:alert(1)' }, provider.accessToken))).toEqual(['BAD_USER_INPUT']);
    const first = await app.graphql(start, { r: 'http://localhost:8080/done' }, provider.accessToken);
    const second = await app.graphql(start, { r: 'http://localhost:8080/done' }, provider.accessToken);
    expect(first.data!.startPayoutOnboarding.url).toContain('/_emulator/onboarding/acct_');
    expect(
      app.stripe.objects('account').filter((account) => (account.metadata as Record<string, string>).userId === provider.id),
    ).toHaveLength(1);
    expect(second.errors).toBeUndefined();
  });
});
