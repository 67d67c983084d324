/**
 * A provider's tax profile, and the thresholds they are watched against: the profile visible to
 * them and to moderators only, refused when it is wrong (and then nothing is written); then a
 * provider driven across 80 %, 90 % and the majoré threshold by real missions paid through the
 * Stripe emulator, who hears of each once, sees the bid that would cross before it is accepted,
 * and whose invoices switch from the franchise to VAT.
 */
import { Clock } from '@marketplace/common';
import { TAX_YEARS } from '@marketplace/tax';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { aDeliveredMissionFor } from './support/earnings.builders';
import { aMandatedProvider, expectValidFacturX, gqlData, invoiceDocumentsOf } from './support/invoices.builders';
import { aBid, aMission, aProvider } from './support/marketplace.builders';
import { AssignedMission, onboard } from './support/payments.builders';
import { errorCodes, TestApp } from './support/test-app';

const LAST_KNOWN_TAX_YEAR = Math.max(...TAX_YEARS.map((row) => row.year));

const TAX_PROFILE_FIELDS = `activityType activityStartedOn vatStatus vatNumber vatRateBasisPoints declarationFrequency versementLiberatoire
  offPlatformRevenueCents offPlatformRevenueYear franchiseEndedOn`;
const UPDATE_TAX_PROFILE = `mutation ($i: UpdateTaxProfileInput!) { updateTaxProfile(input: $i) { ${TAX_PROFILE_FIELDS} } }`;
const TAX_PROFILE_OF = `query ($id: ID!) { user(id: $id) { taxProfile { ${TAX_PROFILE_FIELDS} } } }`;
/** The VAT number of the SIREN in the test providers' SIRET (73282932000074). */
const KARIM_VAT_NUMBER = 'FR44732829320';

const aTaxProfileInput = (overrides: Record<string, unknown> = {}) => ({
  activityType: 'BIC_SERVICES',
  activityStartedOn: '2024-03-01',
  vatStatus: 'FRANCHISE',
  declarationFrequency: 'QUARTERLY',
  versementLiberatoire: false,
  ...overrides,
});

describe('the provider’s tax profile', () => {
  let app: TestApp;
  let provider: SignedInUser;

  beforeAll(async () => {
    app = await TestApp.start();
    provider = await aProvider(app, { verified: false });
  });

  afterAll(() => app.close());

  const taxProfileOf = async (viewer: SignedInUser, user = provider) =>
    (await gqlData(app, TAX_PROFILE_OF, { id: user.id }, viewer)).user.taxProfile;

  it('is the provider’s to declare, and theirs and the moderators’ only to read', async () => {
    const year = new Date().getUTCFullYear();
    const { updateTaxProfile } = await gqlData(
      app,
      UPDATE_TAX_PROFILE,
      { i: aTaxProfileInput({ vatNumber: 'FR 44 732 829 320', offPlatformRevenueCents: 120_000 }) },
      provider,
    );
    const expected = {
      activityType: 'BIC_SERVICES',
      activityStartedOn: '2024-03-01',
      vatStatus: 'FRANCHISE',
      vatNumber: KARIM_VAT_NUMBER,
      vatRateBasisPoints: null,
      declarationFrequency: 'QUARTERLY',
      versementLiberatoire: false,
      offPlatformRevenueCents: 120_000,
      offPlatformRevenueYear: year,
      franchiseEndedOn: null,
    };
    expect(updateTaxProfile).toEqual(expected);
    expect((await gqlData(app, `{ me { taxProfile { ${TAX_PROFILE_FIELDS} } } }`, {}, provider)).me.taxProfile).toEqual(expected);
    expect(await taxProfileOf(await aUserWithRole(app, 'MODERATOR'))).toEqual(expected);
    expect(await taxProfileOf(await aSignedInUser(app))).toBeNull();
    const anonymous = await app.graphql(TAX_PROFILE_OF, { id: provider.id });
    expect(anonymous.data?.user.taxProfile).toBeNull();
  });

  it('is for providers only', async () => {
    const client = await aSignedInUser(app);
    expect(errorCodes(await app.graphql(UPDATE_TAX_PROFILE, { i: aTaxProfileInput() }, client.accessToken))).toEqual(['FORBIDDEN']);
  });

  it.each([
    ['an activity start in the future', { activityStartedOn: '2099-01-01' }, 'input.activityStartedOn'],
    ['a VAT number failing its key', { vatNumber: 'FR45732829320' }, 'input.vatNumber'],
    ['no VAT number while liable', { vatStatus: 'LIABLE' }, 'input.vatNumber'],
    [
      'a VAT rate that is not one of the year’s',
      { vatStatus: 'LIABLE', vatNumber: KARIM_VAT_NUMBER, vatRateBasisPoints: 1900 },
      'input.vatRateBasisPoints',
    ],
    ['negative off-platform revenue', { offPlatformRevenueCents: -1 }, 'input.offPlatformRevenueCents'],
  ])('refuses %s and changes nothing', async (_what, overrides, field) => {
    const before = await taxProfileOf(provider);
    const response = await app.graphql(UPDATE_TAX_PROFILE, { i: aTaxProfileInput(overrides) }, provider.accessToken);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(response.errors)).toContain(field.replace('input.', ''));
    expect(await taxProfileOf(provider)).toEqual(before);
  });
});

const THRESHOLDS = `query ($year: Int!) {
  thresholds(year: $year) {
    year platformRevenueCents offPlatformRevenueCents revenueCents baseBasisPoints lastYearRevenueCents lastYearOverBase
    franchiseEndedOn vatFranchiseHolds overMicroCeiling
    applied { vatFranchiseBaseCents vatFranchiseMajoreCents microCeilingCents }
    fullYear { vatFranchiseMajoreCents } prorated { vatFranchiseMajoreCents }
  }
}`;
const NOTIFICATIONS = `{ notifications(first: 100) { edges { node { kind text mission { id } } } } }`;
const BID_WARNING = `query ($id: ID!) { node(id: $id) { ... on Bid { thresholdWarning { threshold thresholdCents revenueCents revenueIfAcceptedCents } } } }`;
const MISSION_INVOICES = `query ($id: ID!) { mission(id: $id) { missingInvoiceReason invoices { id kind totalCents } } }`;
const CONFIRM = `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { status } }`;

describe('a provider driven across the VAT franchise thresholds', () => {
  let app: TestApp;
  let provider: SignedInUser;
  let client: SignedInUser;
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date()).slice(0, 4));
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

  beforeAll(async () => {
    app = await TestApp.start();
    [provider, client] = await Promise.all([aMandatedProvider(app), aSignedInUser(app, { displayName: 'Claire Dubois' })]);
    await onboard(app, provider);
    await gqlData(app, UPDATE_TAX_PROFILE, { i: aTaxProfileInput() }, provider);
  }, 60_000);

  afterAll(() => app.close());

  const gql = (query: string, variables: Record<string, unknown>, user = provider) => gqlData(app, query, variables, user);
  const alertsOf = async () =>
    (await gql(NOTIFICATIONS, {})).notifications.edges
      .map(({ node }: { node: { kind: string; text: string } }) => ({ ...node, text: node.text.replace(/[\u202f\u00a0]/g, ' ') }))
      .filter((node: { kind: string }) => node.kind === 'TAX_THRESHOLD_ALERT');
  /** Completed (confirmed by the client) and paid out: revenue received. */
  const aPaidMission = async (amountCents: number): Promise<AssignedMission> => {
    const mission = await aDeliveredMissionFor(app, provider, client, { amountCents, estimatedHours: null });
    await gql(CONFIRM, { id: mission.missionId }, client);
    await app.runJobs();
    return mission;
  };
  /** The gross of the provider's PAYOUT movements this year, summed here from the ledger's entries. */
  const receivedPerLedger = async (): Promise<number> => {
    const entries: { amount_cents: number; created_at: Date }[] = await app.dataSource.query(
      `SELECT e.amount_cents, e.created_at FROM ledger_entries e JOIN payments p ON p.id = e.payment_id
        WHERE p.provider_id = $1 AND e.movement = 'PAYOUT' AND e.account = 'CLIENT_FUNDS_HELD'`,
      [provider.id],
    );
    const paris = (instant: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(instant);
    return entries.filter((entry) => paris(entry.created_at).startsWith(`${year}-`)).reduce((sum, entry) => sum + entry.amount_cents, 0);
  };

  it('warns at 80 % and 90 % of the base threshold, once each, as the payouts are recorded', async () => {
    for (let i = 0; i < 3; i++) await aPaidMission(1_000_000);
    expect((await alertsOf()).map(({ text }: { text: string }) => text)).toEqual([
      expect.stringContaining("C'est 80 % du seuil de franchise de TVA (37 500,00 €)"),
    ]);
    await aPaidMission(375_000);
    const { thresholds } = await gql(THRESHOLDS, { year });
    expect(thresholds).toMatchObject({
      year,
      platformRevenueCents: 3_375_000,
      offPlatformRevenueCents: 0,
      revenueCents: 3_375_000,
      baseBasisPoints: 9000,
      lastYearOverBase: false,
      franchiseEndedOn: null,
      vatFranchiseHolds: true,
      applied: { vatFranchiseBaseCents: 3_750_000, vatFranchiseMajoreCents: 4_125_000, microCeilingCents: 8_360_000 },
      prorated: null,
    });
    expect(thresholds.platformRevenueCents).toBe(await receivedPerLedger());
    expect((await alertsOf()).map(({ text }: { text: string }) => text)).toEqual([
      expect.stringContaining("C'est 90 % du seuil"),
      expect.stringContaining("C'est 80 % du seuil"),
    ]);
  }, 120_000);

  it('shows the provider, on a bid that would cross the majoré threshold, before it is accepted; no one else', async () => {
    const crossing = await aBid(app, provider, await aMission(app, client), { amountCents: 800_000 });
    const below = await aBid(app, provider, await aMission(app, client), { amountCents: 500_000 });
    expect((await gql(BID_WARNING, { id: crossing })).node.thresholdWarning).toEqual({
      threshold: 'VAT_FRANCHISE_MAJORE',
      thresholdCents: 4_125_000,
      revenueCents: 3_375_000,
      revenueIfAcceptedCents: 4_175_000,
    });
    expect((await gql(BID_WARNING, { id: below })).node.thresholdWarning).toBeNull();
    expect((await gql(BID_WARNING, { id: crossing }, client)).node.thresholdWarning).toBeNull();
  });

  it('shows no warning, and no error, on a bid in a year the table of rates does not know', async () => {
    const crossing = await aBid(app, provider, await aMission(app, client), { amountCents: 800_000 });
    const clock = jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(`${LAST_KNOWN_TAX_YEAR + 1}-06-01T10:00:00Z`));
    try {
      const response = await app.graphql(BID_WARNING, { id: crossing }, provider.accessToken);
      expect(response.errors).toBeUndefined();
      expect(response.data!.node.thresholdWarning).toBeNull();
    } finally {
      clock.mockRestore();
    }
    expect((await gql(BID_WARNING, { id: crossing })).node.thresholdWarning).toMatchObject({ threshold: 'VAT_FRANCHISE_MAJORE' });
  });

  it('ends the franchise the day the majoré threshold is crossed, by two missions completed at once: the second waits for the VAT number, then is issued with VAT', async () => {
    // 33 750 € received: each mission alone stays under 41 250 €, the two together go over it.
    const [first, second] = [
      await aDeliveredMissionFor(app, provider, client, { amountCents: 400_000, estimatedHours: null }),
      await aDeliveredMissionFor(app, provider, client, { amountCents: 400_000, estimatedHours: null }),
    ];
    await Promise.all([first, second].map((mission) => gql(CONFIRM, { id: mission.missionId }, client)));
    await app.runJobs(); // the fee invoices are issued by a job
    const [one, other] = await Promise.all(
      [first, second].map(async (mission) => (await gql(MISSION_INVOICES, { id: mission.missionId })).mission),
    );
    const [franchised, held] = one.missingInvoiceReason === null ? [one, other] : [other, one];
    expect(franchised.missingInvoiceReason).toBeNull();
    expect(franchised.invoices.map(({ kind }: { kind: string }) => kind).sort()).toEqual(['FEE_INVOICE', 'INVOICE']);
    expect(held).toEqual({ missingInvoiceReason: 'AWAITS_VAT_NUMBER', invoices: [expect.objectContaining({ kind: 'FEE_INVOICE' })] });
    const heldMission = held === one ? first : second;
    const kinds = (await gql(NOTIFICATIONS, {})).notifications.edges.map(({ node }: { node: { kind: string } }) => node.kind);
    expect(kinds.filter((kind: string) => kind === 'INVOICE_AWAITS_VAT_NUMBER')).toHaveLength(1);
    const clientKinds = (await gql(NOTIFICATIONS, {}, client)).notifications.edges.map(({ node }: { node: { kind: string } }) => node.kind);
    expect(clientKinds).not.toContain('PAYMENT_RECEIPT');
    const alertTexts = async () => (await alertsOf()).map(({ text }: { text: string }) => text);
    expect(await alertTexts()).toContainEqual(expect.stringContaining(`la franchise de TVA a pris fin le ${today}`));

    await app.runJobs();
    const { thresholds } = await gql(THRESHOLDS, { year });
    expect(thresholds).toMatchObject({
      revenueCents: 4_175_000,
      franchiseEndedOn: today,
      vatFranchiseHolds: false,
      baseBasisPoints: 11_133,
    });
    expect(thresholds.platformRevenueCents).toBe(await receivedPerLedger());
    // Each alert once: 80 %, 90 %, the crossing, 100 %; none twice, and no "near the majoré" once it is crossed.
    expect(await alertTexts()).toHaveLength(4);
    expect(await alertTexts()).not.toContainEqual(expect.stringContaining('est proche'));

    const backToFranchise = await app.graphql(UPDATE_TAX_PROFILE, { i: aTaxProfileInput() }, provider.accessToken);
    expect(errorCodes(backToFranchise)).toEqual(['BAD_USER_INPUT']);
    const { updateTaxProfile } = await gql(UPDATE_TAX_PROFILE, {
      i: aTaxProfileInput({ vatStatus: 'LIABLE', vatNumber: KARIM_VAT_NUMBER }),
    });
    expect(updateTaxProfile).toMatchObject({ vatStatus: 'LIABLE', franchiseEndedOn: today });

    const { mission } = await gql(MISSION_INVOICES, { id: heldMission.missionId });
    expect(mission.missingInvoiceReason).toBeNull();
    const invoice = mission.invoices.find(({ kind }: { kind: string }) => kind === 'INVOICE');
    expect(invoice.totalCents).toBe(400_000);
    const { pdf, xml } = await invoiceDocumentsOf(app, provider, invoice.id);
    const text = (await expectValidFacturX(pdf, xml)).replace(/[\u202f\u00a0]/g, ' ');
    expect(xml).toContain('<ram:CategoryCode>S</ram:CategoryCode>');
    expect(xml).toContain(`<ram:ID schemeID="VA">${KARIM_VAT_NUMBER}</ram:ID>`);
    expect(text).toContain('TVA 20 % : 666,67 €');
    expect(text).toContain('Total HT : 3333,33 €');
    expect(text).not.toContain('293 B');
  }, 120_000);

  it('refuses a year with no rates row', async () => {
    expect(errorCodes(await app.graphql(THRESHOLDS, { year: 2031 }, provider.accessToken))).toEqual(['BAD_USER_INPUT']);
  });
});
