/**
 * The platform's own invoice to the provider for its fee: issued in the completion's transaction
 * beside the provider's invoice, rendered by the same job, numbered in the platform's one series,
 * VAT at 20 % included in the fee the ledger records, shown to the provider only, and valid
 * against the official rule files.
 */
import request from 'supertest';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { compileRules } from './support/factur-x-rules';
import {
  aMandatedProvider,
  BILLING_PROFILE,
  downloadInvoice,
  expectValidFacturX,
  gqlData,
  invoiceDocumentsOf,
  KARIM_BILLING,
} from './support/invoices.builders';
import { aBid, aMission, aProvider } from './support/marketplace.builders';
import { aDeliveredMission, AssignedMission, onboard, pay } from './support/payments.builders';
import { TestApp } from './support/test-app';

const CONFIRM = `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { status } }`;
const MISSION_INVOICES = `query ($id: ID!) { mission(id: $id) { missingInvoiceReason payment { platformFeeCents } invoices { id number kind issuedAt totalCents } } }`;

describe("the platform's fee invoice to the provider", () => {
  let app: TestApp;
  let provider: SignedInUser;
  /** Every provider of this file, to read each fee invoice as its buyer. */
  const providers = new Map<string, SignedInUser>();
  const known = (user: SignedInUser) => (providers.set(user.id, user), user);
  beforeAll(async () => {
    compileRules();
    app = await TestApp.start();
    provider = known(await aMandatedProvider(app));
  }, 180_000);
  afterAll(() => app?.close());

  const gql = (query: string, variables: Record<string, unknown>, user: SignedInUser) => gqlData(app, query, variables, user);
  const confirm = (mission: AssignedMission) => gql(CONFIRM, { id: mission.missionId }, mission.client);
  const missionAs = async (mission: AssignedMission, viewer: SignedInUser) =>
    (await gql(MISSION_INVOICES, { id: mission.missionId }, viewer)).mission;
  const feeInvoiceOf = async (mission: AssignedMission) =>
    (await missionAs(mission, mission.provider)).invoices.find(({ kind }: { kind: string }) => kind === 'FEE_INVOICE');

  /** A delivered mission at another price than the builders' 120 €. */
  async function aDeliveredMissionAt(amountCents: number, bidder: SignedInUser): Promise<AssignedMission> {
    const client = await aSignedInUser(app, { displayName: 'Claire Dubois' });
    const missionId = await aMission(app, client);
    const bidId = await aBid(app, bidder, missionId, { amountCents });
    await gql(`mutation ($id: ID!) { acceptBid(id: $id) { id } }`, { id: bidId }, client);
    const mission = { client, provider: bidder, missionId, bidId };
    await pay(app, mission);
    await gql(`mutation ($id: ID!) { markMissionDelivered(missionId: $id) { status } }`, { id: missionId }, bidder);
    return mission;
  }

  it('is issued with the provider’s invoice, rendered by the same job, VAT 20 % included in the fee the ledger records', async () => {
    const mission = await aDeliveredMission(app, provider);
    await confirm(mission);

    const { invoices, payment } = await missionAs(mission, provider);
    expect(invoices.map(({ kind }: { kind: string }) => kind)).toEqual(['INVOICE', 'FEE_INVOICE']);
    const [own, fee] = invoices;
    expect(fee).toEqual(expect.objectContaining({ totalCents: 1_200, number: expect.stringMatching(/^JB-FEE-\d{4}-\d{6}$/) }));
    expect(fee.totalCents).toBe(payment.platformFeeCents);
    expect(fee.issuedAt >= own.issuedAt).toBe(true);
    const jobs: { identifier: string; invoiceId: string }[] = await app.dataSource.query(
      `SELECT t.identifier, j.payload->>'invoiceId' AS "invoiceId" FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
       WHERE j.payload->>'invoiceId' = ANY($1) AND t.identifier = 'invoicing:render-documents' ORDER BY j.id`,
      [[own.id, fee.id]],
    );
    // The same batch: one rendering job for each, queued by the completion (the provider's invoice also waits for its tacit acceptance).
    expect(jobs.map(({ invoiceId }) => invoiceId)).toEqual([own.id, fee.id]);

    const { pdf, xml } = await invoiceDocumentsOf(app, provider, fee.id);
    for (const element of [
      '<ram:TypeCode>380</ram:TypeCode>',
      '<ram:Content>B2B</ram:Content>',
      '<ram:ID schemeID="VA">FR11123456782</ram:ID>',
      '<ram:ID schemeID="0002">123456782</ram:ID>',
      '<ram:ID schemeID="0002">732829320</ram:ID>',
      '<ram:CategoryCode>S</ram:CategoryCode>',
      '<ram:RateApplicablePercent>20</ram:RateApplicablePercent>',
      '<ram:CalculatedAmount>2.00</ram:CalculatedAmount>',
      '<ram:BasisAmount>10.00</ram:BasisAmount>',
      '<ram:TaxTotalAmount currencyID="EUR">2.00</ram:TaxTotalAmount>',
      '<ram:GrandTotalAmount>12.00</ram:GrandTotalAmount>',
      '<ram:DuePayableAmount>0.00</ram:DuePayableAmount>',
    ]) {
      expect(xml).toContain(element);
    }
    expect(xml).not.toContain('VATEX');
    const text = await expectValidFacturX(pdf, xml);
    for (const mention of [
      'Facture',
      fee.number,
      'Marketplace Exemple SAS (fictive)',
      "1 rue de l'Exemple",
      'SIREN : 123456782',
      'N° TVA intracommunautaire : FR11123456782',
      'Karim Benali EI',
      '3 rue des Lilas',
      'SIREN : 732829320',
      'Frais de service — mission « Monter une armoire PAX »',
      'Total HT : 10,00 €',
      'TVA 20 % : 2,00 €',
      'Total TTC : 12,00 €',
      "Date d'échéance",
      'Pénalités de retard :',
      'Indemnité forfaitaire pour frais de recouvrement : 40 €',
      'Escompte pour paiement anticipé : néant',
      'SAS au capital de 1 000 €, SIREN 123456782 RCS Paris',
    ]) {
      expect(text).toContain(mention);
    }
    expect(text).not.toContain('TVA non applicable');
    expect(text).not.toContain('mandat de facturation');

    await onboard(app, provider);
    await app.runJobs();
    const [{ fees }] = await app.dataSource.query(
      `SELECT -sum(amount_cents)::int AS fees FROM ledger_entries WHERE mission_id = $1 AND account = 'PLATFORM_FEES'`,
      [mission.missionId],
    );
    expect(fees).toBe(fee.totalCents);
  }, 90_000);

  it('is never shown to the mission’s client, nor to anyone else: 404 on its documents', async () => {
    const mission = await aDeliveredMission(app, provider);
    await confirm(mission);
    const fee = await feeInvoiceOf(mission);
    await invoiceDocumentsOf(app, provider, fee.id);

    expect((await missionAs(mission, mission.client)).invoices.map(({ kind }: { kind: string }) => kind)).toEqual(['INVOICE']);
    const { myInvoices } = await gql(`{ myInvoices(first: 50) { edges { node { kind } } } }`, {}, mission.client);
    expect(myInvoices.edges.map(({ node }: { node: { kind: string } }) => node.kind)).toEqual(['INVOICE']);
    const stranger = await aSignedInUser(app);
    for (const viewer of [mission.client, stranger]) {
      await downloadInvoice(app, viewer, fee.id, 'pdf').expect(404);
      await downloadInvoice(app, viewer, fee.id, 'xml').expect(404);
    }
    await request(app.http).get(`/invoices/${fee.id}.pdf`).expect(401);
    const mine = await gql(`{ myInvoices(first: 100) { edges { node { id kind } } } }`, {}, provider);
    expect(mine.myInvoices.edges.map(({ node }: { node: { id: string } }) => node.id)).toContain(fee.id);
  }, 60_000);

  it('splits a fee that does not divide evenly exactly to the cent, and invoices the fee left after a split settlement', async () => {
    const odd = await aDeliveredMissionAt(12_345, provider);
    await confirm(odd);
    const oddFee = await feeInvoiceOf(odd);
    expect(oddFee.totalCents).toBe(1_235); // 10 % of 123,45 €, half up
    const { xml } = await invoiceDocumentsOf(app, provider, oddFee.id);
    expect(xml).toContain('<ram:BasisAmount>10.29</ram:BasisAmount>');
    expect(xml).toContain('<ram:CalculatedAmount>2.06</ram:CalculatedAmount>');
    expect(xml).toContain('<ram:GrandTotalAmount>12.35</ram:GrandTotalAmount>');

    const moderator = await aUserWithRole(app, 'MODERATOR');
    const split = await aDeliveredMission(app, provider);
    await gql(
      `mutation ($id: ID!) { openDispute(missionId: $id, reason: "Une porte n'est pas montée.") { status } }`,
      { id: split.missionId },
      split.client,
    );
    await gql(
      `mutation ($id: ID!) { resolveDispute(missionId: $id, resolution: SPLIT, refundCents: 4000, note: "Une porte sur trois manque") { status } }`,
      { id: split.missionId },
      moderator,
    );
    const { invoices, payment } = await missionAs(split, provider);
    const splitFee = invoices.find(({ kind }: { kind: string }) => kind === 'FEE_INVOICE');
    expect(splitFee.totalCents).toBe(800);
    expect(payment.platformFeeCents).toBe(1_200);
    const splitDocuments = await invoiceDocumentsOf(app, provider, splitFee.id);
    expect(splitDocuments.xml).toContain('<ram:BasisAmount>6.67</ram:BasisAmount>');
    expect(splitDocuments.xml).toContain('<ram:CalculatedAmount>1.33</ram:CalculatedAmount>');
  }, 90_000);

  it('numbers the fee invoices of every provider in one series, consecutive under concurrent completions', async () => {
    const others = [known(await aMandatedProvider(app)), known(await aMandatedProvider(app))];
    const missions: AssignedMission[] = [];
    for (const bidder of [provider, ...others, provider, others[0], others[1]]) missions.push(await aDeliveredMission(app, bidder));
    await Promise.all(missions.map(confirm));

    const fees: { number: string }[] = await app.dataSource.query(
      `SELECT number FROM invoices WHERE kind = 'FEE_INVOICE' ORDER BY issued_at, number`,
    );
    const sequence = fees.map(({ number }) => Number(number.slice(-6)));
    expect(sequence).toEqual(sequence.map((_, index) => index + 1));
    for (const mission of missions) expect(await feeInvoiceOf(mission)).toBeDefined();
  }, 120_000);

  it('needs no billing mandate, but a SIRET and a billing address: without them there is none', async () => {
    const unmandated = known(await aProvider(app));
    await gql(BILLING_PROFILE, { i: KARIM_BILLING }, unmandated);
    const withoutMandate = await aDeliveredMission(app, unmandated);
    await confirm(withoutMandate);
    const seen = await missionAs(withoutMandate, unmandated);
    expect(seen.missingInvoiceReason).toBe('NO_BILLING_MANDATE');
    expect(seen.invoices.map(({ kind }: { kind: string }) => kind)).toEqual(['FEE_INVOICE']);

    const withoutAddress = await aProvider(app);
    const mission = await aDeliveredMission(app, withoutAddress);
    await confirm(mission);
    expect(await missionAs(mission, withoutAddress)).toEqual(
      expect.objectContaining({ invoices: [], missingInvoiceReason: 'NO_BILLING_MANDATE' }),
    );
  }, 90_000);

  it('has every fee invoice this file issued pass the official rules', async () => {
    const fees: { id: string; provider_id: string }[] = await app.dataSource.query(
      `SELECT id, provider_id FROM invoices WHERE kind = 'FEE_INVOICE' ORDER BY issued_at`,
    );
    expect(fees.length).toBeGreaterThanOrEqual(10);
    for (const { id, provider_id } of fees) {
      const { pdf, xml } = await invoiceDocumentsOf(app, providers.get(provider_id)!, id);
      await expectValidFacturX(pdf, xml);
    }
  }, 300_000);
});
