/**
 * DAC7: a provider's data read where the platform holds it and completed by updateReportingDetails;
 * the due diligence (asked, reminded twice, payouts held after 60 days, released when complete),
 * run by its daily job under a moved clock; the annual report, whose quarters equal the ledger and
 * whose XML validates against the DGFiP schema kept in schemas/dac7; and the provider's statement,
 * the same numbers as the XML.
 */
import { Clock } from '@marketplace/common';
import { JobQueue } from '@marketplace/jobs';
import { DAC7_DILIGENCE, dac7SchemaProblems, wholeEuros } from '@marketplace/tax-reporting';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dac7Report } from '../apps/cli/src/commands';
import { aSignedInUser, SignedInUser } from './support/accounts.builders';
import { aDeliveredMissionFor, paidOutAt } from './support/earnings.builders';
import { BILLING_PROFILE, gqlData, KARIM_BILLING } from './support/invoices.builders';
import { anAppWithMailbox, closeAppWithMailbox, Mailbox } from './support/mailbox';
import { aProvider } from './support/marketplace.builders';
import { onboard } from './support/payments.builders';
import { errorCodes, TestApp } from './support/test-app';

const DETAILS_FIELDS = `legalName dateOfBirth birthCity birthCountryCode address { line postcode city countryCode } taxIdentificationNumber siren vatNumber missing`;
const MY_DETAILS = `{ myReportingDetails { ${DETAILS_FIELDS} } }`;
const UPDATE_DETAILS = `mutation ($i: UpdateReportingDetailsInput!) { updateReportingDetails(input: $i) { ${DETAILS_FIELDS} } }`;
const STATEMENT = `query ($y: Int!) { myDac7Statement(year: $y) {
  year reported details { legalName taxIdentificationNumber siren missing }
  quarters { quarter considerationCents considerationEuros feesCents feesEuros taxesCents taxesEuros activities }
} }`;
const CONFIRM = `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { status } }`;
const A_NUMERO_FISCAL = '3023217600053';
const DAY_MS = 86_400_000;

describe('DAC7', () => {
  let app: TestApp;
  let mailbox: Mailbox;
  let client: SignedInUser;

  const notificationKinds = async (userId: string): Promise<string[]> =>
    (await app.dataSource.query(`SELECT kind FROM notifications WHERE user_id = $1 ORDER BY created_at, id`, [userId])).map(
      (row: { kind: string }) => row.kind,
    );
  const runDiligenceAt = async (at: Date) => {
    jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(at);
    await app.dataSource.transaction((manager) => app.app.get(JobQueue).enqueue(manager, DAC7_DILIGENCE, {}));
    await app.runJobs();
  };
  const automatedDecisions = async (providerId: string) =>
    app.dataSource.query(`SELECT moderator_id, action, reason FROM moderation_actions WHERE target_id = $1 ORDER BY created_at`, [
      providerId,
    ]);
  const payoutStatuses = async (providerId: string): Promise<string[]> =>
    (await app.dataSource.query(`SELECT status FROM payouts WHERE provider_id = $1 ORDER BY created_at`, [providerId])).map(
      (row: { status: string }) => row.status,
    );
  /** The address in the billing profile, the numéro fiscal and the place of birth: nothing missing. */
  const completeDetailsOf = async (provider: SignedInUser) => {
    await gqlData(app, BILLING_PROFILE, { i: KARIM_BILLING }, provider);
    await gqlData(
      app,
      UPDATE_DETAILS,
      { i: { taxIdentificationNumber: A_NUMERO_FISCAL, birthCity: 'Lyon', birthCountryCode: 'FR' } },
      provider,
    );
  };
  /** A mission of 120 € (or `amountCents`) completed and its transfer job run. */
  const aPaidMission = async (provider: SignedInUser, amountCents = 12_000) => {
    const mission = await aDeliveredMissionFor(app, provider, client, { amountCents, estimatedHours: null });
    await gqlData(app, CONFIRM, { id: mission.missionId }, client);
    await app.runJobs();
    return mission;
  };

  beforeAll(async () => {
    ({ app, mailbox } = await anAppWithMailbox());
    client = await aSignedInUser(app, { displayName: 'Claire Dubois' });
  }, 60_000);
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => closeAppWithMailbox(app, mailbox));

  it('reads what identity verification and the profiles hold, and asks only for the rest', async () => {
    const provider = await aProvider(app);
    const { myReportingDetails } = await gqlData(app, MY_DETAILS, {}, provider);
    expect(myReportingDetails).toMatchObject({
      legalName: 'Camille Martin',
      dateOfBirth: '1990-04-12',
      siren: expect.stringMatching(/^\d{9}$/),
    });
    expect(myReportingDetails.missing).toEqual(['BIRTH_PLACE', 'PRIMARY_ADDRESS', 'TAX_IDENTIFICATION_NUMBER']);

    await gqlData(app, BILLING_PROFILE, { i: KARIM_BILLING }, provider);
    const { updateReportingDetails } = await gqlData(
      app,
      UPDATE_DETAILS,
      { i: { taxIdentificationNumber: '30 23 217 600 053', birthCity: 'Lyon', birthCountryCode: 'fr' } },
      provider,
    );
    expect(updateReportingDetails).toMatchObject({
      taxIdentificationNumber: A_NUMERO_FISCAL,
      birthCity: 'Lyon',
      birthCountryCode: 'FR',
      address: { line: KARIM_BILLING.addressLine, postcode: KARIM_BILLING.postcode, city: KARIM_BILLING.city, countryCode: 'FR' },
      missing: [],
    });
  }, 60_000);

  it('refuses a tax id of the wrong format, and writes nothing', async () => {
    const provider = await aProvider(app);
    for (const taxIdentificationNumber of ['4023217600053', '302321760005', '30232176000AB']) {
      const response = await app.graphql(UPDATE_DETAILS, { i: { taxIdentificationNumber, birthCity: 'Lyon' } }, provider.accessToken);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].message).toContain('numéro fiscal');
    }
    const bad = await app.graphql(UPDATE_DETAILS, { i: { birthCountryCode: 'France' } }, provider.accessToken);
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(await app.dataSource.query(`SELECT * FROM dac7_details WHERE user_id = $1`, [provider.id])).toEqual([]);
    const asClient = await app.graphql(UPDATE_DETAILS, { i: { taxIdentificationNumber: A_NUMERO_FISCAL } }, client.accessToken);
    expect(errorCodes(asClient)).toEqual(['FORBIDDEN']);
  }, 60_000);

  it('asks a paid provider missing data, reminds them twice, holds their payouts after 60 days, and releases them once complete', async () => {
    const provider = await aProvider(app);
    await onboard(app, provider);
    await aPaidMission(provider);
    expect(await payoutStatuses(provider.id)).toEqual(['TRANSFERRED']);

    const day0 = new Date(Date.now() + 60_000);
    const on = (days: number) => new Date(day0.getTime() + days * DAY_MS);
    const dac7Kinds = async () => (await notificationKinds(provider.id)).filter((kind) => kind.startsWith('DAC7_'));

    await runDiligenceAt(day0);
    expect(await dac7Kinds()).toEqual(['DAC7_DETAILS_REQUESTED']);
    await runDiligenceAt(on(19));
    expect(await dac7Kinds()).toEqual(['DAC7_DETAILS_REQUESTED']);
    await runDiligenceAt(on(20));
    await runDiligenceAt(on(21));
    expect(await dac7Kinds()).toEqual(['DAC7_DETAILS_REQUESTED', 'DAC7_DETAILS_REMINDER']);
    await runDiligenceAt(on(40));
    await runDiligenceAt(on(59));
    expect(await dac7Kinds()).toEqual(['DAC7_DETAILS_REQUESTED', 'DAC7_DETAILS_REMINDER', 'DAC7_DETAILS_REMINDER']);
    const [request, ...reminders]: { facts: Record<string, string | number> }[] = await app.dataSource.query(
      `SELECT facts FROM notifications WHERE user_id = $1 AND kind::text LIKE 'DAC7_%' ORDER BY created_at`,
      [provider.id],
    );
    expect(request.facts.holdOn).toBe(on(60).toISOString().slice(0, 10));
    expect(reminders.map(({ facts }) => facts.reminder)).toEqual([1, 2]);
    expect(await automatedDecisions(provider.id)).toEqual([]);

    const emailsBefore = mailbox.to(provider.email).length;
    await runDiligenceAt(on(60));
    // The hold's statement of reasons is its one notice: no DAC7_PAYOUTS_HELD beside it.
    expect(await dac7Kinds()).toEqual(['DAC7_DETAILS_REQUESTED', 'DAC7_DETAILS_REMINDER', 'DAC7_DETAILS_REMINDER']);
    expect((await notificationKinds(provider.id)).at(-1)).toBe('MODERATION_DECISION');
    const [holdEmail, ...otherEmails] = mailbox.to(provider.email).slice(emailsBefore);
    expect(otherEmails).toEqual([]);
    expect(holdEmail!.subject).toBe('Décision de modération : vos virements sont retenus');
    expect(holdEmail!.text).toContain('Il manque : lieu de naissance / place of birth');
    expect(holdEmail!.text).toContain('Détectée et décidée par un moyen automatisé');
    expect(holdEmail!.text).toContain('Complétez vos informations fiscales : vos virements reprendront');
    const held = [{ moderator_id: null, action: 'HOLD_PAYOUTS', reason: expect.stringContaining('Automated: DAC7 data missing') }];
    expect(await automatedDecisions(provider.id)).toEqual(held);
    const statements = await app.graphql(
      `{ myModerationDecisions { edges { node { kind automatedDecision facts ground { id } } } } }`,
      {},
      provider.accessToken,
    );
    expect(statements.data!.myModerationDecisions.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      {
        kind: 'PAYOUT_HELD',
        automatedDecision: true,
        facts: expect.stringContaining('DAC7 data missing'),
        ground: { id: 'TAX_INFORMATION_MISSING' },
      },
    ]);
    await runDiligenceAt(on(61));
    expect(await automatedDecisions(provider.id)).toEqual(held);

    jest.restoreAllMocks();
    await aPaidMission(provider);
    await app.runJobs({ dueNow: true });
    expect(await payoutStatuses(provider.id)).toEqual(['TRANSFERRED', 'PENDING']);

    await completeDetailsOf(provider);
    await app.runJobs();
    expect(await payoutStatuses(provider.id)).toEqual(['TRANSFERRED', 'TRANSFERRED']);
    expect(await dac7Kinds()).toContain('DAC7_PAYOUTS_RELEASED');
    expect((await automatedDecisions(provider.id)).map((row: { action: string }) => row.action)).toEqual([
      'HOLD_PAYOUTS',
      'RELEASE_PAYOUTS',
    ]);
    expect(
      await app.dataSource.query(`SELECT completed_at IS NOT NULL AS done, payouts_held_at FROM dac7_details WHERE user_id = $1`, [
        provider.id,
      ]),
    ).toEqual([{ done: true, payouts_held_at: null }]);
  }, 120_000);

  describe('the annual report', () => {
    let provider: SignedInUser;
    let incomplete: SignedInUser;
    const in2027 = new Date('2027-01-15T10:00:00Z');

    /** Per quarter of 2026 (Paris), from the provider's PAYOUT entries in the ledger, summed here. */
    async function quartersFromTheLedger(providerId: string) {
      const entries: { mission_id: string; account: string; amount_cents: number; quarter: number }[] = await app.dataSource.query(
        `SELECT e.mission_id, e.account, e.amount_cents, extract(quarter FROM e.created_at AT TIME ZONE 'Europe/Paris')::int AS quarter
           FROM ledger_entries e JOIN payments p ON p.id = e.payment_id
          WHERE p.provider_id = $1 AND e.movement = 'PAYOUT' AND extract(year FROM e.created_at AT TIME ZONE 'Europe/Paris') = 2026`,
        [providerId],
      );
      return [1, 2, 3, 4].map((quarter) => {
        const mine = entries.filter((entry) => entry.quarter === quarter);
        const sum = (account: string) =>
          mine.filter((entry) => entry.account === account).reduce((total, entry) => total + entry.amount_cents, 0);
        return {
          quarter,
          considerationCents: sum('CLIENT_FUNDS_HELD'),
          feesCents: sum('PLATFORM_FEES') === 0 ? 0 : -sum('PLATFORM_FEES'),
          taxesCents: 0,
          activities: new Set(mine.map((entry) => entry.mission_id)).size,
        };
      });
    }

    beforeAll(async () => {
      [provider, incomplete] = await Promise.all([aProvider(app), aProvider(app)]);
      await Promise.all([onboard(app, provider), onboard(app, incomplete)]);
      await completeDetailsOf(provider);
      const paidOn = { '2026-02-10T10:00:00Z': 9_050, '2026-03-31T22:30:00Z': 12_345, '2026-08-01T09:00:00Z': 20_000 };
      for (const [at, amountCents] of Object.entries(paidOn)) {
        const mission = await aPaidMission(provider, amountCents);
        await paidOutAt(app, mission.missionId, at);
      }
      await paidOutAt(app, (await aPaidMission(incomplete)).missionId, '2026-05-05T10:00:00Z');
    }, 180_000);

    it('gives each provider exactly their quarters of the ledger, and the XML says the same in whole euros', async () => {
      const expected = await quartersFromTheLedger(provider.id);
      // 31 March 22:30 UTC is 1 April in Paris: the second quarter's.
      expect(expected.map((q) => q.activities)).toEqual([1, 1, 1, 0]);
      jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(in2027);
      const { myDac7Statement } = await gqlData(app, STATEMENT, { y: 2026 }, provider);
      expect(myDac7Statement).toMatchObject({
        year: 2026,
        reported: true,
        details: { taxIdentificationNumber: A_NUMERO_FISCAL, missing: [] },
      });
      expect(myDac7Statement.quarters).toEqual(
        expected.map((q) => ({
          ...q,
          considerationEuros: wholeEuros(q.considerationCents),
          feesEuros: wholeEuros(q.feesCents),
          taxesEuros: 0,
        })),
      );

      const out = join(mkdtempSync(join(tmpdir(), 'dac7-')), 'report.xml');
      const answer = await dac7Report({ year: 2026, out, allowPartial: false })(app.app, {
        config: app.config,
        stripe: { emulator: undefined },
      });
      expect(answer).toContain('valid against schemas/dac7');
      expect(answer).toContain(`provider ${incomplete.id}: missing BIRTH_PLACE, PRIMARY_ADDRESS, TAX_IDENTIFICATION_NUMBER`);
      const xml = readFileSync(out, 'utf8');
      expect(await dac7SchemaProblems(xml)).toEqual([]);
      const seller = xml.slice(xml.indexOf(`_${provider.id}<`) - 4000, xml.indexOf(`_${provider.id}<`));
      for (const q of myDac7Statement.quarters) {
        expect(seller).toContain(`<dpi:ConsQ${q.quarter} currCode="EUR">${q.considerationEuros}</dpi:ConsQ${q.quarter}>`);
        expect(seller).toContain(`<dpi:FeesQ${q.quarter} currCode="EUR">${q.feesEuros}</dpi:FeesQ${q.quarter}>`);
        expect(seller).toContain(`<dpi:NumbQ${q.quarter}>${q.activities}</dpi:NumbQ${q.quarter}>`);
      }
      expect(seller).toContain(`<dpi:TIN issuedBy="FR">${A_NUMERO_FISCAL}</dpi:TIN>`);
      expect(xml).not.toContain(incomplete.id);
      const { myDac7Statement: theirs } = await gqlData(app, STATEMENT, { y: 2026 }, incomplete);
      expect(theirs.reported).toBe(false);
    }, 60_000);

    it('is refused, and nothing written, for a year not ended unless a partial one is asked for', async () => {
      jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date('2026-12-31T22:30:00Z'));
      const out = join(mkdtempSync(join(tmpdir(), 'dac7-')), 'report.xml');
      const context = { config: app.config, stripe: { emulator: undefined } };
      await expect(dac7Report({ year: 2027, out, allowPartial: false })(app.app, context)).rejects.toThrow('2027 has not ended yet');
      expect(() => readFileSync(out)).toThrow();
      const statement = await app.graphql(STATEMENT, { y: 2026 }, provider.accessToken);
      expect(errorCodes(statement)).toEqual(['BAD_USER_INPUT']);

      const partial = await dac7Report({ year: 2026, out, allowPartial: true })(app.app, context);
      expect(partial).toContain('partial');
      expect(await dac7SchemaProblems(readFileSync(out, 'utf8'))).toEqual([]);
    }, 60_000);

    it('is a file the schema refuses when it breaks the DGFiP rules (the validation is real)', async () => {
      const xml = readFileSync(join(__dirname, '..', 'schemas', 'dac7', 'DPIXML_v1.1-fr1.xsd'), 'utf8');
      expect(xml).toContain('urn:oecd:ties:dpi');
      expect(await dac7SchemaProblems('<dpi:DPI_OECD xmlns:dpi="urn:oecd:ties:dpi" version="2.0"/>')).not.toEqual([]);
    });
  });
});
