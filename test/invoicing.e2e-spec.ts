/**
 * Invoices under a billing mandate: a provider accepts the mandate, their completed missions get an
 * invoice numbered and frozen in the completion's transaction, rendered by a job as a Factur-X PDF
 * and its CII XML, which the official rule files (test/fixtures/factur-x-rules) accept.
 */
import { Clock } from '@marketplace/common';
import { CURRENT_BILLING_MANDATE } from '@marketplace/invoicing';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { compileRules } from './support/factur-x-rules';
import {
  ACCEPT_MANDATE,
  aMandatedProvider as aMandatedProviderIn,
  BILLING_PROFILE,
  downloadInvoice,
  expectValidFacturX,
  gqlData,
  invoiceDocumentsOf,
} from './support/invoices.builders';
import { aProvider, aProviderProfileInput } from './support/marketplace.builders';
import { aDeliveredMission, AssignedMission } from './support/payments.builders';
import { errorCodes, TestApp } from './support/test-app';

const REVOKE = `mutation { revokeBillingMandate { version revokedAt } }`;
const CONFIRM = `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { status } }`;
const DISPUTE = `mutation ($id: ID!) { openDispute(missionId: $id, reason: "Une porte n'est pas montée.") { status } }`;
const SPLIT = `mutation ($id: ID!) { resolveDispute(missionId: $id, resolution: SPLIT, refundCents: 4000, note: "Une porte sur trois manque") { status } }`;
const MISSION_INVOICES = `query ($id: ID!) { mission(id: $id) { missingInvoiceReason invoices { id number kind issuedAt totalCents currency missionId } } }`;

const BUSINESS_BILLING = {
  fullName: 'Claire Dubois',
  addressLine: '40 avenue de la République',
  postcode: '75011',
  city: 'Paris',
  business: { companyName: 'Atelier Dubois SARL', siren: '552 100 554' },
};

describe('invoices issued in the provider’s name under a billing mandate', () => {
  let app: TestApp;
  let provider: SignedInUser;
  beforeAll(async () => {
    compileRules();
    app = await TestApp.start();
    provider = await aMandatedProvider();
  }, 180_000);
  afterAll(() => app?.close());

  const gql = (query: string, variables: Record<string, unknown>, user: SignedInUser) => gqlData(app, query, variables, user);

  const aMandatedProvider = () => aMandatedProviderIn(app);

  const confirm = (mission: AssignedMission) => gql(CONFIRM, { id: mission.missionId }, mission.client);
  const invoicesOf = async (mission: AssignedMission, viewer = mission.client) =>
    (await gql(MISSION_INVOICES, { id: mission.missionId }, viewer)).mission;
  const download = (viewer: SignedInUser, invoiceId: string, format: 'pdf' | 'xml') => downloadInvoice(app, viewer, invoiceId, format);
  const documentsOf = (viewer: SignedInUser, invoiceId: string) => invoiceDocumentsOf(app, viewer, invoiceId);

  it('invoices a consumer: numbered and frozen at confirmation, both documents to both parties, valid against the official rules', async () => {
    const mission = await aDeliveredMission(app, provider);
    await confirm(mission);

    const { invoices, missingInvoiceReason } = await invoicesOf(mission);
    expect(missingInvoiceReason).toBeNull();
    expect(invoices).toEqual([
      expect.objectContaining({
        kind: 'INVOICE',
        totalCents: 12_000,
        currency: 'EUR',
        missionId: mission.missionId,
        number: expect.stringMatching(/^JB-[0-9A-F]{10}-\d{4}-\d{6}$/),
      }),
    ]);
    // The provider also sees the platform's fee invoice, issued by a job (test/fee-invoices.e2e-spec.ts); the client does not.
    await app.runJobs();
    expect((await invoicesOf(mission, provider)).invoices).toEqual([...invoices, expect.objectContaining({ kind: 'FEE_INVOICE' })]);

    const [invoice] = invoices;
    const { pdf, xml } = await documentsOf(mission.client, invoice.id);
    expect((await documentsOf(provider, invoice.id)).pdf.equals(pdf)).toBe(true);
    const rendered = await gql(
      `query ($id: ID!) { mission(id: $id) { invoices { pdfPath xmlPath } } }`,
      { id: mission.missionId },
      mission.client,
    );
    expect(rendered.mission.invoices).toEqual([{ pdfPath: `/invoices/${invoice.id}.pdf`, xmlPath: `/invoices/${invoice.id}.xml` }]);
    expect(xml).toContain('<ram:TypeCode>380</ram:TypeCode>');
    expect(xml).toContain('<ram:ExemptionReasonCode>VATEX-FR-FRANCHISE</ram:ExemptionReasonCode>');
    expect(xml).toContain('<ram:Content>B2C</ram:Content>');
    const text = await expectValidFacturX(pdf, xml);
    for (const mention of [
      'Facture',
      invoice.number,
      'Karim Benali EI',
      '3 rue des Lilas',
      'SIREN : 732829320',
      'Claire Dubois',
      '12 rue Oberkampf',
      'Date de la prestation',
      'Monter une armoire PAX',
      'Total à payer : 120,00 €',
      'TVA non applicable, art. 293 B du CGI',
      'au nom et pour le compte de Karim Benali EI',
      'mandat de facturation',
    ]) {
      expect(text).toContain(mention);
    }
    expect(text).not.toContain('Indemnité forfaitaire');
    expect(text).not.toContain('Autofacturation');

    const { myInvoices } = await gql(`{ myInvoices(first: 50) { edges { node { id number } } } }`, {}, mission.client);
    expect(myInvoices.edges.map(({ node }: { node: { id: string } }) => node.id)).toEqual([invoice.id]);
  }, 60_000);

  it('invoices a business with its SIREN, the due date, the late penalties and the 40 € recovery indemnity', async () => {
    const mission = await aDeliveredMission(app, provider);
    await gql(BILLING_PROFILE, { i: BUSINESS_BILLING }, mission.client);
    await confirm(mission);

    const [invoice] = (await invoicesOf(mission)).invoices;
    const { pdf, xml } = await documentsOf(mission.client, invoice.id);
    expect(xml).toContain('<ram:Content>B2B</ram:Content>');
    expect(xml).toContain('<ram:ID schemeID="0002">552100554</ram:ID>');
    const text = await expectValidFacturX(pdf, xml);
    for (const mention of [
      'Atelier Dubois SARL',
      '40 avenue de la République',
      'SIREN : 552100554',
      "Date d'échéance",
      'Pénalités de retard :',
      'Indemnité forfaitaire pour frais de recouvrement : 40 €',
      'Escompte pour paiement anticipé : néant',
      'TVA non applicable, art. 293 B du CGI',
    ]) {
      expect(text).toContain(mention);
    }
  }, 60_000);

  it('numbers concurrent completions for one provider consecutively, without a gap', async () => {
    const missions: AssignedMission[] = [];
    for (let i = 0; i < 5; i++) missions.push(await aDeliveredMission(app, provider));
    await Promise.all(missions.map(confirm));

    const { myInvoices } = await gql(`{ myInvoices(first: 100) { edges { node { number issuedAt kind } } } }`, {}, provider);
    const sequence = myInvoices.edges
      .map(({ node }: { node: { number: string; issuedAt: string; kind: string } }) => node)
      .filter(({ kind }: { kind: string }) => kind === 'INVOICE')
      .sort((a: { issuedAt: string }, b: { issuedAt: string }) => a.issuedAt.localeCompare(b.issuedAt))
      .map(({ number }: { number: string }) => Number(number.slice(-6)));
    expect(sequence).toEqual(sequence.map((_: number, index: number) => index + 1));
    expect(sequence.length).toBeGreaterThanOrEqual(5);
  }, 120_000);

  it('issues no invoice without a mandate in force or a SIRET, and records why', async () => {
    const unmandated = await aProvider(app);
    const withoutMandate = await aDeliveredMission(app, unmandated);
    await confirm(withoutMandate);
    expect(await invoicesOf(withoutMandate)).toEqual({ invoices: [], missingInvoiceReason: 'NO_BILLING_MANDATE' });

    const withoutSiret = await aMandatedProvider();
    const profile = await app.graphql(
      `mutation ($i: ProviderProfileInput!) { upsertProviderProfile(input: $i) { headline } }`,
      { i: aProviderProfileInput({ siret: null }) },
      withoutSiret.accessToken,
    );
    expect(profile.errors).toBeUndefined();
    const mission = await aDeliveredMission(app, withoutSiret);
    await confirm(mission);
    expect(await invoicesOf(mission, withoutSiret)).toEqual({ invoices: [], missingInvoiceReason: 'NO_SIRET' });

    const revoking = await aMandatedProvider();
    expect((await gql(REVOKE, {}, revoking)).revokeBillingMandate.revokedAt).not.toBeNull();
    const afterRevocation = await aDeliveredMission(app, revoking);
    await confirm(afterRevocation);
    expect(await invoicesOf(afterRevocation)).toEqual({ invoices: [], missingInvoiceReason: 'NO_BILLING_MANDATE' });
  }, 120_000);

  it('invoices a mission that completed by itself, dated when the job completed it', async () => {
    const mission = await aDeliveredMission(app, provider);
    const later = new Date(Date.now() + 7 * 86_400_000 + 60_000);
    const clock = jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(later);
    try {
      await app.runJobs({ dueNow: true });
    } finally {
      clock.mockRestore();
    }
    const [invoice] = (await invoicesOf(mission)).invoices;
    expect(invoice).toEqual(expect.objectContaining({ kind: 'INVOICE', totalCents: 12_000, issuedAt: later.toISOString() }));
    const { xml } = await documentsOf(provider, invoice.id);
    expect(xml).toContain(
      `<udt:DateTimeString format="102">${new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(later).replaceAll('-', '')}</udt:DateTimeString>`,
    );
  }, 60_000);

  it('invoices a dispute settled with a split for the part the client keeps paying', async () => {
    const moderator = await aUserWithRole(app, 'MODERATOR');
    const mission = await aDeliveredMission(app, provider);
    await gql(DISPUTE, { id: mission.missionId }, mission.client);
    await gql(SPLIT, { id: mission.missionId }, moderator);
    const [invoice] = (await invoicesOf(mission)).invoices;
    expect(invoice.totalCents).toBe(8_000);
    const { xml } = await documentsOf(mission.client, invoice.id);
    expect(xml).toContain('<ram:GrandTotalAmount>80.00</ram:GrandTotalAmount>');
  }, 60_000);

  it('shows an invoice to its mission’s two parties only: 404 for anyone else', async () => {
    const mission = await aDeliveredMission(app, provider);
    await confirm(mission);
    const [invoice] = (await invoicesOf(mission)).invoices;
    await documentsOf(mission.client, invoice.id);
    const stranger = await aSignedInUser(app);
    await download(stranger, invoice.id, 'pdf').expect(404);
    await download(stranger, invoice.id, 'xml').expect(404);
    await download(stranger, 'not-a-uuid', 'pdf').expect(400);
    expect((await gql(MISSION_INVOICES, { id: mission.missionId }, stranger)).mission).toEqual({
      invoices: [],
      missingInvoiceReason: null,
    });
    expect((await gql(`{ myInvoices { edges { node { id } } } }`, {}, stranger)).myInvoices.edges).toEqual([]);
  }, 60_000);

  it('keeps an invoice as issued: the database refuses to change or delete it', async () => {
    const mission = await aDeliveredMission(app, provider);
    await confirm(mission);
    const [invoice] = (await invoicesOf(mission)).invoices;
    await expect(app.dataSource.query(`UPDATE invoices SET total_cents = 1 WHERE id = $1`, [invoice.id])).rejects.toThrow(/frozen/);
    await expect(app.dataSource.query(`DELETE FROM invoices WHERE id = $1`, [invoice.id])).rejects.toThrow(/never deleted/);
    await expect(app.dataSource.query(`DELETE FROM invoice_series`)).rejects.toThrow(/never reused/);
  }, 60_000);

  it('refuses an unknown mandate version, an invalid SIREN and a revocation without a mandate, and writes nothing', async () => {
    const someone = await aProvider(app);
    const mandatesBefore = await app.count('billing_mandates');
    const unknown = await app.graphql(ACCEPT_MANDATE, { v: '1999-01-01' }, someone.accessToken);
    expect(errorCodes(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(unknown.errors![0].message).toContain(CURRENT_BILLING_MANDATE.version);
    expect(await app.count('billing_mandates')).toBe(mandatesBefore);
    expect(errorCodes(await app.graphql(REVOKE, {}, someone.accessToken))).toEqual(['CONFLICT']);

    const client = await aSignedInUser(app);
    const profilesBefore = await app.count('billing_profiles');
    const invalid = await app.graphql(
      BILLING_PROFILE,
      { i: { ...BUSINESS_BILLING, business: { companyName: 'Atelier', siren: '552100555' } } },
      client.accessToken,
    );
    expect(errorCodes(invalid)).toEqual(['BAD_USER_INPUT']);
    expect(invalid.errors![0].extensions.fields).toEqual([{ field: 'input.business.siren', message: expect.stringContaining('checksum') }]);
    expect(await app.count('billing_profiles')).toBe(profilesBefore);
    expect(errorCodes(await app.graphql(ACCEPT_MANDATE, { v: CURRENT_BILLING_MANDATE.version }, client.accessToken))).toEqual([
      'FORBIDDEN',
    ]);
  }, 60_000);

  it('has every invoice this file issued pass the official rules, its PDF carrying its XML', async () => {
    // The platform's fee invoices are checked in test/fee-invoices.e2e-spec.ts.
    const invoices: { id: string }[] = await app.dataSource.query(
      `SELECT id FROM invoices WHERE provider_id = $1 AND kind = 'INVOICE' ORDER BY issued_at`,
      [provider.id],
    );
    expect(invoices.length).toBeGreaterThanOrEqual(10);
    for (const { id } of invoices) {
      const { pdf, xml } = await documentsOf(provider, id);
      await expectValidFacturX(pdf, xml);
    }
  }, 120_000);
});
