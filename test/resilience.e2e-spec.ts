/**
 * What happens to journeys when the infrastructure misbehaves: the API restarted between two steps,
 * its database connections killed or refused for a while, Stripe failing or not answering. Requests
 * may fail while it lasts, but cleanly; afterwards everything works again without a restart, and no
 * money is lost or moved twice.
 */
import { JobRunner } from '@marketplace/jobs';
import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import request from 'supertest';
import { aSignedInUser, AUTH_PAYLOAD_FIELDS, SignedInUser } from './support/accounts.builders';
import { aBid, aBidInput, aMission, aProvider } from './support/marketplace.builders';
import {
  aCompletedMission,
  aDeliveredMission,
  anAssignedMission,
  AssignedMission,
  ledgerProblems,
  onboard,
  pay,
  paymentOf,
  stripeFor,
  waitFor,
} from './support/payments.builders';
import { SlowRelay } from './support/slow-relay';
import { errorCodes, GraphQLResponse, TestApp } from './support/test-app';

const ME = `{ me { id email } }`;
const SEARCH = `{ missions(first: 5) { edges { node { id title } } } }`;
const ACCEPT = `mutation ($id: ID!) { acceptBid(id: $id) { id status acceptedBid { id } } }`;
const ACCEPT_AND_PAYMENT = `mutation ($id: ID!) { acceptBid(id: $id) { id status acceptedBid { id } payment { status clientSecret } } }`;
const DELIVER = `mutation ($id: ID!) { markMissionDelivered(missionId: $id) { id status } }`;
const CONFIRM = `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { id status } }`;
const CANCEL = `mutation ($id: ID!) { cancelMission(id: $id, reason: "Le client a déménagé") { id status } }`;
const RATE = `mutation ($input: RateMissionInput!) { rateMission(input: $input) { id publishedAt } }`;
const REFRESH = `mutation ($token: String!) { refreshSession(refreshToken: $token) { ${AUTH_PAYLOAD_FIELDS} } }`;
const PLACE_BID = `mutation ($input: PlaceBidInput!) { placeBid(input: $input) { id } }`;
const POST_MISSION = `mutation ($input: PostMissionInput!) { postMission(input: $input) { id } }`;

/** The codes of the contract: whatever goes wrong, a client app gets one of these. */
const CONTRACT_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'INTERNAL_SERVER_ERROR',
];
const INTERNALS = /postgres|database|connection|terminat|ECONN|socket|stripe|timeout|sql|query|\bat \//i;

describe('an API restarted in the middle of journeys', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  it('loses nothing: the same tokens work, and what was queued before the restart is paid out or refunded once', async () => {
    const provider = await aProvider(app);
    await onboard(app, provider);
    const acceptedOnly = await anAssignedMission(app, provider);
    const paid = await anAssignedMission(app, provider);
    await pay(app, paid);
    const delivered = await aDeliveredMission(app, provider);
    const confirmed = await aCompletedMission(app, provider);
    const cancelledAfterPayment = await anAssignedMission(app, provider);
    await pay(app, cancelledAfterPayment);
    expect(
      (await app.graphql(CANCEL, { id: cancelledAfterPayment.missionId }, cancelledAfterPayment.client.accessToken)).errors,
    ).toBeUndefined();
    const journeys = [acceptedOnly, paid, delivered, confirmed];

    await app.restart();

    expect((await app.graphql(ME, {}, provider.accessToken)).data!.me.id).toBe(provider.id);
    const refreshed = await app.graphql(REFRESH, { token: acceptedOnly.client.refreshToken });
    expect(refreshed.data!.refreshSession.user.id).toBe(acceptedOnly.client.id);
    expect((await pay(app, acceptedOnly)).status).toBe('SUCCEEDED');
    for (const mission of [acceptedOnly, paid]) await expectSuccess(app.graphql(DELIVER, { id: mission.missionId }, provider.accessToken));
    for (const mission of [acceptedOnly, paid, delivered]) {
      await expectSuccess(app.graphql(CONFIRM, { id: mission.missionId }, mission.client.accessToken));
    }
    expect(journeys.flatMap((mission) => transfersFor(app, mission.missionId))).toEqual([]);
    expect(refundsFor(app, cancelledAfterPayment.missionId)).toEqual([]);

    await app.restart();

    await app.runJobs();
    await app.runJobs({ dueNow: true });
    for (const mission of journeys) {
      expect((await paymentOf(app, mission.missionId, provider))!.payout).toMatchObject({ status: 'TRANSFERRED', amountCents: 10_800 });
      expect(transfersFor(app, mission.missionId)).toHaveLength(1);
    }
    expect((await paymentOf(app, cancelledAfterPayment.missionId, cancelledAfterPayment.client))!.status).toBe('REFUNDED');
    expect(refundsFor(app, cancelledAfterPayment.missionId)).toHaveLength(1);
    for (const { client, missionId } of journeys) {
      await expectSuccess(app.graphql(RATE, { input: { missionId, score: 5 } }, client.accessToken));
      await expectSuccess(app.graphql(RATE, { input: { missionId, score: 4 } }, provider.accessToken));
    }
    const reputation = await app.graphql(`query ($id: ID!) { user(id: $id) { reputation { asProvider { count average } } } }`, {
      id: provider.id,
    });
    expect(reputation.data!.user.reputation.asProvider).toEqual({ count: 4, average: 5 });
    expect(await ledgerProblems(app)).toEqual([]);
  });

  it('creates after a restart, once, the PaymentIntent of an acceptance committed while Stripe did not answer', async () => {
    const client = await aSignedInUser(app);
    const provider = await aProvider(app);
    const missionId = await aMission(app, client);
    const bidId = await aBid(app, provider, missionId);
    app.stripe.failNext('payment_intents', 1, 'timeout');
    const accepted = await app.graphql(ACCEPT_AND_PAYMENT, { id: bidId }, client.accessToken);
    expect(accepted.data!.acceptBid.payment).toEqual({ status: 'REQUIRES_PAYMENT', clientSecret: null });

    await app.restart();
    await app.runJobs({ dueNow: true });

    const { clientSecret } = (await paymentOf(app, missionId, client))!;
    const intents = app.stripe.objects('payment_intent').filter((intent) => metadataOf(intent).bidId === bidId);
    expect(intents.map((intent) => intent.id)).toEqual([String(clientSecret).split('_secret_')[0]]);
    expect((await pay(app, { client, provider, missionId, bidId })).status).toBe('SUCCEEDED');
    expect(await ledgerProblems(app)).toEqual([]);
  });

  it('answers the missions posted while it stops, or refuses them: never with a server error, never rolling back an answered one', async () => {
    const client = await aSignedInUser(app);
    const { port } = app.http.address() as AddressInfo;
    const answered: GraphQLResponse[] = [];
    const cutOff: string[] = [];
    // Client apps posting, a new connection each time, until the API goes away (a load balancer sends them elsewhere then).
    const postUntilItStops = async () => {
      for (;;) {
        try {
          answered.push(await graphqlOverAFreshConnection(port, client.accessToken, POST_MISSION, { input: missionInput() }));
        } catch (error) {
          cutOff.push((error as { code?: string }).code ?? String(error));
          return;
        }
      }
    };
    const clients = Array.from({ length: 6 }, postUntilItStops);
    await waitFor(async () => answered.length >= 20, 'missions to be posted');

    await app.restart();
    await Promise.all(clients);

    expect(answered.filter((response) => response.status !== 200 || response.errors)).toEqual([]);
    expect(cutOff.filter((code) => !['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(code))).toEqual([]);
    const posted = (await app.dataSource.query(`SELECT id FROM missions WHERE client_id = $1`, [client.id])).map(
      (row: { id: string }) => row.id,
    );
    expect(posted).toEqual(expect.arrayContaining(answered.map((response) => response.data!.postMission.id)));
  });
});

describe('a database whose connections are dropped', () => {
  let app: TestApp;
  let database: string;
  beforeAll(async () => {
    app = await TestApp.start({ STRIPE_TIMEOUT_MS: '1000' });
    [{ database }] = await app.dataSource.query(`SELECT current_database() AS database`);
  });
  afterAll(() => app.close());

  const health = () => request(app.http).get('/health');
  /** Opens several of the pool's connections, so that there is something to kill. */
  const warmUp = async (user: SignedInUser) => {
    await Promise.all(Array.from({ length: 8 }, () => expectSuccess(app.graphql(ME, {}, user.accessToken))));
    await app.runJobs();
  };
  const succeededEventOf = (paymentIntentId: string) =>
    app.stripe
      .objects('event')
      .find(
        (event) => event.type === 'payment_intent.succeeded' && (event.data as { object: { id: string } }).object.id === paymentIntentId,
      );
  const serving = (user: SignedInUser) =>
    waitFor(
      async () => (await health()).status === 200 && (await app.graphql(ME, {}, user.accessToken)).data?.me,
      'the API to serve again',
    );

  it('recovers by itself when every database connection is killed, and finishes the journeys under way', async () => {
    const provider = await aProvider(app);
    await onboard(app, provider);
    const delivered = await aDeliveredMission(app, provider);
    const client = await aSignedInUser(app);
    const missionId = await aMission(app, client);
    const bidId = await aBid(app, provider, missionId);
    await warmUp(client);

    expect(await terminateConnectionsTo(database)).toBeGreaterThan(0);
    const during = await Promise.all([
      ...Array.from({ length: 6 }, () => app.graphql(ME, {}, client.accessToken)),
      app.graphql(SEARCH),
      app.graphql(POST_MISSION, { input: { ...missionInput(), title: 'Poser trois étagères' } }, client.accessToken),
    ]);
    during.forEach(expectSuccessOrACleanFailure);

    await serving(client);
    await expectSuccess(app.graphql(ACCEPT, { id: bidId }, client.accessToken));
    expect((await pay(app, { client, provider, missionId, bidId })).status).toBe('SUCCEEDED');
    await expectSuccess(app.graphql(CONFIRM, { id: delivered.missionId }, delivered.client.accessToken));
    await terminateConnectionsTo(database);
    await app.runJobs();
    await app.runJobs({ dueNow: true });
    expect((await paymentOf(app, delivered.missionId, provider))!.payout.status).toBe('TRANSFERRED');
    expect(transfersFor(app, delivered.missionId)).toHaveLength(1);
    expect(await ledgerProblems(app)).toEqual([]);
  });

  it('writes nothing for bids cut off mid-transaction by a dropped connection, and the provider bids again', async () => {
    const client = await aSignedInUser(app);
    const provider = await aProvider(app);
    const missionIds = [await aMission(app, client), await aMission(app, client), await aMission(app, client)];
    const bidOnEach = () =>
      Promise.all(missionIds.map((missionId) => app.graphql(PLACE_BID, { input: aBidInput(missionId) }, provider.accessToken)));
    const countsOfBids = () =>
      app.dataSource.query(
        `SELECT m.bid_count, count(b.id)::int AS bids FROM missions m LEFT JOIN bids b ON b.mission_id = m.id
         WHERE m.id = ANY($1::uuid[]) GROUP BY m.id`,
        [missionIds],
      );

    const interrupted = await cutOffAtTheirWriteTo(database, 'bids', missionIds.length, bidOnEach);

    interrupted.forEach(expectACleanFailure);
    expect(await countsOfBids()).toEqual(Array(missionIds.length).fill({ bid_count: 0, bids: 0 }));
    (await bidOnEach()).forEach((response) => expect(response.errors).toBeUndefined());
    expect(await countsOfBids()).toEqual(Array(missionIds.length).fill({ bid_count: 1, bids: 1 }));
  });

  it('answers cleanly while the database refuses connections, says so on /health, and serves again once it is back, without a restart', async () => {
    const provider = await aProvider(app);
    const assigned = await anAssignedMission(app, provider);
    const client = await aSignedInUser(app);
    const missionId = await aMission(app, client);
    const bidId = await aBid(app, provider, missionId);
    const paymentIntentId = String((await paymentOf(app, assigned.missionId, assigned.client))!.clientSecret).split('_secret_')[0];
    await warmUp(client);

    try {
      await refuseConnectionsTo(database, true);
      expect(await terminateConnectionsTo(database)).toBeGreaterThan(0);

      const unhealthy = await health();
      expect(unhealthy.status).toBe(503);
      expect(unhealthy.body).toMatchObject({ status: 'error', database: { status: 'down' } });
      const during = await Promise.all([
        app.graphql(ME, {}, client.accessToken),
        app.graphql(SEARCH),
        app.graphql(ACCEPT, { id: bidId }, client.accessToken),
        app.graphql(POST_MISSION, { input: missionInput() }, client.accessToken),
        app.graphql(`mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }`, {
          input: { email: 'during-outage@example.com', password: 'a long enough password', displayName: 'Inès Moreau' },
        }),
      ]);
      for (const response of during) expectACleanFailure(response);

      // Stripe must be told to try again later: an event acknowledged now would be lost.
      await stripeFor(app).paymentIntents.confirm(paymentIntentId, { payment_method: 'pm_card_visa' });
      const succeeded = await waitFor(async () => succeededEventOf(paymentIntentId), 'the payment_intent.succeeded event');
      expect(await app.stripe.deliver(succeeded.id as string)).toBeGreaterThanOrEqual(500);
    } finally {
      await refuseConnectionsTo(database, false);
    }

    await serving(client);
    expect((await health()).body).toMatchObject({ status: 'ok', database: { status: 'up' } });
    expect(await app.dataSource.query(`SELECT status::text, bid_count FROM missions WHERE id = $1`, [missionId])).toEqual([
      { status: 'OPEN', bid_count: 1 },
    ]);
    expect(await app.dataSource.query(`SELECT id FROM payments WHERE mission_id = $1`, [missionId])).toEqual([]);
    expect(app.stripe.objects('payment_intent').filter((intent) => metadataOf(intent).bidId === bidId)).toEqual([]);
    expect(await app.stripe.deliver(succeededEventOf(paymentIntentId)!.id as string)).toBe(200);
    expect((await paymentOf(app, assigned.missionId, assigned.client))!.status).toBe('SUCCEEDED');
    await expectSuccess(app.graphql(ACCEPT, { id: bidId }, client.accessToken));
    await expectSuccess(app.graphql(DELIVER, { id: assigned.missionId }, provider.accessToken));
    expect(await ledgerProblems(app)).toEqual([]);
  });

  it('lets the client accept again after the connection dropped while the payment was written, and Stripe creates one PaymentIntent, after the commit', async () => {
    const client = await aSignedInUser(app);
    const provider = await aProvider(app);
    const missionId = await aMission(app, client);
    const bidId = await aBid(app, provider, missionId);
    const intentsOfTheBid = () => app.stripe.objects('payment_intent').filter((intent) => metadataOf(intent).bidId === bidId);

    // The payment row is being written: the connection drops there, before anything was asked of Stripe.
    const interrupted = await cutOffAtTheirWriteTo(database, 'payments', 1, () => app.graphql(ACCEPT, { id: bidId }, client.accessToken));

    expectACleanFailure(interrupted);
    expect(await app.dataSource.query(`SELECT status::text, bid_count FROM missions WHERE id = $1`, [missionId])).toEqual([
      { status: 'OPEN', bid_count: 1 },
    ]);
    expect(await app.dataSource.query(`SELECT status::text FROM bids WHERE id = $1`, [bidId])).toEqual([{ status: 'PENDING' }]);
    expect(await app.dataSource.query(`SELECT id FROM payments WHERE mission_id = $1`, [missionId])).toEqual([]);
    expect(intentsOfTheBid()).toEqual([]);

    const retried = await app.graphql(ACCEPT, { id: bidId }, client.accessToken);
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.acceptBid.status).toBe('ASSIGNED');
    const payment = (await paymentOf(app, missionId, client))!;
    expect(intentsOfTheBid().map((intent) => intent.id)).toEqual([String(payment.clientSecret).split('_secret_')[0]]);
    expect((await pay(app, { client, provider, missionId, bidId })).status).toBe('SUCCEEDED');
    expect(await ledgerProblems(app)).toEqual([]);
  });

  describe('with the worker running in the API process', () => {
    let provider: SignedInUser;
    const transferred = (mission: AssignedMission) =>
      waitFor(
        async () => (await paymentOf(app, mission.missionId, provider))!.payout?.status === 'TRANSFERRED',
        'the worker to transfer the payout',
        10_000,
      );
    const confirm = (mission: AssignedMission) =>
      expectSuccess(app.graphql(CONFIRM, { id: mission.missionId }, mission.client.accessToken));
    /** The database refuses connections for a while; what was connected is cut off. */
    const outage = async (during: () => Promise<void>) => {
      try {
        await refuseConnectionsTo(database, true);
        await terminateConnectionsTo(database);
        await during();
      } finally {
        await refuseConnectionsTo(database, false);
      }
    };

    beforeAll(async () => {
      provider = await aProvider(app);
      await onboard(app, provider);
      await app.app.get(JobRunner).start();
    });

    it('goes on paying providers out after an outage while it was waiting for work, without a restart', async () => {
      const before = await aDeliveredMission(app, provider);
      const after = await aDeliveredMission(app, provider);
      await confirm(before);
      await transferred(before);

      // Longer than the worker's 2-second poll and its listening connection's first reconnection attempts.
      await outage(() => new Promise((resolve) => setTimeout(resolve, 2500)));

      await serving(after.client);
      await confirm(after);
      await transferred(after);
      expect(transfersFor(app, after.missionId)).toHaveLength(1);
    });

    it('survives an outage that cuts off a payout in progress, and pays that payout once the database is back', async () => {
      const interrupted = await aDeliveredMission(app, provider);
      const after = await aDeliveredMission(app, provider);
      app.stripe.failNext('transfers', 1, 'timeout');
      await confirm(interrupted);
      await waitFor(
        async () => app.stripe.requests.some((call) => call.path === '/v1/transfers' && call.status === 0),
        'the worker to call Stripe',
      );

      // Stripe gives up after STRIPE_TIMEOUT_MS (1 s), in the middle of the outage: the job can record neither its failure nor its retry.
      // A rejection nobody handles would end the API process in production; Jest reports it as this test's failure.
      await outage(() => new Promise((resolve) => setTimeout(resolve, 2500)));

      await serving(after.client);
      await confirm(after);
      await transferred(after);
      await transferred(interrupted);
      expect(transfersFor(app, interrupted.missionId)).toHaveLength(1);
      expect(transfersFor(app, after.missionId)).toHaveLength(1);
      expect(await ledgerProblems(app)).toEqual([]);
    });
  });
});

describe('a Stripe that fails now and then', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ STRIPE_TIMEOUT_MS: '300' });
  });
  afterAll(() => app.close());

  /** The answers Stripe gave to the POSTs on `path` since `from` (an index in its request log). */
  const stripeAnswers = (path: string, from: number) =>
    app.stripe.requests
      .slice(from)
      .filter((call) => call.method === 'POST' && call.path === path)
      .map((call) => call.status);
  /** Runs the worker as often as it takes (retries wait with backoff: `dueNow` skips the wait), up to a bound. */
  const runJobsUntil = async (done: () => Promise<boolean>, what: string) => {
    for (let run = 0; run < 15 && !(await done()); run++) await app.runJobs({ dueNow: true });
    if (!(await done())) throw new Error(`The jobs never ${what}`);
  };

  const intentsOf = (missionId: string) =>
    app.stripe.objects('payment_intent').filter((intent) => metadataOf(intent).missionId === missionId);

  it('accepts a bid at once while Stripe does not answer, and the job creates its one PaymentIntent through Stripe failures', async () => {
    const client = await aSignedInUser(app);
    const [chosen, other] = [await aProvider(app), await aProvider(app)];
    const missionId = await aMission(app, client);
    const bidId = await aBid(app, chosen, missionId, { amountCents: 12_000 });
    const otherBidId = await aBid(app, other, missionId, { amountCents: 14_000 });

    const from = app.stripe.requests.length;
    app.stripe.failNext('payment_intents', 1, 'timeout');
    const startedAt = Date.now();
    const accepted = await app.graphql(ACCEPT_AND_PAYMENT, { id: bidId }, client.accessToken);
    // STRIPE_TIMEOUT_MS is 300 here: acceptBid waits that long for Stripe after its commit, no more.
    expect(Date.now() - startedAt).toBeLessThan(1500);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptBid).toMatchObject({
      status: 'ASSIGNED',
      acceptedBid: { id: bidId },
      payment: { status: 'REQUIRES_PAYMENT', clientSecret: null },
    });
    expect(
      await app.dataSource.query(`SELECT id, status::text FROM bids WHERE mission_id = $1 ORDER BY amount_cents`, [missionId]),
    ).toEqual([
      { id: bidId, status: 'ACCEPTED' },
      { id: otherBidId, status: 'DECLINED' },
    ]);

    app.stripe.failNext('payment_intents', 2, 'error');
    await runJobsUntil(async () => Boolean((await paymentOf(app, missionId, client))!.clientSecret), 'created the PaymentIntent');
    const payment = (await paymentOf(app, missionId, client))!;
    expect(intentsOf(missionId).map((intent) => [intent.id, intent.amount])).toEqual([
      [String(payment.clientSecret).split('_secret_')[0], 12_000],
    ]);
    expect(stripeAnswers('/v1/payment_intents', from)).toEqual([0, 500, 500, 200]);
    await app.runJobs({ dueNow: true });
    expect(stripeAnswers('/v1/payment_intents', from)).toEqual([0, 500, 500, 200]);
    expect((await pay(app, { client, provider: chosen, missionId, bidId })).status).toBe('SUCCEEDED');
    expect(await ledgerProblems(app)).toEqual([]);
  });

  it('never creates a PaymentIntent for a mission cancelled before Stripe answered its acceptance', async () => {
    const client = await aSignedInUser(app);
    const provider = await aProvider(app);
    const missionId = await aMission(app, client);
    const bidId = await aBid(app, provider, missionId);

    app.stripe.failNext('payment_intents', 1, 'timeout');
    expect((await app.graphql(ACCEPT_AND_PAYMENT, { id: bidId }, client.accessToken)).data!.acceptBid.payment.clientSecret).toBeNull();
    await expectSuccess(app.graphql(CANCEL, { id: missionId }, client.accessToken));
    const from = app.stripe.requests.length;
    await app.runJobs({ dueNow: true });

    expect(await paymentOf(app, missionId, client)).toMatchObject({ status: 'CANCELED', clientSecret: null });
    expect(stripeAnswers('/v1/payment_intents', from)).toEqual([]);
    expect(intentsOf(missionId)).toEqual([]);
    expect(await ledgerProblems(app)).toEqual([]);
  });

  it('transfers each payout exactly once when transfers fail and time out between many completions', async () => {
    const providers = await Promise.all([aProvider(app), aProvider(app)]);
    await Promise.all(providers.map((provider) => onboard(app, provider)));
    const missions = await Promise.all(Array.from({ length: 8 }, (_, index) => aDeliveredMission(app, providers[index % 2])));
    const confirm = (batch: AssignedMission[]) =>
      Promise.all(batch.map(({ client, missionId }) => expectSuccess(app.graphql(CONFIRM, { id: missionId }, client.accessToken))));

    const from = app.stripe.requests.length;
    app.stripe.failNext('transfers', 2, 'error');
    await confirm(missions.slice(0, 4));
    await app.runJobs();
    app.stripe.failNext('transfers', 2, 'timeout');
    app.stripe.failNext('transfers', 1, 'error');
    await confirm(missions.slice(4));
    await app.runJobs();
    const allTransferred = async () => (await payoutStatuses(app, missions)).filter((status) => status === 'TRANSFERRED').length === 8;
    await runJobsUntil(allTransferred, 'transferred every payout');
    await app.runJobs({ dueNow: true });

    expect(await payoutStatuses(app, missions)).toEqual(Array(8).fill('TRANSFERRED'));
    for (const { missionId } of missions) expect(transfersFor(app, missionId)).toHaveLength(1);
    const attempts = stripeAnswers('/v1/transfers', from);
    expect(attempts.filter((status) => status === 500)).toHaveLength(3);
    expect(attempts.filter((status) => status === 0)).toHaveLength(2);
    expectOnePaymentPerMission(app, missions);
    expect(await ledgerProblems(app)).toEqual([]);
  });

  it('refunds each cancelled paid mission exactly once when refunds fail and time out', async () => {
    const provider = await aProvider(app);
    const missions = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const mission = await anAssignedMission(app, provider);
        await pay(app, mission);
        return mission;
      }),
    );
    const from = app.stripe.requests.length;
    app.stripe.failNext('refunds', 2, 'error');
    app.stripe.failNext('refunds', 1, 'timeout');
    await Promise.all(
      missions.map(({ client, missionId }, index) =>
        expectSuccess(app.graphql(CANCEL, { id: missionId }, index % 2 === 0 ? client.accessToken : provider.accessToken)),
      ),
    );
    const paymentStatuses = async () =>
      (
        await app.dataSource.query(`SELECT status::text FROM payments WHERE mission_id = ANY($1::uuid[])`, [
          missions.map((mission) => mission.missionId),
        ])
      ).map((row: { status: string }) => row.status);
    await runJobsUntil(async () => (await paymentStatuses()).every((status: string) => status === 'REFUNDED'), 'refunded every payment');
    await app.runJobs({ dueNow: true });

    expect(await paymentStatuses()).toEqual(Array(5).fill('REFUNDED'));
    for (const { missionId } of missions) expect(refundsFor(app, missionId)).toHaveLength(1);
    const attempts = stripeAnswers('/v1/refunds', from);
    expect(attempts.filter((status) => status === 500)).toHaveLength(2);
    expect(attempts.filter((status) => status === 0)).toHaveLength(1);
    const missionIds = missions.map((mission) => mission.missionId);
    expect(await app.dataSource.query(`SELECT id FROM payouts WHERE mission_id = ANY($1::uuid[])`, [missionIds])).toEqual([]);
    expectOnePaymentPerMission(app, missions);
    expect(await ledgerProblems(app)).toEqual([]);
  });
});

/** POST /graphql on a connection of its own (no keep-alive): refused once the API has stopped listening. */
function graphqlOverAFreshConnection(port: number, token: string, query: string, variables: object): Promise<GraphQLResponse> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({
      host: '127.0.0.1',
      port,
      path: '/graphql',
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
    });
    outgoing.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, ...JSON.parse(text) }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('a slow Stripe', () => {
  let app: TestApp;
  let relay: SlowRelay;
  beforeAll(async () => {
    relay = await SlowRelay.start();
    app = await TestApp.start({ STRIPE_ACCEPTANCE_WAIT_MS: '1500', STRIPE_API_PORT: String(relay.port) });
    relay.forwardTo(app.stripe.port);
  });
  afterAll(async () => {
    await app.close();
    await relay.close();
  });

  const statusOf = async (missionId: string) =>
    ((await app.dataSource.query(`SELECT status::text FROM missions WHERE id = $1`, [missionId])) as { status: string }[])[0].status;
  const intentsOf = (missionId: string) =>
    app.stripe.objects('payment_intent').filter((intent) => metadataOf(intent).missionId === missionId);

  it('holds neither the mission nor the acceptance: a bid placed while acceptBid waits for Stripe is refused at once', async () => {
    const client = await aSignedInUser(app);
    const [chosen, late] = [await aProvider(app), await aProvider(app)];
    const missionId = await aMission(app, client);
    const bidId = await aBid(app, chosen, missionId);
    app.stripe.failNext('payment_intents', 1, 'timeout');
    const startedAt = Date.now();
    const accepting = app.graphql(ACCEPT, { id: bidId }, client.accessToken);
    await waitFor(async () => (await statusOf(missionId)) === 'ASSIGNED', 'the acceptance to commit', 1000);
    const refused = await app.graphql(PLACE_BID, { input: aBidInput(missionId) }, late.accessToken);
    const refusedAfterMs = Date.now() - startedAt;
    const accepted = await accepting;
    const acceptedAfterMs = Date.now() - startedAt;

    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptBid.status).toBe('ASSIGNED');
    expect(refusedAfterMs).toBeLessThan(acceptedAfterMs);
    // acceptBid waits STRIPE_ACCEPTANCE_WAIT_MS for Stripe after its commit, then answers (the job creates the PaymentIntent).
    expect(acceptedAfterMs).toBeGreaterThanOrEqual(1500);
    expect(acceptedAfterMs).toBeLessThan(4000);
    expect((await paymentOf(app, missionId, client))!.clientSecret).toBeNull();
  });

  it('cancels at Stripe a PaymentIntent created while its mission was being cancelled, and never hands out its client secret', async () => {
    const client = await aSignedInUser(app);
    const provider = await aProvider(app);
    const missionId = await aMission(app, client);
    const bidId = await aBid(app, provider, missionId);

    relay.holdNext(1, 1000);
    const accepting = app.graphql(ACCEPT_AND_PAYMENT, { id: bidId }, client.accessToken);
    await waitFor(async () => (await statusOf(missionId)) === 'ASSIGNED', 'the acceptance to commit', 1000);
    await expectSuccess(app.graphql(CANCEL, { id: missionId }, client.accessToken));
    const accepted = await accepting;

    expect(accepted.data!.acceptBid.payment).toEqual({ status: 'CANCELED', clientSecret: null });
    expect(intentsOf(missionId)).toHaveLength(1);
    await app.runJobs({ dueNow: true });
    await waitFor(async () => intentsOf(missionId).every((intent) => intent.status === 'canceled'), 'the PaymentIntent to be canceled');
    expect(intentsOf(missionId).map((intent) => intent.status)).toEqual(['canceled']);
    expect(await paymentOf(app, missionId, client)).toMatchObject({ status: 'CANCELED', clientSecret: null });
    expect(await ledgerProblems(app)).toEqual([]);
  });
});

async function expectSuccess(pending: Promise<GraphQLResponse>): Promise<GraphQLResponse> {
  const response = await pending;
  expect(response.errors).toBeUndefined();
  return response;
}

function expectSuccessOrACleanFailure(response: GraphQLResponse): void {
  if (response.errors) expectACleanFailure(response);
}

/** A failure a client app can handle: GraphQL-shaped, a contract code and a request id, no internals, no crash. */
function expectACleanFailure(response: GraphQLResponse): void {
  expect(response.status).toBeLessThan(500);
  expect(response.errors?.length).toBeGreaterThan(0);
  for (const error of response.errors!) {
    expect(CONTRACT_CODES).toContain(error.extensions.code);
    expect(error.extensions.requestId).toEqual(expect.any(String));
    expect(error.message).not.toMatch(INTERNALS);
  }
}

function metadataOf(object: Record<string, unknown>): Record<string, string> {
  return object.metadata as Record<string, string>;
}

function transfersFor(app: TestApp, missionId: string) {
  return app.stripe.objects('transfer').filter((transfer) => metadataOf(transfer).missionId === missionId);
}

function refundsFor(app: TestApp, missionId: string) {
  return app.stripe.objects('refund').filter((refund) => metadataOf(refund).missionId === missionId);
}

/** One PaymentIntent per mission, charged at most once: nobody paid twice. */
function expectOnePaymentPerMission(app: TestApp, missions: AssignedMission[]): void {
  for (const { missionId } of missions) {
    const intents = app.stripe.objects('payment_intent').filter((intent) => metadataOf(intent).missionId === missionId);
    expect(intents).toHaveLength(1);
    expect(app.stripe.objects('charge').filter((charge) => charge.payment_intent === intents[0].id && charge.paid)).toHaveLength(1);
  }
}

async function payoutStatuses(app: TestApp, missions: AssignedMission[]): Promise<string[]> {
  const rows = await app.dataSource.query(`SELECT status::text FROM payouts WHERE mission_id = ANY($1::uuid[])`, [
    missions.map((mission) => mission.missionId),
  ]);
  return rows.map((row: { status: string }) => row.status);
}

function missionInput() {
  return {
    title: 'Monter une armoire PAX',
    description: 'Armoire IKEA PAX de 2 m à monter dans une chambre, outils sur place.',
    category: 'FURNITURE_ASSEMBLY',
    location: { address: '12 rue Oberkampf', city: 'Paris', postcode: '75011', latitude: 48.864716, longitude: 2.371387 },
  };
}

function databaseUrlOf(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_ADMIN_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function asAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: process.env.TEST_DATABASE_ADMIN_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** Kills every connection to the database, as a failover or a network cut does; answers how many there were. */
function terminateConnectionsTo(database: string): Promise<number> {
  return asAdmin(async (admin) => {
    const { rows } = await admin.query(
      `SELECT count(pg_terminate_backend(pid, 5000))::int AS killed FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [database],
    );
    return rows[0].killed as number;
  });
}

function refuseConnectionsTo(database: string, refuse: boolean): Promise<void> {
  return asAdmin(async (admin) => {
    await admin.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS ${refuse ? 'false' : 'true'}`);
  });
}

/**
 * Sends requests while `table` is locked against writes, waits until `blocked` of them wait on that lock (their
 * transactions open, the work before the write done), then kills their connections: a connection lost mid-transaction.
 */
async function cutOffAtTheirWriteTo<T>(
  database: string,
  table: string,
  blocked: number,
  send: () => Promise<T>,
  alsoReady: () => boolean = () => true,
): Promise<T> {
  const locker = new Client({ connectionString: databaseUrlOf(database) });
  await locker.connect();
  try {
    await locker.query('BEGIN');
    await locker.query(`LOCK TABLE "${table}" IN SHARE MODE`);
    const answers = send();
    // pg_stat_activity is a snapshot kept for the whole transaction: each look takes a fresh one.
    const waiting = async () => {
      await locker.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await locker.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      );
      return rows.map((row: { pid: number }) => row.pid);
    };
    const pids = await waitFor(async () => {
      const blockedNow = await waiting();
      return alsoReady() && blockedNow.length === blocked && blockedNow;
    }, `${blocked} requests to wait on the lock`);
    await locker.query('SELECT pg_terminate_backend(pid, 5000) FROM unnest($1::int[]) AS pid', [pids]);
    return await answers;
  } finally {
    await locker.query('ROLLBACK');
    await locker.end();
  }
}
