import { StripeReconciliation } from '@marketplace/payments';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { aProvider } from './support/marketplace.builders';
import {
  aDeliveredMission,
  AssignedMission,
  anAssignedMission,
  ledgerProblems,
  onboard,
  pay,
  paymentIntentIdOf,
  postWebhook,
  stripeFor,
  waitFor,
} from './support/payments.builders';
import { errorCodes, GraphQLResponse, TestApp } from './support/test-app';

const CONFIRM = `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { id status } }`;
const CHARGEBACK_FIELDS = `id stripeDisputeId amountCents currency reason status openedAt closedAt fundsWithdrawnAt fundsReinstatedAt afterPayout`;
const CANCEL = `mutation ($id: ID!) { cancelMission(id: $id) { id status } }`;
const PAYMENT = `query ($id: ID!) { mission(id: $id) { payment { id status refunds { amountCents } payout { id status amountCents failureReason }
  chargebacks { ${CHARGEBACK_FIELDS} } } } }`;
const CHARGEBACKS = `query ($status: ChargebackStatus, $first: Int, $after: String) { chargebacks(status: $status, first: $first, after: $after) {
  edges { node { id stripeDisputeId status amountCents mission { id } payment { id amountCents chargebacks { id } } } }
  pageInfo { hasNextPage endCursor } } }`;

describe('card chargebacks (Stripe disputes) reach the payment, the payout and the books', () => {
  let app: TestApp;
  let moderator: SignedInUser;
  beforeAll(async () => {
    app = await TestApp.start();
    moderator = await aUserWithRole(app, 'MODERATOR');
  });
  afterAll(() => app.close());

  const paymentSeenBy = async (mission: AssignedMission, viewer: SignedInUser = mission.client) =>
    (await app.graphql(PAYMENT, { id: mission.missionId }, viewer.accessToken)).data!.mission.payment;
  const chargeOf = async (mission: AssignedMission) => {
    const paymentIntentId = await paymentIntentIdOf(app, mission.missionId, mission.client);
    return String(
      app.stripe.objects('charge').find((charge) => charge.payment_intent === paymentIntentId && charge.status === 'succeeded')!.id,
    );
  };
  const transfersFor = (missionId: string) =>
    app.stripe.objects('transfer').filter((transfer) => (transfer.metadata as Record<string, string>).missionId === missionId);
  const refundCalls = (paymentId: string) =>
    app.stripe.requests.filter((call) => call.path === '/v1/refunds' && call.idempotencyKey === `refund-for-payment-${paymentId}`);
  const eventsOf = (disputeId: string) =>
    app.stripe.objects('event').filter((event) => (event.data as { object: { id: string } }).object.id === disputeId);
  const books = async (paymentId: string) =>
    (
      await app.dataSource.query(
        `SELECT movement, reference, account, amount_cents AS cents FROM ledger_entries WHERE payment_id = $1 AND movement::text LIKE 'CHARGEBACK%'
          ORDER BY movement, account`,
        [paymentId],
      )
    ).map((entry: { movement: string; account: string; cents: number }) => [entry.movement, entry.account, entry.cents]);
  /** The chargeback the webhooks recorded, once they all arrived (its Stripe events all delivered). */
  const chargebackRecorded = (mission: AssignedMission, disputeId: string, status: string) =>
    waitFor(async () => {
      const delivered = eventsOf(disputeId).every((event) => event.pending_webhooks === 0);
      const chargeback = (await paymentSeenBy(mission)).chargebacks.find(
        (candidate: { stripeDisputeId: string }) => candidate.stripeDisputeId === disputeId,
      );
      return delivered && chargeback?.status === status ? chargeback : null;
    }, `the chargeback ${status}`);
  const ledgerChecks = async () => {
    expect(await ledgerProblems(app)).toEqual([]);
    expect(await app.app.get(StripeReconciliation).check()).toEqual([]);
  };
  afterEach(async () => {
    await app.runJobs();
    await ledgerChecks();
  });

  /** Paid and delivered, by a provider able to receive transfers. */
  async function aPaidMission(): Promise<AssignedMission> {
    const provider = await aProvider(app);
    await onboard(app, provider);
    return aDeliveredMission(app, provider);
  }

  async function complete(mission: AssignedMission): Promise<void> {
    expect((await app.graphql(CONFIRM, { id: mission.missionId }, mission.client.accessToken)).errors).toBeUndefined();
    await app.runJobs();
  }

  it('holds the payout while a chargeback opened before it is open; won, the payout goes once and the books balance', async () => {
    const mission = await aPaidMission();
    const disputeId = await app.stripe.openChargeback(await chargeOf(mission), { reason: 'product_not_received' });
    const open = await chargebackRecorded(mission, disputeId, 'OPEN');
    expect(open).toMatchObject({
      amountCents: 12_000,
      currency: 'EUR',
      reason: 'product_not_received',
      closedAt: null,
      afterPayout: false,
    });
    expect(open.fundsWithdrawnAt).not.toBeNull();

    await complete(mission);
    await app.runJobs({ dueNow: true });
    expect((await paymentSeenBy(mission)).payout).toMatchObject({ status: 'PENDING', amountCents: 10_800 });
    expect(transfersFor(mission.missionId)).toHaveLength(0);
    await ledgerChecks();

    await app.stripe.closeChargeback(disputeId, 'won');
    const won = await chargebackRecorded(mission, disputeId, 'WON');
    expect(won.fundsReinstatedAt).not.toBeNull();
    await app.runJobs();
    await app.runJobs({ dueNow: true });
    expect((await paymentSeenBy(mission)).payout).toMatchObject({ status: 'TRANSFERRED', amountCents: 10_800 });
    expect(transfersFor(mission.missionId)).toHaveLength(1);
    const { id: paymentId } = await paymentSeenBy(mission);
    expect(await books(paymentId)).toEqual([
      ['CHARGEBACK', 'STRIPE_BALANCE', -12_000],
      ['CHARGEBACK', 'CLIENT_FUNDS_HELD', 12_000],
      ['CHARGEBACK_REVERSED', 'STRIPE_BALANCE', 12_000],
      ['CHARGEBACK_REVERSED', 'CLIENT_FUNDS_HELD', -12_000],
    ]);
  });

  it('pays nothing out when the whole payment is charged back and lost, and says why', async () => {
    const mission = await aPaidMission();
    const disputeId = await app.stripe.openChargeback(await chargeOf(mission));
    await chargebackRecorded(mission, disputeId, 'OPEN');
    await complete(mission);
    await app.stripe.closeChargeback(disputeId, 'lost');
    await chargebackRecorded(mission, disputeId, 'LOST');
    await app.runJobs({ dueNow: true });

    expect((await paymentSeenBy(mission)).payout).toMatchObject({ status: 'CANCELED', failureReason: expect.stringContaining(disputeId) });
    expect(transfersFor(mission.missionId)).toHaveLength(0);
  });

  it('pays out what a lost partial chargeback left, the fee in proportion, the provider seeing it too', async () => {
    const mission = await aPaidMission();
    const disputeId = await app.stripe.openChargeback(await chargeOf(mission), { amount: 3_000 });
    await chargebackRecorded(mission, disputeId, 'OPEN');
    await app.stripe.closeChargeback(disputeId, 'lost');
    await chargebackRecorded(mission, disputeId, 'LOST');
    await complete(mission);
    await app.runJobs({ dueNow: true });

    const seen = await paymentSeenBy(mission, mission.provider);
    expect(seen.payout).toMatchObject({ status: 'TRANSFERRED', amountCents: 8_100 });
    expect(seen.chargebacks).toEqual([expect.objectContaining({ stripeDisputeId: disputeId, amountCents: 3_000, status: 'LOST' })]);
    expect(transfersFor(mission.missionId).map((transfer) => transfer.amount)).toEqual([8_100]);
  });

  it('records a chargeback opened after the transfer as the platform’s loss, reverses nothing at Stripe, and reinstates it when won', async () => {
    const mission = await aPaidMission();
    await complete(mission);
    expect((await paymentSeenBy(mission)).payout.status).toBe('TRANSFERRED');
    const disputeId = await app.stripe.openChargeback(await chargeOf(mission));
    expect(await chargebackRecorded(mission, disputeId, 'OPEN')).toMatchObject({ afterPayout: true });
    const { id: paymentId } = await paymentSeenBy(mission);
    expect(await books(paymentId)).toEqual([
      ['CHARGEBACK', 'STRIPE_BALANCE', -12_000],
      ['CHARGEBACK', 'PLATFORM_LOSSES', 12_000],
    ]);
    expect(transfersFor(mission.missionId)).toEqual([expect.objectContaining({ amount: 10_800, amount_reversed: 0, reversed: false })]);
    await ledgerChecks();

    await app.stripe.closeChargeback(disputeId, 'won');
    await chargebackRecorded(mission, disputeId, 'WON');
    expect(await books(paymentId)).toEqual([
      ['CHARGEBACK', 'STRIPE_BALANCE', -12_000],
      ['CHARGEBACK', 'PLATFORM_LOSSES', 12_000],
      ['CHARGEBACK_REVERSED', 'STRIPE_BALANCE', 12_000],
      ['CHARGEBACK_REVERSED', 'PLATFORM_LOSSES', -12_000],
    ]);
  });

  it('ends right whatever the order its events arrive in, and redelivered all at once changes nothing', async () => {
    const mission = await aPaidMission();
    const charge = await chargeOf(mission);
    const disputeId = await app.withoutWebhooks(async () => {
      const id = await app.stripe.openChargeback(charge, { amount: 5_000 });
      await app.stripe.closeChargeback(id, 'lost');
      return id;
    });
    const events = eventsOf(disputeId).map((event) => ({ id: String(event.id), type: String(event.type) }));
    expect(events.map((event) => event.type)).toEqual([
      'charge.dispute.created',
      'charge.dispute.funds_withdrawn',
      'charge.dispute.closed',
    ]);
    expect(await app.stripe.deliver(events[2].id)).toBe(200);
    const lost = await chargebackRecorded(mission, disputeId, 'LOST');
    expect(lost).toMatchObject({ amountCents: 5_000, afterPayout: false });

    const deliveries = await Promise.all([...events, ...events].reverse().map((event) => app.stripe.deliver(event.id)));
    expect(deliveries).toEqual(Array(6).fill(200));
    const rows = await app.dataSource.query(`SELECT status, closed_at FROM chargebacks WHERE stripe_dispute_id = $1`, [disputeId]);
    expect(rows).toEqual([{ status: 'LOST', closed_at: expect.any(Date) }]);
    const { id: paymentId } = await paymentSeenBy(mission);
    expect(await books(paymentId)).toEqual([
      ['CHARGEBACK', 'STRIPE_BALANCE', -5_000],
      ['CHARGEBACK', 'CLIENT_FUNDS_HELD', 5_000],
    ]);
    await complete(mission);
    expect((await paymentSeenBy(mission)).payout).toMatchObject({ status: 'TRANSFERRED', amountCents: 6_300 });
  });

  it('pays each payout once, of what its chargeback decided, when chargebacks open and close at once and transfers fail', async () => {
    const missions = await Promise.all(Array.from({ length: 6 }, () => aPaidMission()));
    const disputes = await Promise.all(
      missions.map(async (mission) => app.stripe.openChargeback(await chargeOf(mission), { amount: 4_000 })),
    );
    await Promise.all(missions.map((mission, index) => chargebackRecorded(mission, disputes[index], 'OPEN')));
    app.stripe.failNext('transfers', 4, 'error');
    await Promise.all(missions.map((mission) => app.graphql(CONFIRM, { id: mission.missionId }, mission.client.accessToken)));
    await app.runJobs({ dueNow: true });
    expect(missions.flatMap((mission) => transfersFor(mission.missionId))).toEqual([]);

    const outcomes = missions.map((_, index) => (index % 2 === 0 ? 'won' : 'lost'));
    await Promise.all(disputes.map((disputeId, index) => app.stripe.closeChargeback(disputeId, outcomes[index] as 'won' | 'lost')));
    await Promise.all(missions.map((mission, index) => chargebackRecorded(mission, disputes[index], outcomes[index].toUpperCase())));
    for (let run = 0; run < 6; run++) await app.runJobs({ dueNow: true });
    app.stripe.stopFailing('transfers');
    await app.runJobs({ dueNow: true });

    expect(missions.map((mission) => transfersFor(mission.missionId).map((transfer) => transfer.amount))).toEqual(
      outcomes.map((outcome) => (outcome === 'won' ? [10_800] : [7_200])),
    );
  });

  it('keeps the refund of a mission called off while a chargeback is open from Stripe until it is decided; won, all is refunded', async () => {
    const mission = await anAssignedMission(app);
    await pay(app, mission);
    const { id: paymentId } = await paymentSeenBy(mission);
    const disputeId = await app.stripe.openChargeback(await chargeOf(mission));
    await chargebackRecorded(mission, disputeId, 'OPEN');
    expect((await app.graphql(CANCEL, { id: mission.missionId }, mission.client.accessToken)).errors).toBeUndefined();
    await app.runJobs({ dueNow: true });
    expect(refundCalls(paymentId)).toHaveLength(0);
    expect((await paymentSeenBy(mission)).status).toBe('SUCCEEDED');
    await ledgerChecks();

    await app.stripe.closeChargeback(disputeId, 'won');
    await chargebackRecorded(mission, disputeId, 'WON');
    await app.runJobs();
    expect(await paymentSeenBy(mission)).toMatchObject({ status: 'REFUNDED', refunds: [{ amountCents: 12_000 }] });
    expect(refundCalls(paymentId)).toHaveLength(1);
  });

  it('refunds a mission called off what a lost partial chargeback left: the client has it all back, once', async () => {
    const mission = await anAssignedMission(app);
    await pay(app, mission);
    const { id: paymentId } = await paymentSeenBy(mission);
    const disputeId = await app.stripe.openChargeback(await chargeOf(mission), { amount: 3_000 });
    await chargebackRecorded(mission, disputeId, 'OPEN');
    await app.graphql(CANCEL, { id: mission.missionId }, mission.provider.accessToken);
    await app.runJobs();
    await app.stripe.closeChargeback(disputeId, 'lost');
    await chargebackRecorded(mission, disputeId, 'LOST');
    await app.runJobs();
    await app.runJobs({ dueNow: true });

    expect(await paymentSeenBy(mission)).toMatchObject({ status: 'REFUNDED', refunds: [{ amountCents: 9_000 }] });
    expect(refundCalls(paymentId)).toHaveLength(1);
  });

  it('refuses a signed dispute event not of a dispute’s shape with 400, and records nothing; ledger:check sees the chargeback missed', async () => {
    const mission = await aPaidMission();
    const charge = await chargeOf(mission);
    const disputeId = await app.withoutWebhooks(() => app.stripe.openChargeback(charge));
    const [created] = eventsOf(disputeId);
    const dispute = (created.data as { object: Record<string, unknown> }).object;
    const { id: paymentId } = await paymentSeenBy(mission);
    expect(await app.app.get(StripeReconciliation).check()).toContainEqual({
      missionId: mission.missionId,
      paymentId,
      problem: `a chargeback on Stripe (${disputeId}) that we did not record`,
    });

    const malformed = [
      { ...dispute, status: 'maybe' },
      { ...dispute, amount: '12000' },
      { ...dispute, balance_transactions: [{ amount: 'all' }] },
      { ...dispute, charge: 7 },
      { ...dispute, object: 'charge' },
    ];
    const before = { events: await app.count('stripe_events'), chargebacks: await app.count('chargebacks') };
    for (const object of malformed) {
      const payload = JSON.stringify({ ...created, data: { object } });
      expect((await postWebhook(app, 'platform', payload, app.stripe.signatureHeader(payload))).status).toBe(400);
    }
    expect({ events: await app.count('stripe_events'), chargebacks: await app.count('chargebacks') }).toEqual(before);
    expect(await paymentSeenBy(mission)).toMatchObject({ chargebacks: [] });

    expect(await app.stripe.deliver(String(created.id))).toBe(200);
    expect(await chargebackRecorded(mission, disputeId, 'OPEN')).toMatchObject({ afterPayout: false });
  });

  it('ignores a chargeback of a charge that is no marketplace payment’s', async () => {
    const before = await app.count('chargebacks');
    const stripe = stripeFor(app);
    const intent = await stripe.paymentIntents.create({ amount: 2_000, currency: 'eur' });
    const paid = await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    const disputeId = await app.stripe.openChargeback(String(paid.latest_charge));
    await waitFor(async () => eventsOf(disputeId).every((event) => event.pending_webhooks === 0), 'the chargeback events');
    expect(await app.count('chargebacks')).toBe(before);
  });

  it('shows moderators the chargebacks, by status, a page at a time; nobody else', async () => {
    const listed: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const response: GraphQLResponse = await app.graphql(CHARGEBACKS, { status: 'LOST', first: 1, after }, moderator.accessToken);
      expect(response.errors).toBeUndefined();
      for (const { node } of response.data!.chargebacks.edges) {
        expect(node).toMatchObject({ status: 'LOST', mission: { id: expect.any(String) }, payment: { chargebacks: [{ id: node.id }] } });
        listed.push(node.id);
      }
      if (!response.data!.chargebacks.pageInfo.hasNextPage) break;
      after = response.data!.chargebacks.pageInfo.endCursor;
    }
    expect(listed).toHaveLength(7);
    const all = await app.graphql(CHARGEBACKS, { first: 100 }, moderator.accessToken);
    expect(all.data!.chargebacks.edges.map(({ node }: { node: { status: string } }) => node.status).sort()).toEqual([
      ...Array(7).fill('LOST'),
      'OPEN',
      ...Array(6).fill('WON'),
    ]);

    const someone = await aSignedInUser(app);
    expect(errorCodes(await app.graphql(CHARGEBACKS, {}, someone.accessToken))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.graphql(CHARGEBACKS, {}))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await app.graphql(CHARGEBACKS, { after: 'not-a-cursor' }, moderator.accessToken))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await app.graphql(CHARGEBACKS, { status: 'PENDING' }, moderator.accessToken))).toEqual(['BAD_USER_INPUT']);
  });
});
