import { StripeReconciliation } from '@marketplace/payments';
import { aCompletedMission, anAssignedMission, ledgerProblems, onboard, pay, paymentOf, stripeFor } from './support/payments.builders';
import { aProvider } from './support/marketplace.builders';
import { TestApp } from './support/test-app';

const CANCEL = `mutation ($id: ID!) { cancelMission(id: $id) { id status } }`;

describe('ledger:check against Stripe’s own transfers and refunds (read through its list endpoints)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const reconciliation = () => app.app.get(StripeReconciliation).check();

  async function aTransferredPayment() {
    const provider = await aProvider(app);
    await onboard(app, provider);
    const mission = await aCompletedMission(app, provider);
    await app.runJobs();
    const payment = (await paymentOf(app, mission.missionId, provider))!;
    expect(payment.payout.status).toBe('TRANSFERRED');
    return { mission, payment };
  }

  it('agrees with Stripe after a transfer and a refund made by the platform', async () => {
    await aTransferredPayment();
    const refunded = await anAssignedMission(app);
    await pay(app, refunded);
    await app.graphql(CANCEL, { id: refunded.missionId }, refunded.provider.accessToken);
    await app.runJobs();
    expect((await paymentOf(app, refunded.missionId, refunded.client))!.status).toBe('REFUNDED');

    expect(await reconciliation()).toEqual([]);
    expect(await ledgerProblems(app)).toEqual([]);
  });

  it('reports a second transfer Stripe made for one payment, which our books cannot see', async () => {
    const { mission, payment } = await aTransferredPayment();
    const [first] = app.stripe.objects('transfer').filter((transfer) => transfer.transfer_group === `mission_${mission.missionId}`);
    const second = await stripeFor(app).transfers.create({
      amount: first.amount as number,
      currency: 'eur',
      destination: first.destination as string,
      transfer_group: first.transfer_group as string,
      metadata: first.metadata as Record<string, string>,
    });

    expect(await ledgerProblems(app)).toEqual([]);
    expect(await reconciliation()).toEqual([
      { missionId: mission.missionId, paymentId: payment.id, problem: `2 transfers on Stripe (${second.id}, ${first.id})` },
    ]);
  });

  it('reports a refund made on Stripe whose webhook never reached us', async () => {
    const mission = await anAssignedMission(app);
    const payment = await pay(app, mission);
    const paymentIntentId = String(payment.clientSecret).split('_secret_')[0];
    const refund = await app.withoutWebhooks(() => stripeFor(app).refunds.create({ payment_intent: paymentIntentId, amount: 2_000 }));

    expect(await reconciliation()).toContainEqual({
      missionId: mission.missionId,
      paymentId: payment.id,
      problem: `a refund on Stripe (${refund.id}) that we did not record`,
    });
  });
});
