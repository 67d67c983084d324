import { Clock } from '@marketplace/common';
import { PayoutsService } from '@marketplace/payments';
import { randomUUID } from 'node:crypto';
import { aUserWithRole, grantRoleTo, SignedInUser } from './support/accounts.builders';
import { aProvider } from './support/marketplace.builders';
import { aDeliveredMission, AssignedMission, ledgerProblems, onboard, paymentOf, stripeFor } from './support/payments.builders';
import { errorCodes, GraphQLResponse, TestApp } from './support/test-app';

const MAX_ATTEMPTS = 3;
const DAY_MS = 86_400_000;
const CONFIRM = `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { id } }`;
const FAILED_PAYOUTS = `query ($first: Int, $after: String) { failedPayouts(first: $first, after: $after) {
  edges { node { id status amountCents currency failureReason attempts lastAttemptAt mission { id } provider { id } } }
  pageInfo { hasNextPage endCursor } } }`;
const RETRY = `mutation ($id: ID!) { retryPayout(id: $id) { id status attempts } }`;

describe('a failed payout has a way out', () => {
  let app: TestApp;
  let moderator: SignedInUser;
  beforeAll(async () => {
    app = await TestApp.start({ PAYOUT_MAX_ATTEMPTS: String(MAX_ATTEMPTS) });
    moderator = await aUserWithRole(app, 'MODERATOR');
  });
  afterAll(() => app.close());

  const transfersFor = (missionId: string) =>
    app.stripe.objects('transfer').filter((transfer) => (transfer.metadata as Record<string, string>).missionId === missionId);
  const transferCalls = (paymentId: string) =>
    app.stripe.requests.filter((call) => call.path === '/v1/transfers' && call.idempotencyKey === `transfer-for-payment-${paymentId}`);
  const payoutOf = async (mission: AssignedMission) =>
    (
      await app.graphql(
        `query ($id: ID!) { mission(id: $id) { payment { payout { id status failureReason attempts lastAttemptAt } } } }`,
        { id: mission.missionId },
        mission.provider.accessToken,
      )
    ).data!.mission.payment.payout;
  const paymentIdOf = async (mission: AssignedMission) => (await paymentOf(app, mission.missionId, mission.provider))!.id as string;
  const transferJobs = async (payoutId: string) =>
    (
      await app.dataSource.query(
        `SELECT count(*)::int AS n FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
          WHERE t.identifier = 'payments:transfer-payout' AND j.payload->>'payoutId' = $1 AND j.attempts < j.max_attempts`,
        [payoutId],
      )
    )[0].n as number;
  const retryLogged = async (payoutId: string) =>
    (
      await app.dataSource.query(`SELECT count(*)::int AS n FROM moderation_actions WHERE action = 'RETRY_PAYOUT' AND target_id = $1`, [
        payoutId,
      ])
    )[0].n as number;

  /** Completed while every transfer fails, and the jobs run until the payout gives up (bounded). */
  async function aFailedPayout(fault: 'error' | 'saved-error' = 'error'): Promise<AssignedMission & { payoutId: string }> {
    const provider = await aProvider(app);
    await onboard(app, provider);
    const mission = await aDeliveredMission(app, provider);
    app.stripe.failNext('transfers', fault === 'error' ? 100 : 1, fault);
    await app.graphql(CONFIRM, { id: mission.missionId }, mission.client.accessToken);
    for (let run = 0; run < 3 * MAX_ATTEMPTS && (await payoutOf(mission)).status !== 'FAILED'; run++) await app.runJobs({ dueNow: true });
    app.stripe.stopFailing('transfers');
    const payout = await payoutOf(mission);
    expect(payout.status).toBe('FAILED');
    return { ...mission, payoutId: payout.id };
  }

  it('retries a transfer PAYOUT_MAX_ATTEMPTS times, then marks the payout FAILED with why, and moderators see it', async () => {
    const mission = await aFailedPayout();
    const payment = (await paymentOf(app, mission.missionId, mission.provider))!;

    expect(transferCalls(payment.id)).toHaveLength(MAX_ATTEMPTS);
    await app.runJobs({ dueNow: true });
    expect(transferCalls(await paymentIdOf(mission))).toHaveLength(MAX_ATTEMPTS);
    const listed = await app.graphql(FAILED_PAYOUTS, { first: 100 }, moderator.accessToken);
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.failedPayouts.edges.map(({ node }: { node: { id: string } }) => node)).toContainEqual({
      id: mission.payoutId,
      status: 'FAILED',
      amountCents: payment.providerAmountCents,
      currency: 'EUR',
      failureReason: expect.stringContaining('An unknown error occurred'),
      attempts: MAX_ATTEMPTS,
      lastAttemptAt: expect.any(String),
      mission: { id: mission.missionId },
      provider: { id: mission.provider.id },
    });
    expect(transfersFor(mission.missionId)).toHaveLength(0);
  });

  it('lists failed payouts the longest-failed first, a page at a time, to moderators only', async () => {
    const older = await aFailedPayout();
    const newer = await aFailedPayout();
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const response: GraphQLResponse = await app.graphql(FAILED_PAYOUTS, { first: 1, after }, moderator.accessToken);
      ids.push(...response.data!.failedPayouts.edges.map(({ node }: { node: { id: string } }) => node.id));
      if (!response.data!.failedPayouts.pageInfo.hasNextPage) break;
      after = response.data!.failedPayouts.pageInfo.endCursor;
    }
    expect(ids.indexOf(older.payoutId)).toBeLessThan(ids.indexOf(newer.payoutId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(errorCodes(await app.graphql(FAILED_PAYOUTS, {}, older.provider.accessToken))).toEqual(['FORBIDDEN']);
  });

  it('transfers a FAILED payout once when a moderator retries it while Stripe works again, and logs the retry', async () => {
    const mission = await aFailedPayout();

    const retried = await app.graphql(RETRY, { id: mission.payoutId }, moderator.accessToken);
    expect(retried.data?.retryPayout).toEqual({ id: mission.payoutId, status: 'PENDING', attempts: MAX_ATTEMPTS });
    await app.runJobs();
    expect(await payoutOf(mission)).toMatchObject({ status: 'TRANSFERRED', failureReason: null, attempts: MAX_ATTEMPTS + 1 });
    expect(transfersFor(mission.missionId)).toHaveLength(1);
    expect(await retryLogged(mission.payoutId)).toBe(1);

    expect(errorCodes(await app.graphql(RETRY, { id: mission.payoutId }, moderator.accessToken))).toEqual(['CONFLICT']);
    await app.runJobs({ dueNow: true });
    expect(transfersFor(mission.missionId)).toHaveLength(1);
    const listed = await app.graphql(FAILED_PAYOUTS, { first: 100 }, moderator.accessToken);
    expect(listed.data!.failedPayouts.edges.map(({ node }: { node: { id: string } }) => node.id)).not.toContain(mission.payoutId);
    expect(await ledgerProblems(app)).toEqual([]);
  });

  it('retries once when 20 retries arrive at once: one job, one transfer', async () => {
    const mission = await aFailedPayout();
    const moderators = await Promise.all(Array.from({ length: 4 }, () => aUserWithRole(app, 'MODERATOR')));

    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) => app.graphql(RETRY, { id: mission.payoutId }, moderators[index % 4].accessToken)),
    );
    expect(responses.filter((response) => response.data?.retryPayout)).toHaveLength(1);
    expect(responses.flatMap(errorCodes)).toEqual(Array(19).fill('CONFLICT'));
    expect(await transferJobs(mission.payoutId)).toBe(1);
    expect(await retryLogged(mission.payoutId)).toBe(1);
    await app.runJobs();
    await app.runJobs({ dueNow: true });
    expect(transfersFor(mission.missionId)).toHaveLength(1);
    expect((await payoutOf(mission)).status).toBe('TRANSFERRED');
    expect(await ledgerProblems(app)).toEqual([]);
  });

  it('lets no moderator retry the payout of a mission they are a party to, and refuses bad ids; nothing changes', async () => {
    const mission = await aFailedPayout();
    await grantRoleTo(app, mission.client, 'MODERATOR');
    await grantRoleTo(app, mission.provider, 'MODERATOR');

    for (const party of [mission.client, mission.provider]) {
      const refused = await app.graphql(RETRY, { id: mission.payoutId }, party.accessToken);
      expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
      expect(refused.errors![0].message).toContain('another moderator must act');
    }
    expect(errorCodes(await app.graphql(RETRY, { id: randomUUID() }, moderator.accessToken))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await app.graphql(RETRY, { id: 'not-a-payout' }, moderator.accessToken))).toEqual(['BAD_USER_INPUT']);
    expect(await payoutOf(mission)).toMatchObject({ status: 'FAILED', attempts: MAX_ATTEMPTS });
    expect(await transferJobs(mission.payoutId)).toBe(0);
    expect(await retryLogged(mission.payoutId)).toBe(0);
  });

  it('payouts:retry sends the FAILED payout asked, or every one, round again and says which', async () => {
    const payouts = app.app.get(PayoutsService);
    await payouts.retryFailed(); // earlier tests' failures out of the way
    await app.runJobs();
    const first = await aFailedPayout();
    const second = await aFailedPayout();

    expect((await payouts.retryFailed(first.payoutId)).map((payout) => payout.id)).toEqual([first.payoutId]);
    expect((await payouts.retryFailed()).map((payout) => payout.id)).toEqual([second.payoutId]);
    expect(await payouts.retryFailed()).toEqual([]);
    await expect(payouts.retryFailed(first.payoutId)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(payouts.retryFailed(randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await app.runJobs();
    await app.runJobs({ dueNow: true });
    for (const mission of [first, second]) {
      expect((await payoutOf(mission)).status).toBe('TRANSFERRED');
      expect(transfersFor(mission.missionId)).toHaveLength(1);
    }
    expect(await ledgerProblems(app)).toEqual([]);
  });

  it('says when Stripe replayed a failure saved under the idempotency key, and transfers once when the key has expired', async () => {
    const mission = await aFailedPayout('saved-error');
    const paymentId = await paymentIdOf(mission);

    expect(transferCalls(paymentId)).toHaveLength(MAX_ATTEMPTS);
    expect((await payoutOf(mission)).failureReason).toContain('Stripe replayed its saved answer');
    await app.graphql(RETRY, { id: mission.payoutId }, moderator.accessToken);
    await app.runJobs();
    expect(await payoutOf(mission)).toMatchObject({ status: 'PENDING', failureReason: expect.stringContaining('Stripe replayed') });
    expect(transfersFor(mission.missionId)).toHaveLength(0);

    app.stripe.passTime(DAY_MS);
    await app.runJobs({ dueNow: true });
    expect((await payoutOf(mission)).status).toBe('TRANSFERRED');
    expect(transfersFor(mission.missionId)).toHaveLength(1);
    expect(new Set(transferCalls(paymentId).map((call) => call.idempotencyKey))).toEqual(new Set([`transfer-for-payment-${paymentId}`]));
    expect(await ledgerProblems(app)).toEqual([]);
  });

  it('records, rather than repeats, a transfer an earlier attempt made whose answer was lost, days later', async () => {
    const mission = await aFailedPayout();
    const paymentId = await paymentIdOf(mission);
    const [{ amount_cents: amount, account }] = await app.dataSource.query(
      `SELECT p.amount_cents, pp.stripe_account_id AS account FROM payouts p JOIN provider_profiles pp ON pp.user_id = p.provider_id
        WHERE p.id = $1`,
      [mission.payoutId],
    );
    // Stripe made it, but the answer never came back; then the idempotency key expired.
    const lost = await stripeFor(app).transfers.create(
      {
        amount,
        currency: 'eur',
        destination: account,
        transfer_group: `mission_${mission.missionId}`,
        metadata: { payoutId: mission.payoutId, missionId: mission.missionId },
      },
      { idempotencyKey: `lost-answer-${paymentId}` },
    );
    app.stripe.passTime(2 * DAY_MS);
    const clock = jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 2 * DAY_MS));

    try {
      await app.graphql(RETRY, { id: mission.payoutId }, moderator.accessToken);
      await app.runJobs();
    } finally {
      clock.mockRestore();
    }
    expect(await payoutOf(mission)).toMatchObject({ status: 'TRANSFERRED', failureReason: null });
    expect(transfersFor(mission.missionId).map((transfer) => transfer.id)).toEqual([lost.id]);
    const [{ stripe_transfer_id }] = await app.dataSource.query(`SELECT stripe_transfer_id FROM payouts WHERE id = $1`, [mission.payoutId]);
    expect(stripe_transfer_id).toBe(lost.id);
    expect(await ledgerProblems(app)).toEqual([]);
  });
});
