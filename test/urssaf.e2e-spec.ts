/**
 * URSSAF figures: a provider's declaration for a month and a quarter, its turnover equal to the
 * ledger's PAYOUT entries of the period (Paris calendar) to the cent, the contributions at the
 * year's rates (and the income tax under the versement libératoire), the deadline; the same as CSV
 * by bearer token; a period not started, a malformed one, and no tax profile refused.
 */
import { Clock } from '@marketplace/common';
import { ActivityType, applyRate, taxYear } from '@marketplace/tax';
import request from 'supertest';
import { aSignedInUser, SignedInUser } from './support/accounts.builders';
import { aDeliveredMissionFor, paidOutAt } from './support/earnings.builders';
import { gqlData } from './support/invoices.builders';
import { aProvider } from './support/marketplace.builders';
import { ledgerProblems, onboard, stripeFor } from './support/payments.builders';
import { errorCodes, TestApp } from './support/test-app';

const DECLARATION = `query ($p: String!) { urssafDeclaration(period: $p) {
  label frequency from to deadline versementLiberatoire turnoverCents totalCents
  lines { activityType missions turnoverCents contributionRateBasisPoints contributionsCents incomeTaxRateBasisPoints incomeTaxCents trainingRateBasisPoints trainingCents totalCents }
} }`;
const TAX_PROFILE = `mutation ($i: UpdateTaxProfileInput!) { updateTaxProfile(input: $i) { activityType } }`;
const CONFIRM = `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { status } }`;

describe('URSSAF declarations', () => {
  let app: TestApp;
  let provider: SignedInUser;

  /** The turnover of [from, to] (Paris days): what left the money held for the client in the provider's PAYOUT movements. */
  async function turnoverFromTheLedger(from: string, to: string): Promise<number> {
    const [row] = await app.dataSource.query(
      `SELECT coalesce(sum(e.amount_cents), 0)::int AS cents
         FROM ledger_entries e JOIN payments p ON p.id = e.payment_id
        WHERE p.provider_id = $1 AND e.movement = 'PAYOUT' AND e.account = 'CLIENT_FUNDS_HELD'
          AND (e.created_at AT TIME ZONE 'Europe/Paris')::date BETWEEN $2::date AND $3::date`,
      [provider.id, from, to],
    );
    return row.cents;
  }
  const csvOf = (period: string, who = provider) =>
    request(app.http)
      .get(`/providers/me/urssaf.csv?period=${encodeURIComponent(period)}`)
      .set('Authorization', `Bearer ${who.accessToken}`);

  beforeAll(async () => {
    app = await TestApp.start();
    const client = await aSignedInUser(app, { displayName: 'Claire Dubois' });
    provider = await aProvider(app);
    await onboard(app, provider);
    await gqlData(
      app,
      TAX_PROFILE,
      {
        i: {
          activityType: 'BIC_SERVICES',
          activityStartedOn: '2025-03-01',
          vatStatus: 'FRANCHISE',
          declarationFrequency: 'QUARTERLY',
          versementLiberatoire: true,
        },
      },
      provider,
    );
    const paidOn = { '2026-10-03T10:00:00Z': 12_345, '2026-10-31T23:30:00Z': 9_999, '2026-11-15T10:00:00Z': 20_001 };
    for (const [at, amountCents] of Object.entries(paidOn)) {
      const mission = await aDeliveredMissionFor(app, provider, client, { amountCents, estimatedHours: null });
      await gqlData(app, CONFIRM, { id: mission.missionId }, client);
      await app.runJobs();
      await paidOutAt(app, mission.missionId, at);
    }
  }, 180_000);
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => app?.close());

  it('withholds nothing while URSSAF_WITHHOLDING is off (the default)', async () => {
    expect(app.config.urssafWithholding).toBe(false);
    const { myPayouts } = await gqlData(
      app,
      `{ myPayouts(first: 10) { edges { node { amountCents urssafWithholding { totalCents } } } } }`,
      {},
      provider,
    );
    expect(myPayouts.edges.map(({ node }: { node: { urssafWithholding: unknown } }) => node.urssafWithholding)).toEqual([null, null, null]);
  });

  it('declares the quarter’s turnover as the ledger has it, what it owes at the year’s rates, and the deadline', async () => {
    const { urssafDeclaration } = await gqlData(app, DECLARATION, { p: '2026-Q4' }, provider);
    const turnover = await turnoverFromTheLedger('2026-10-01', '2026-12-31');
    expect(turnover).toBe(12_345 + 9_999 + 20_001);
    const rates = taxYear(2026);
    const contributions = applyRate(turnover, rates.contributionRateBasisPoints[ActivityType.BIC_SERVICES]);
    const incomeTax = applyRate(turnover, rates.versementLiberatoireRateBasisPoints[ActivityType.BIC_SERVICES]);
    const training = applyRate(turnover, rates.trainingContributionRateBasisPoints[ActivityType.BIC_SERVICES]);
    expect(urssafDeclaration).toEqual({
      label: '2026-Q4',
      frequency: 'QUARTERLY',
      from: '2026-10-01',
      to: '2026-12-31',
      deadline: '2027-01-31',
      versementLiberatoire: true,
      turnoverCents: turnover,
      totalCents: contributions + incomeTax + training,
      lines: [
        {
          activityType: 'BIC_SERVICES',
          missions: 3,
          turnoverCents: turnover,
          contributionRateBasisPoints: 2120,
          contributionsCents: contributions,
          incomeTaxRateBasisPoints: 170,
          incomeTaxCents: incomeTax,
          trainingRateBasisPoints: 20,
          trainingCents: training,
          totalCents: contributions + incomeTax + training,
        },
      ],
    });
  });

  it('declares a month by the Paris calendar (23:30 UTC on 31 October is November’s), due the last day of the next month', async () => {
    const { urssafDeclaration: october } = await gqlData(app, DECLARATION, { p: '2026-10' }, provider);
    const { urssafDeclaration: november } = await gqlData(app, DECLARATION, { p: '2026-11' }, provider);
    expect(october).toMatchObject({ frequency: 'MONTHLY', deadline: '2026-11-30', turnoverCents: 12_345 });
    expect(november).toMatchObject({ deadline: '2026-12-31', turnoverCents: 9_999 + 20_001 });
    expect(october.turnoverCents).toBe(await turnoverFromTheLedger('2026-10-01', '2026-10-31'));
    expect(november.turnoverCents).toBe(await turnoverFromTheLedger('2026-11-01', '2026-11-30'));
  });

  it('gives the same figures as CSV, by bearer token', async () => {
    const { urssafDeclaration } = await gqlData(app, DECLARATION, { p: '2026-Q4' }, provider);
    const response = await csvOf('2026-Q4');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const [header, row, end] = response.text.split('\r\n');
    expect(header.split(';')).toContain('cotisations_eur');
    const [line] = urssafDeclaration.lines;
    expect(row.split(';')).toEqual([
      '2026-Q4',
      '2026-10-01',
      '2026-12-31',
      'BIC_SERVICES',
      '3',
      (line.turnoverCents / 100).toFixed(2),
      '21.20',
      (line.contributionsCents / 100).toFixed(2),
      '1.70',
      (line.incomeTaxCents / 100).toFixed(2),
      '0.20',
      (line.trainingCents / 100).toFixed(2),
      (line.totalCents / 100).toFixed(2),
      '2027-01-31',
    ]);
    expect(end).toBe('');
    expect((await request(app.http).get('/providers/me/urssaf.csv?period=2026-Q4')).status).toBe(401);
  });

  it('refuses a quarter or a month not started, a malformed period, and a provider without a tax profile', async () => {
    jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date('2026-12-31T22:59:00Z'));
    for (const period of ['2027-Q1', '2027-01', '2026-Q5', '2026-13', 'Q4-2026']) {
      const response = await app.graphql(DECLARATION, { p: period }, provider.accessToken);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].message).toMatch(/^period: /);
    }
    expect(errorCodes(await app.graphql(DECLARATION, { p: '2026-Q4' }, provider.accessToken))).toEqual([]);
    expect((await csvOf('2027-Q1')).status).toBe(400);
    const newcomer = await aProvider(app);
    expect(errorCodes(await app.graphql(DECLARATION, { p: '2026-Q4' }, newcomer.accessToken))).toEqual(['CONFLICT']);
    expect((await csvOf('2026-Q4', newcomer)).status).toBe(409);
  }, 30_000);
});

describe('URSSAF withholding (URSSAF_WITHHOLDING=true)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ URSSAF_WITHHOLDING: 'true' });
  }, 60_000);
  afterAll(() => app?.close());

  it('withholds contributions, versement libératoire and CFP from the payout: the transfer is gross − fee − withheld, the ledger owes it to the URSSAF and balances', async () => {
    const client = await aSignedInUser(app, { displayName: 'Claire Dubois' });
    const provider = await aProvider(app);
    await onboard(app, provider);
    await gqlData(
      app,
      TAX_PROFILE,
      {
        i: {
          activityType: 'BNC_SSI',
          activityStartedOn: '2025-03-01',
          vatStatus: 'FRANCHISE',
          declarationFrequency: 'MONTHLY',
          versementLiberatoire: true,
        },
      },
      provider,
    );
    const mission = await aDeliveredMissionFor(app, provider, client, { amountCents: 12_345, estimatedHours: null });
    await gqlData(app, CONFIRM, { id: mission.missionId }, client);
    await app.runJobs();

    const [payout] = await app.dataSource.query(`SELECT * FROM payouts WHERE mission_id = $1`, [mission.missionId]);
    expect(payout.status).toBe('TRANSFERRED');
    const year = taxYear(Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date()).slice(0, 4)));
    const gross = 12_345;
    const expected = {
      contributionsCents: applyRate(gross, year.contributionRateBasisPoints[ActivityType.BNC_SSI]),
      incomeTaxCents: applyRate(gross, year.versementLiberatoireRateBasisPoints[ActivityType.BNC_SSI]),
      trainingCents: applyRate(gross, year.trainingContributionRateBasisPoints[ActivityType.BNC_SSI]),
    };
    const withheld = expected.contributionsCents + expected.incomeTaxCents + expected.trainingCents;
    const fee = payout.platform_fee_cents;
    expect(payout.amount_cents).toBe(gross - fee - withheld);

    const { myPayouts } = await gqlData(
      app,
      `{ myPayouts(first: 1) { edges { node { amountCents urssafWithholding { contributionsCents incomeTaxCents trainingCents totalCents } } } } }`,
      {},
      provider,
    );
    expect(myPayouts.edges[0].node).toEqual({
      amountCents: gross - fee - withheld,
      urssafWithholding: { ...expected, totalCents: withheld },
    });

    const transfer = await stripeFor(app).transfers.retrieve(payout.stripe_transfer_id);
    expect(transfer.amount).toBe(gross - fee - withheld);
    const entries: { account: string; amount_cents: number }[] = await app.dataSource.query(
      `SELECT account, amount_cents FROM ledger_entries WHERE mission_id = $1 AND movement = 'PAYOUT' ORDER BY account`,
      [mission.missionId],
    );
    expect(Object.fromEntries(entries.map((entry) => [entry.account, entry.amount_cents]))).toEqual({
      CLIENT_FUNDS_HELD: gross,
      STRIPE_BALANCE: -(gross - fee - withheld),
      PLATFORM_FEES: -fee,
      URSSAF_OWED: -withheld,
    });
    expect(entries.reduce((sum, entry) => sum + entry.amount_cents, 0)).toBe(0);
    expect(await ledgerProblems(app)).toEqual([]);
  }, 120_000);
});
