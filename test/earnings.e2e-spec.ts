/**
 * A provider's earnings, from the ledger: missions paid out in different months (one just after
 * midnight in Paris, still the day before in UTC), a dispute settled with a split, a payout still
 * pending, another provider's mission that must not count; every figure is compared with the
 * ledger's entries, read here on their own and summed in the test.
 */
import type { EarningsPeriod } from '@marketplace/earnings';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { aDeliveredMissionFor, paidOutAt } from './support/earnings.builders';
import { aProvider } from './support/marketplace.builders';
import { AssignedMission, onboard } from './support/payments.builders';
import { errorCodes, TestApp } from './support/test-app';

const EARNINGS = `query ($from: Date!, $to: Date!, $g: EarningsGranularity) {
  earnings(from: $from, to: $to, granularity: $g) {
    from to grossCents feesCents netCents missionsCompleted payoutsPendingCents estimatedHours effectiveHourlyCents
  }
}`;
const CONFIRM = `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { status } }`;
const DISPUTE = `mutation ($id: ID!) { openDispute(missionId: $id, reason: "Une porte n'est pas montée.") { status } }`;
const SPLIT = `mutation ($id: ID!) { resolveDispute(missionId: $id, resolution: SPLIT, refundCents: 4000, note: "Une porte sur trois manque") { status } }`;

/** What left an account (credits are negative), as a positive amount; 0, not -0, when nothing did. */
const credited = (cents: number) => (cents === 0 ? 0 : -cents);
const parisDay = (instant: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(instant);

describe('a provider’s earnings, exact to the cent against the ledger', () => {
  let app: TestApp;
  let provider: SignedInUser;
  let client: SignedInUser;

  const gql = async (query: string, variables: Record<string, unknown>, user: SignedInUser) => {
    const response = await app.graphql(query, variables, user.accessToken);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!;
  };
  const earnings = async (from: string, to: string, g: string, user = provider): Promise<EarningsPeriod[]> =>
    (await gql(EARNINGS, { from, to, g }, user)).earnings;

  /**
   * The expected periods, from the ledger's PAYOUT entries of the provider's payments and their
   * payouts not made yet, each placed on its Paris day and summed here.
   */
  async function fromTheLedger(periods: { from: string; to: string }[]): Promise<EarningsPeriod[]> {
    const entries: { mission_id: string; account: string; amount_cents: number; created_at: Date; estimated_hours: number | null }[] =
      await app.dataSource.query(
        `SELECT e.mission_id, e.account, e.amount_cents, e.created_at, b.estimated_hours
           FROM ledger_entries e JOIN payments p ON p.id = e.payment_id JOIN bids b ON b.id = p.bid_id
          WHERE p.provider_id = $1 AND e.movement = 'PAYOUT'`,
        [provider.id],
      );
    const waiting: { amount_cents: number; created_at: Date }[] = await app.dataSource.query(
      `SELECT amount_cents, created_at FROM payouts WHERE provider_id = $1 AND status IN ('PENDING', 'FAILED')`,
      [provider.id],
    );
    return periods.map(({ from, to }) => {
      const within = (instant: Date) => parisDay(instant) >= from && parisDay(instant) <= to;
      const mine = entries.filter((entry) => within(entry.created_at));
      const sum = (account: string) =>
        mine.filter((entry) => entry.account === account).reduce((total, entry) => total + entry.amount_cents, 0);
      const missions = [...new Set(mine.map((entry) => entry.mission_id))];
      const estimated = missions.filter((id) => mine.find((entry) => entry.mission_id === id)!.estimated_hours !== null);
      const hours = estimated.reduce((total, id) => total + mine.find((entry) => entry.mission_id === id)!.estimated_hours!, 0);
      const netEstimated = -mine
        .filter((entry) => entry.account === 'STRIPE_BALANCE' && estimated.includes(entry.mission_id))
        .reduce((total, entry) => total + entry.amount_cents, 0);
      return {
        from,
        to,
        grossCents: sum('CLIENT_FUNDS_HELD'),
        feesCents: credited(sum('PLATFORM_FEES')),
        netCents: credited(sum('STRIPE_BALANCE')),
        missionsCompleted: missions.length,
        payoutsPendingCents: waiting
          .filter((payout) => within(payout.created_at))
          .reduce((total, payout) => total + payout.amount_cents, 0),
        estimatedHours: estimated.length ? hours : null,
        effectiveHourlyCents: estimated.length ? Math.round(netEstimated / hours) : null,
      };
    });
  }

  beforeAll(async () => {
    app = await TestApp.start();
    [provider, client] = await Promise.all([aProvider(app), aSignedInUser(app, { displayName: 'Claire Dubois' })]);
    await onboard(app, provider);
    const moderator = await aUserWithRole(app, 'MODERATOR');
    const confirm = (mission: AssignedMission) => gql(CONFIRM, { id: mission.missionId }, client);

    // March (UTC and Paris alike): 90 €, no estimate.
    const march = await aDeliveredMissionFor(app, provider, client, { amountCents: 9_000, estimatedHours: null });
    await confirm(march);
    // 31 March 22:30 UTC is 1 April 00:30 in Paris: April's. 120 €, 3 hours estimated.
    const april = await aDeliveredMissionFor(app, provider, client, { amountCents: 12_000, estimatedHours: 3 });
    await confirm(april);
    // June: a dispute settled with a split, 40 € back to the client, 2.5 hours estimated.
    const june = await aDeliveredMissionFor(app, provider, client, { amountCents: 12_000, estimatedHours: 2.5 });
    await gql(DISPUTE, { id: june.missionId }, client);
    await gql(SPLIT, { id: june.missionId }, moderator);
    // Another provider's mission, paid out in April too: not this provider's earnings.
    const other = await aProvider(app);
    await onboard(app, other);
    const theirs = await aDeliveredMissionFor(app, other, client, { amountCents: 15_000, estimatedHours: 1 });
    await confirm(theirs);
    await app.runJobs();
    await app.runJobs({ dueNow: true });
    await paidOutAt(app, march.missionId, '2026-03-15T10:00:00Z');
    await paidOutAt(app, april.missionId, '2026-03-31T22:30:00Z');
    await paidOutAt(app, june.missionId, '2026-06-10T12:00:00Z');
    await paidOutAt(app, theirs.missionId, '2026-04-02T12:00:00Z');
    // November: completed, its transfer not made yet (its job has not run).
    const november = await aDeliveredMissionFor(app, provider, client, { amountCents: 12_000, estimatedHours: 3 });
    await confirm(november);
    await paidOutAt(app, november.missionId, '2026-11-20T10:00:00Z');

    const statuses: { status: string }[] = await app.dataSource.query(
      `SELECT status FROM payouts WHERE provider_id = $1 ORDER BY created_at`,
      [provider.id],
    );
    expect(statuses.map(({ status }) => status)).toEqual(['TRANSFERRED', 'TRANSFERRED', 'TRANSFERRED', 'PENDING']);
  }, 180_000);
  afterAll(() => app?.close());

  it('sums each month of the Paris calendar from the ledger, an empty month included', async () => {
    const months = await earnings('2026-03-01', '2026-06-30', 'MONTH');
    expect(months).toEqual([
      {
        from: '2026-03-01',
        to: '2026-03-31',
        grossCents: 9_000,
        feesCents: 900,
        netCents: 8_100,
        missionsCompleted: 1,
        payoutsPendingCents: 0,
        estimatedHours: null,
        effectiveHourlyCents: null,
      },
      {
        from: '2026-04-01',
        to: '2026-04-30',
        grossCents: 12_000,
        feesCents: 1_200,
        netCents: 10_800,
        missionsCompleted: 1,
        payoutsPendingCents: 0,
        estimatedHours: 3,
        effectiveHourlyCents: 3_600,
      },
      {
        from: '2026-05-01',
        to: '2026-05-31',
        grossCents: 0,
        feesCents: 0,
        netCents: 0,
        missionsCompleted: 0,
        payoutsPendingCents: 0,
        estimatedHours: null,
        effectiveHourlyCents: null,
      },
      {
        from: '2026-06-01',
        to: '2026-06-30',
        grossCents: 8_000,
        feesCents: 800,
        netCents: 7_200,
        missionsCompleted: 1,
        payoutsPendingCents: 0,
        estimatedHours: 2.5,
        effectiveHourlyCents: 2_880,
      },
    ]);
    expect(months).toEqual(await fromTheLedger(months));
  });

  it('groups by quarter and by year, the pending payout apart from what was received', async () => {
    const quarters = await earnings('2026-01-01', '2026-12-31', 'QUARTER');
    expect(quarters.map(({ from, to }) => `${from}…${to}`)).toEqual([
      '2026-01-01…2026-03-31',
      '2026-04-01…2026-06-30',
      '2026-07-01…2026-09-30',
      '2026-10-01…2026-12-31',
    ]);
    // 18,000 cents over 5.5 estimated hours: 3,272.73 cents an hour, rounded to the cent.
    expect(quarters[1]).toMatchObject({
      grossCents: 20_000,
      feesCents: 2_000,
      netCents: 18_000,
      missionsCompleted: 2,
      estimatedHours: 5.5,
      effectiveHourlyCents: 3_273,
    });
    expect(quarters[3]).toMatchObject({
      grossCents: 0,
      netCents: 0,
      missionsCompleted: 0,
      payoutsPendingCents: 10_800,
      effectiveHourlyCents: null,
    });
    expect(quarters).toEqual(await fromTheLedger(quarters));

    const [year] = await earnings('2026-01-01', '2026-12-31', 'YEAR');
    expect(year).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
      grossCents: 29_000,
      feesCents: 2_900,
      netCents: 26_100,
      missionsCompleted: 3,
      payoutsPendingCents: 10_800,
      estimatedHours: 5.5,
      effectiveHourlyCents: 3_273,
    });
    expect([year]).toEqual(await fromTheLedger([year]));
  });

  it('clips the first and last periods to the days asked for, in Paris time', async () => {
    const clipped = await earnings('2026-03-20', '2026-06-10', 'MONTH');
    expect(clipped.map(({ from, to, netCents }) => [from, to, netCents])).toEqual([
      ['2026-03-20', '2026-03-31', 0],
      ['2026-04-01', '2026-04-30', 10_800],
      ['2026-05-01', '2026-05-31', 0],
      ['2026-06-01', '2026-06-10', 7_200],
    ]);
    expect(clipped).toEqual(await fromTheLedger(clipped));
    // The day of a payout made at 00:30 in Paris: 1 April, not 31 March (UTC's day).
    expect((await earnings('2026-03-31', '2026-03-31', 'MONTH'))[0].netCents).toBe(0);
    expect((await earnings('2026-04-01', '2026-04-01', 'YEAR'))[0].netCents).toBe(10_800);
  });

  it('refuses an inverted period, one of ten years or more, and a malformed day; clients are refused', async () => {
    const refused = async (from: string, to: string, user = provider) => app.graphql(EARNINGS, { from, to, g: 'MONTH' }, user.accessToken);
    const inverted = await refused('2026-06-01', '2026-05-31');
    expect(errorCodes(inverted)).toEqual(['BAD_USER_INPUT']);
    expect(inverted.errors![0].extensions.fields).toEqual([{ field: 'to', message: 'must not be before from' }]);
    expect(errorCodes(await refused('2016-01-01', '2026-01-01'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await refused('2016-01-02', '2026-01-01'))).toEqual([]);
    for (const day of ['2026-02-30', '2026-3-1', '2026-03-01T00:00:00Z', 'yesterday']) {
      const malformed = await refused(day, '2026-06-30');
      expect(errorCodes(malformed)).toEqual(['BAD_USER_INPUT']);
      expect(malformed.status).toBeLessThan(500);
    }
    expect(errorCodes(await refused('2026-01-01', '2026-06-30', client))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.graphql(EARNINGS, { from: '2026-01-01', to: '2026-06-30' }))).toEqual(['UNAUTHENTICATED']);
  });
});
