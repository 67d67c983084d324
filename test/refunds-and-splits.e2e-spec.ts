import { RefundsService, StripeReconciliation } from '@marketplace/payments';
import { aUserWithRole, SignedInUser } from './support/accounts.builders';
import { aProvider } from './support/marketplace.builders';
import {
  aCompletedMission,
  aDeliveredMission,
  anAssignedMission,
  AssignedMission,
  ledgerProblems,
  onboard,
  pay,
  paymentIntentIdOf,
  stripeFor,
  waitFor,
} from './support/payments.builders';
import { errorCodes, TestApp } from './support/test-app';

const DISPUTE = `mutation ($id: ID!) { openDispute(missionId: $id, reason: "Le travail est à moitié fait.") { status } }`;
const RESOLVE = `mutation ($id: ID!, $resolution: DisputeResolution!, $refundCents: Int) {
  resolveDispute(missionId: $id, resolution: $resolution, refundCents: $refundCents, note: "Moitié faite, moitié payée") { status } }`;
const CONFIRM = `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { status } }`;
const CANCEL = `mutation ($id: ID!) { cancelMission(id: $id) { status } }`;
const SETTLEMENT = `query ($id: ID!) { mission(id: $id) { status payment {
  id status amountCents platformFeeCents refundedCents
  refunds { amountCents cause afterPayout }
  payout { status amountCents platformFeeCents } } } }`;

describe('refunds made at Stripe, and disputes settled with a split', () => {
  let app: TestApp;
  let moderator: SignedInUser;
  beforeAll(async () => {
    app = await TestApp.start();
    moderator = await aUserWithRole(app, 'MODERATOR');
  });
  afterAll(() => app.close());
  afterEach(async () => {
    await app.runJobs();
    expect(await ledgerProblems(app)).toEqual([]);
    expect(await app.app.get(StripeReconciliation).check()).toEqual([]);
  });

  const settlementOf = async (mission: AssignedMission) =>
    (await app.graphql(SETTLEMENT, { id: mission.missionId }, mission.client.accessToken)).data!.mission;
  const stripeRefundsOf = (paymentIntentId: string) =>
    app.stripe.objects('refund').filter((refund) => refund.payment_intent === paymentIntentId);
  const transfersOf = (missionId: string) =>
    app.stripe.objects('transfer').filter((transfer) => (transfer.metadata as Record<string, string>).missionId === missionId);
  const refundedAtStripe = async (mission: AssignedMission, amount?: number) => {
    const paymentIntentId = await paymentIntentIdOf(app, mission.missionId, mission.client);
    await stripeFor(app).refunds.create({ payment_intent: paymentIntentId, ...(amount ? { amount } : {}) });
    await waitFor(async () => {
      await app.runJobs();
      return (await settlementOf(mission)).payment.refunds.length > 0;
    }, 'the refund made at Stripe to be recorded');
  };
  async function aDisputedMission(): Promise<AssignedMission> {
    const provider = await aProvider(app);
    await onboard(app, provider);
    const mission = await aDeliveredMission(app, provider);
    expect((await app.graphql(DISPUTE, { id: mission.missionId }, mission.client.accessToken)).errors).toBeUndefined();
    return mission;
  }

  describe('a split settlement', () => {
    it('refunds its part to the client and pays the rest to the provider, the fee on the provider’s part only', async () => {
      const mission = await aDisputedMission();
      const resolved = await app.graphql(
        RESOLVE,
        { id: mission.missionId, resolution: 'SPLIT', refundCents: 4_000 },
        moderator.accessToken,
      );
      expect(resolved.errors).toBeUndefined();
      expect(resolved.data!.resolveDispute.status).toBe('COMPLETED');
      await app.runJobs();
      await app.runJobs();

      expect(await settlementOf(mission)).toMatchObject({
        status: 'COMPLETED',
        payment: {
          status: 'PARTIALLY_REFUNDED',
          amountCents: 12_000,
          platformFeeCents: 1_200,
          refundedCents: 4_000,
          refunds: [{ amountCents: 4_000, cause: 'SPLIT_SETTLEMENT', afterPayout: false }],
          payout: { status: 'TRANSFERRED', amountCents: 7_200, platformFeeCents: 800 },
        },
      });
      const paymentIntentId = await paymentIntentIdOf(app, mission.missionId, mission.client);
      expect(stripeRefundsOf(paymentIntentId).map((refund) => refund.amount)).toEqual([4_000]);
      expect(transfersOf(mission.missionId).map((transfer) => transfer.amount)).toEqual([7_200]);
      const log = await app.graphql(`{ moderationLog(first: 1) { edges { node { action reason } } } }`, {}, moderator.accessToken);
      expect(log.data!.moderationLog.edges[0].node).toEqual({
        action: 'RESOLVE_DISPUTE',
        reason: 'SPLIT (4000 cents to the client): Moitié faite, moitié payée',
      });
    });

    it('settles once when moderators resolve the same dispute at the same time', async () => {
      const mission = await aDisputedMission();
      const others = await Promise.all([1, 2, 3].map(() => aUserWithRole(app, 'MODERATOR')));
      const answers = await Promise.all(
        [moderator, ...others].map((each, index) =>
          app.graphql(
            RESOLVE,
            { id: mission.missionId, resolution: index % 2 ? 'PAY_PROVIDER' : 'SPLIT', refundCents: index % 2 ? null : 1_000 + index },
            each.accessToken,
          ),
        ),
      );
      expect(answers.filter((answer) => !answer.errors)).toHaveLength(1);
      expect(answers.flatMap(errorCodes).sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
      await app.runJobs();
      const paymentIntentId = await paymentIntentIdOf(app, mission.missionId, mission.client);
      expect(stripeRefundsOf(paymentIntentId).length).toBeLessThanOrEqual(1);
      expect(transfersOf(mission.missionId)).toHaveLength(1);
    });

    it.each([
      ['a SPLIT without refundCents', { resolution: 'SPLIT' }],
      ['refundCents with PAY_PROVIDER', { resolution: 'PAY_PROVIDER', refundCents: 100 }],
      ['refundCents with REFUND_CLIENT', { resolution: 'REFUND_CLIENT', refundCents: 100 }],
      ['refundCents: 0', { resolution: 'SPLIT', refundCents: 0 }],
      ['refundCents: -100', { resolution: 'SPLIT', refundCents: -100 }],
      ['refundCents: the whole payment', { resolution: 'SPLIT', refundCents: 12_000 }],
      ['refundCents: more than the payment', { resolution: 'SPLIT', refundCents: 12_001 }],
    ])('refuses %s, and changes nothing', async (_, args) => {
      const mission = await aDisputedMission();
      const answer = await app.graphql(RESOLVE, { id: mission.missionId, ...args }, moderator.accessToken);
      expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.errors![0].message).toMatch(/refundCents/);
      await app.runJobs();
      expect(await settlementOf(mission)).toMatchObject({
        status: 'DISPUTED',
        payment: { status: 'SUCCEEDED', refunds: [], payout: null },
      });
    });
  });

  describe('a refund made in Stripe’s dashboard', () => {
    it('before completion: recorded from charge.refunded, and the provider is paid what is left, the fee in proportion', async () => {
      const provider = await aProvider(app);
      await onboard(app, provider);
      const mission = await aDeliveredMission(app, provider);
      await refundedAtStripe(mission, 3_000);
      expect((await settlementOf(mission)).payment).toMatchObject({
        status: 'PARTIALLY_REFUNDED',
        refundedCents: 3_000,
        refunds: [{ amountCents: 3_000, cause: 'MADE_AT_STRIPE', afterPayout: false }],
      });

      await app.graphql(CONFIRM, { id: mission.missionId }, mission.client.accessToken);
      await app.runJobs();
      expect((await settlementOf(mission)).payment.payout).toEqual({ status: 'TRANSFERRED', amountCents: 8_100, platformFeeCents: 900 });
      expect(transfersOf(mission.missionId).map((transfer) => transfer.amount)).toEqual([8_100]);
    });

    it('after the transfer: the platform’s loss, the provider keeps what they received', async () => {
      const provider = await aProvider(app);
      await onboard(app, provider);
      const mission = await aCompletedMission(app, provider);
      await app.runJobs();
      await refundedAtStripe(mission, 2_000);
      expect((await settlementOf(mission)).payment).toMatchObject({
        status: 'PARTIALLY_REFUNDED',
        refunds: [{ amountCents: 2_000, cause: 'MADE_AT_STRIPE', afterPayout: true }],
        payout: { status: 'TRANSFERRED', amountCents: 10_800, platformFeeCents: 1_200 },
      });
      const [losses] = await app.dataSource.query(
        `SELECT sum(l.amount_cents)::int AS cents FROM ledger_entries l JOIN payments p ON p.id = l.payment_id
          WHERE p.mission_id = $1 AND l.account = 'PLATFORM_LOSSES'`,
        [mission.missionId],
      );
      expect(losses.cents).toBe(2_000);
    });

    it('in full, while the payout waits for the provider’s onboarding: nothing is left to pay, the payout is CANCELED', async () => {
      const mission = await aCompletedMission(app);
      expect((await settlementOf(mission)).payment.payout.status).toBe('PENDING');
      await refundedAtStripe(mission);
      expect((await settlementOf(mission)).payment).toMatchObject({
        status: 'REFUNDED',
        refundedCents: 12_000,
        payout: { status: 'CANCELED', amountCents: 0, platformFeeCents: 0 },
      });
      await onboard(app, mission.provider);
      await app.runJobs();
      expect(transfersOf(mission.missionId)).toEqual([]);
    });

    it('in part, then the mission cancelled: our refund is of what is left, never more', async () => {
      const mission = await anAssignedMission(app);
      await pay(app, mission);
      await refundedAtStripe(mission, 1_000);
      expect((await app.graphql(CANCEL, { id: mission.missionId }, mission.client.accessToken)).errors).toBeUndefined();
      await app.runJobs();
      expect((await settlementOf(mission)).payment).toMatchObject({
        status: 'REFUNDED',
        refundedCents: 12_000,
        refunds: [
          { amountCents: 1_000, cause: 'MADE_AT_STRIPE' },
          { amountCents: 11_000, cause: 'CALLED_OFF' },
        ],
      });
    });

    it('in full before our own refund ran: ours is not needed, nothing is refunded twice', async () => {
      const mission = await anAssignedMission(app);
      await pay(app, mission);
      const paymentIntentId = await paymentIntentIdOf(app, mission.missionId, mission.client);
      await app.graphql(CANCEL, { id: mission.missionId }, mission.client.accessToken);
      await stripeFor(app).refunds.create({ payment_intent: paymentIntentId });
      await app.runJobs();
      await app.runJobs();
      expect(stripeRefundsOf(paymentIntentId)).toHaveLength(1);
      expect((await settlementOf(mission)).payment).toMatchObject({
        status: 'REFUNDED',
        refunds: [{ amountCents: 12_000, cause: 'MADE_AT_STRIPE' }],
      });
    });

    it('is recorded once however often its refunds are read back from Stripe', async () => {
      const mission = await anAssignedMission(app);
      await pay(app, mission);
      await refundedAtStripe(mission, 500);
      const { id: paymentId } = (await settlementOf(mission)).payment;
      const refunds = app.app.get(RefundsService);
      await Promise.all([1, 2, 3].map(() => refunds.recordStripeRefunds(paymentId)));
      expect((await settlementOf(mission)).payment).toMatchObject({ refundedCents: 500, refunds: [{ amountCents: 500 }] });
    });
  });
});
