import { WebhookEndpoint } from '@marketplace/stripe-emulator';
import {
  aDeliveredMission,
  anAssignedMission,
  ledgerProblems,
  onboard,
  pay,
  paymentOf,
  postWebhook as post,
} from './support/payments.builders';
import { aProvider } from './support/marketplace.builders';
import { errorCodes, TestApp } from './support/test-app';

const CONFIRM = `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { id status } }`;

describe('money under faults: webhooks, retries, concurrency, crashes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const postWebhook = (payload: string, signature?: string, endpoint: WebhookEndpoint = 'platform') =>
    post(app, endpoint, payload, signature);
  const eventsOf = (type: string, objectId: string) =>
    app.stripe.objects('event').filter((event) => event.type === type && (event.data as { object: { id: string } }).object.id === objectId);
  const transfersFor = (missionId: string) =>
    app.stripe.objects('transfer').filter((transfer) => (transfer.metadata as Record<string, string>).missionId === missionId);
  const processedEvents = async (id: string) =>
    (await app.dataSource.query(`SELECT count(*)::int AS n FROM stripe_events WHERE id = $1`, [id]))[0].n as number;

  describe('webhooks', () => {
    it('refuses forged, stale and unsigned events with 400, and changes nothing', async () => {
      const mission = await anAssignedMission(app);
      const { clientSecret } = (await paymentOf(app, mission.missionId, mission.client))!;
      const paymentIntentId = String(clientSecret).split('_secret_')[0];
      const payload = JSON.stringify({
        id: 'evt_forged000000000000000001',
        object: 'event',
        type: 'payment_intent.succeeded',
        created: Math.floor(Date.now() / 1000),
        data: { object: { id: paymentIntentId, object: 'payment_intent', latest_charge: 'ch_forged' } },
      });

      expect((await postWebhook(payload)).status).toBe(400);
      expect((await postWebhook(payload, 't=1,v1=deadbeef')).status).toBe(400);
      const signedForOtherBody = app.stripe.signatureHeader(payload.replace('forged', 'other'));
      expect((await postWebhook(payload, signedForOtherBody)).status).toBe(400);
      const anHourAgo = Math.floor(Date.now() / 1000) - 3600;
      expect((await postWebhook(payload, app.stripe.signatureHeader(payload, { timestamp: anHourAgo }))).status).toBe(400);
      expect((await postWebhook('not json', app.stripe.signatureHeader('not json'))).status).toBe(400);

      expect((await paymentOf(app, mission.missionId, mission.client))!.status).toBe('REQUIRES_PAYMENT');
      expect(await processedEvents('evt_forged000000000000000001')).toBe(0);
    });

    it('refuses a correctly signed event that does not have the shape of its type with 400, and changes nothing', async () => {
      const mission = await anAssignedMission(app);
      const paymentIntentId = String((await paymentOf(app, mission.missionId, mission.client))!.clientSecret).split('_secret_')[0];
      const succeeded = {
        id: 'evt_malformed0000000000000001',
        object: 'event',
        type: 'payment_intent.succeeded',
        created: Math.floor(Date.now() / 1000),
        data: { object: { id: paymentIntentId, object: 'payment_intent', latest_charge: 'ch_malformed' } },
      };
      const bodies: unknown[] = [
        {},
        [],
        null,
        42,
        { ...succeeded, data: null },
        { ...succeeded, data: {} },
        { ...succeeded, created: 1e20 },
        { ...succeeded, created: 'yesterday' },
        { ...succeeded, type: undefined },
        { ...succeeded, id: undefined },
        { ...succeeded, id: { evil: true } },
        { ...succeeded, data: { object: 'pi' } },
        { ...succeeded, data: { object: { ...succeeded.data.object, object: 'charge' } } },
        { ...succeeded, data: { object: { ...succeeded.data.object, id: 7 } } },
        { ...succeeded, data: { object: { ...succeeded.data.object, latest_charge: ['ch_1'] } } },
        {
          ...succeeded,
          type: 'account.updated',
          account: 'acct_1',
          data: { object: { id: 'acct_1', object: 'account', payouts_enabled: 'yes' } },
        },
        { ...succeeded, type: 'payout.paid', account: 'acct_1', data: { object: { id: 'po_1', object: 'payout', arrival_date: 1e20 } } },
        { ...succeeded, type: 'payout.failed', account: 'acct_1', data: { object: { id: 'po_1', object: 'payout', failure_code: null } } },
      ];
      const eventsBefore = await app.count('stripe_events');
      const entriesBefore = await app.count('ledger_entries');
      const answers = [];
      for (const body of bodies) {
        const payload = JSON.stringify(body);
        const endpoint = typeof body === 'object' && body !== null && 'account' in body ? 'connect' : 'platform';
        const answer = await postWebhook(payload, app.stripe.signatureHeader(payload, { endpoint }), endpoint);
        answers.push({ payload, status: answer.status, code: answer.body.error?.code });
      }
      expect(answers).toEqual(bodies.map((body) => ({ payload: JSON.stringify(body), status: 400, code: 'BAD_USER_INPUT' })));
      expect(await app.count('stripe_events')).toBe(eventsBefore);
      expect(await app.count('ledger_entries')).toBe(entriesBefore);
      expect((await paymentOf(app, mission.missionId, mission.client))!.status).toBe('REQUIRES_PAYMENT');

      const wellFormed = JSON.stringify(succeeded);
      expect((await postWebhook(wellFormed, app.stripe.signatureHeader(wellFormed))).status).toBe(200);
      expect((await paymentOf(app, mission.missionId, mission.client))!.status).toBe('SUCCEEDED');
    });

    it('processes an event delivered 5 times once', async () => {
      const mission = await anAssignedMission(app);
      const payment = await pay(app, mission);
      const [succeeded] = eventsOf('payment_intent.succeeded', String(payment.clientSecret).split('_secret_')[0]);
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push(await app.stripe.deliver(succeeded.id as string));
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      const rows = await app.dataSource.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE payment_id = $1`, [payment.id]);
      expect(rows[0].n).toBe(2);
      expect(await ledgerProblems(app)).toEqual([]);
    });

    it('takes events in any order: a late failure does not undo a payment, a stale account status does not win', async () => {
      const mission = await anAssignedMission(app);
      await pay(app, mission, 'pm_card_chargeDeclined');
      await pay(app, mission);
      const paymentIntentId = String((await paymentOf(app, mission.missionId, mission.client))!.clientSecret).split('_secret_')[0];
      const [failed] = eventsOf('payment_intent.payment_failed', paymentIntentId);
      const replayedAsNew = JSON.stringify({ ...failed, id: 'evt_latefailure000000000000001' });
      expect((await postWebhook(replayedAsNew, app.stripe.signatureHeader(replayedAsNew))).status).toBe(200);
      expect((await paymentOf(app, mission.missionId, mission.client))!.status).toBe('SUCCEEDED');

      const provider = await aProvider(app);
      await onboard(app, provider);
      const [{ stripe_account_id: accountId }] = await app.dataSource.query(
        `SELECT stripe_account_id FROM provider_profiles WHERE user_id = $1`,
        [provider.id],
      );
      const stale = JSON.stringify({
        id: 'evt_staleaccount00000000000001',
        object: 'event',
        type: 'account.updated',
        account: accountId,
        created: Math.floor(Date.now() / 1000) - 600,
        data: { object: { id: accountId, object: 'account', payouts_enabled: false, capabilities: { transfers: 'inactive' } } },
      });
      expect((await postWebhook(stale, app.stripe.signatureHeader(stale, { endpoint: 'connect' }), 'connect')).status).toBe(200);
      const profile = await app.graphql(`{ me { providerProfile { payoutsEnabled } } }`, {}, provider.accessToken);
      expect(profile.data!.me.providerProfile.payoutsEnabled).toBe(true);
    });
  });

  describe('transfers', () => {
    it('retries a transfer Stripe failed, records why, and transfers once in the end', async () => {
      const provider = await aProvider(app);
      await onboard(app, provider);
      const mission = await aDeliveredMission(app, provider);
      app.stripe.failNext('transfers', 2, 'error');
      await app.graphql(CONFIRM, { id: mission.missionId }, mission.client.accessToken);

      await app.runJobs();
      const afterFailure = (await paymentOf(app, mission.missionId, provider))!.payout;
      expect(afterFailure.status).toBe('PENDING');
      expect(afterFailure.failureReason).toEqual(expect.any(String));
      await app.runJobs({ dueNow: true });
      await app.runJobs({ dueNow: true });
      expect((await paymentOf(app, mission.missionId, provider))!.payout).toMatchObject({ status: 'TRANSFERRED', failureReason: null });
      expect(transfersFor(mission.missionId)).toHaveLength(1);
      await app.runJobs({ dueNow: true });
      expect(transfersFor(mission.missionId)).toHaveLength(1);
      expect(await ledgerProblems(app)).toEqual([]);
    });

    it('marks a payout FAILED when every attempt failed, keeping the reason', async () => {
      const provider = await aProvider(app);
      await onboard(app, provider);
      const mission = await aDeliveredMission(app, provider);
      app.stripe.failNext('transfers', 100, 'error');
      await app.graphql(CONFIRM, { id: mission.missionId }, mission.client.accessToken);
      // 12 attempts at least: a late webhook re-queueing the transfer starts its count again.
      const attempts = () => app.stripe.requests.filter((call) => call.method === 'POST' && call.path === '/v1/transfers').length;
      for (let run = 0; run < 60 && (await paymentOf(app, mission.missionId, provider))!.payout.status !== 'FAILED'; run++) {
        await app.runJobs({ dueNow: true });
      }
      app.stripe.stopFailing('transfers');
      expect(attempts()).toBeGreaterThanOrEqual(12);
      expect((await paymentOf(app, mission.missionId, provider))!.payout).toMatchObject({
        status: 'FAILED',
        failureReason: expect.any(String),
      });
      expect(transfersFor(mission.missionId)).toHaveLength(0);
      expect(await ledgerProblems(app)).toEqual([]);
    });

    it('pays once when the client confirms 20 times at once', async () => {
      const provider = await aProvider(app);
      await onboard(app, provider);
      const mission = await aDeliveredMission(app, provider);
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => app.graphql(CONFIRM, { id: mission.missionId }, mission.client.accessToken)),
      );
      expect(responses.filter((response) => response.data?.confirmMissionCompletion)).toHaveLength(1);
      expect(responses.flatMap(errorCodes)).toEqual(Array(19).fill('CONFLICT'));
      await app.runJobs();
      await app.runJobs({ dueNow: true });
      expect(transfersFor(mission.missionId)).toHaveLength(1);
      expect((await app.dataSource.query(`SELECT count(*)::int AS n FROM payouts WHERE mission_id = $1`, [mission.missionId]))[0].n).toBe(
        1,
      );
    });

    it('finishes the transfer after a crash between the completion and the transfer', async () => {
      const provider = await aProvider(app);
      await onboard(app, provider);
      const mission = await aDeliveredMission(app, provider);
      await app.graphql(CONFIRM, { id: mission.missionId }, mission.client.accessToken);
      await app.restart();
      expect(transfersFor(mission.missionId)).toHaveLength(0);
      await app.runJobs();
      expect((await paymentOf(app, mission.missionId, provider))!.payout.status).toBe('TRANSFERRED');
      expect(transfersFor(mission.missionId)).toHaveLength(1);
      expect(await ledgerProblems(app)).toEqual([]);
    });
  });
});

describe('a Stripe that stops answering', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ STRIPE_TIMEOUT_MS: '300' });
  });
  afterAll(() => app.close());

  it('retries a transfer that timed out, and transfers once in the end', async () => {
    const provider = await aProvider(app);
    await onboard(app, provider);
    const mission = await aDeliveredMission(app, provider);
    app.stripe.failNext('transfers', 1, 'timeout');
    await app.graphql(CONFIRM, { id: mission.missionId }, mission.client.accessToken);

    await app.runJobs();
    expect((await paymentOf(app, mission.missionId, provider))!.payout).toMatchObject({
      status: 'PENDING',
      failureReason: expect.any(String),
    });
    await app.runJobs({ dueNow: true });
    expect((await paymentOf(app, mission.missionId, provider))!.payout.status).toBe('TRANSFERRED');
    const transfers = app.stripe
      .objects('transfer')
      .filter((transfer) => (transfer.metadata as Record<string, string>).missionId === mission.missionId);
    expect(transfers).toHaveLength(1);
    expect(await ledgerProblems(app)).toEqual([]);
  });
});
