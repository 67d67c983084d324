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
import { aBid, aMission, anApprovedIdentity, aProvider, aProviderProfileInput } from './support/marketplace.builders';
import {
  aDeliveredMission,
  AssignedMission,
  onboard,
  pay,
  paymentIntentIdOf,
  refundEventsOf,
  stripeFor,
  waitFor,
} from './support/payments.builders';
import { TestApp } from './support/test-app';

const CONFIRM = `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { status } }`;
const MISSION_INVOICES = `query ($id: ID!) { mission(id: $id) { missingInvoiceReason payment { platformFeeCents } invoices { id number kind issuedAt totalCents correctsInvoiceId } } }`;
const PROVIDER_PROFILE = `mutation ($input: ProviderProfileInput!) { upsertProviderProfile(input: $input) { headline } }`;
const NOTIFICATIONS = `{ notifications(first: 50) { edges { node { kind text mission { id } } } } }`;

interface InvoiceSeen {
  id: string;
  number: string;
  kind: string;
  issuedAt: string;
  totalCents: number;
  correctsInvoiceId: string | null;
}

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
  const confirmOnly = (mission: AssignedMission) => gql(CONFIRM, { id: mission.missionId }, mission.client);
  /** Confirmed, and the jobs it queued run: the fee invoice's issue among them. */
  const confirm = async (mission: AssignedMission) => {
    await confirmOnly(mission);
    await app.runJobs();
  };
  const missionAs = async (mission: AssignedMission, viewer: SignedInUser) =>
    (await gql(MISSION_INVOICES, { id: mission.missionId }, viewer)).mission;
  const feeInvoiceOf = async (mission: AssignedMission) =>
    (await missionAs(mission, mission.provider)).invoices.find(({ kind }: { kind: string }) => kind === 'FEE_INVOICE');
  const kindsAndTotals = async (mission: AssignedMission, viewer: SignedInUser) =>
    (await missionAs(mission, viewer)).invoices.map(({ kind, totalCents }: InvoiceSeen) => [kind, totalCents]);
  const noticesOf = async (user: SignedInUser, mission: AssignedMission): Promise<{ kind: string; text: string }[]> =>
    (await gql(NOTIFICATIONS, {}, user)).notifications.edges
      .map(({ node }: { node: { kind: string; text: string; mission: { id: string } | null } }) => node)
      .filter((node: { mission: { id: string } | null }) => node.mission?.id === mission.missionId)
      .map(({ kind, text }: { kind: string; text: string }) => ({ kind, text: text.replace(/\s/g, ' ') }));

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

  it('is issued by the job the completion queues, rendered by the same job as the provider’s, VAT 20 % included in the fee the ledger records', async () => {
    const mission = await aDeliveredMission(app, provider);
    await confirmOnly(mission);
    // The completion records the fee as due and queues its issue: it does not wait on the platform's series.
    expect((await missionAs(mission, provider)).invoices.map(({ kind }: { kind: string }) => kind)).toEqual(['INVOICE']);
    const queued: { identifier: string; providerId: string }[] = await app.dataSource.query(
      `SELECT t.identifier, j.payload->>'providerId' AS "providerId" FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
       WHERE t.identifier = 'invoicing:issue-fee-invoices'`,
    );
    expect(queued).toEqual([{ identifier: 'invoicing:issue-fee-invoices', providerId: provider.id }]);
    await app.runJobs();

    const { invoices, payment } = await missionAs(mission, provider);
    expect(invoices.map(({ kind }: { kind: string }) => kind)).toEqual(['INVOICE', 'FEE_INVOICE']);
    const [own, fee] = invoices;
    expect(fee).toEqual(expect.objectContaining({ totalCents: 1_200, number: expect.stringMatching(/^JB-FEE-\d{4}-\d{6}$/) }));
    expect(fee.totalCents).toBe(payment.platformFeeCents);
    expect(fee.issuedAt >= own.issuedAt).toBe(true);

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
    await app.runJobs();
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
    await Promise.all(missions.map(confirmOnly));
    await Promise.all([1, 2, 3].map(() => app.runJobs()));

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

  it('credits the fee a refund before the transfer takes back, in the platform’s series, VAT reversed, once however often the webhook is replayed', async () => {
    // Not onboarded: the payout waits, so the refund lowers the fee it will keep.
    const provider = known(await aMandatedProvider(app));
    await gql(`mutation { updateProfile(input: { locale: EN }) { id } }`, {}, provider);
    const mission = await aDeliveredMission(app, provider);
    await confirm(mission);
    const fee = await feeInvoiceOf(mission);
    const paymentIntentId = await paymentIntentIdOf(app, mission.missionId, mission.client);
    await stripeFor(app).refunds.create({ payment_intent: paymentIntentId, amount: 3_000 });
    const creditNote: InvoiceSeen = await waitFor(async () => {
      await app.runJobs();
      return (await missionAs(mission, provider)).invoices.find(({ kind }: InvoiceSeen) => kind === 'FEE_CREDIT_NOTE');
    }, 'the fee credit note of the refund');
    // 10 % of the 90 € left is 9 €: 3 € of the 12 € invoiced come back.
    expect(creditNote).toMatchObject({ totalCents: 300, correctsInvoiceId: fee.id, number: expect.stringMatching(/^JB-FEE-\d{4}-\d{6}$/) });
    expect(Number(creditNote.number.slice(-6))).toBeGreaterThan(Number(fee.number.slice(-6)));

    const events = refundEventsOf(app, paymentIntentId);
    expect(events.length).toBeGreaterThan(0);
    await Promise.all([...events, ...events, ...events].map((event) => app.stripe.deliver(String(event.id))));
    await app.runJobs();
    expect(await kindsAndTotals(mission, provider)).toEqual([
      ['INVOICE', 12_000],
      ['FEE_INVOICE', 1_200],
      ['CREDIT_NOTE', 3_000],
      ['FEE_CREDIT_NOTE', 300],
    ]);
    const [{ fees }] = await app.dataSource.query(`SELECT platform_fee_cents AS fees FROM payouts WHERE mission_id = $1`, [
      mission.missionId,
    ]);
    expect(fee.totalCents - creditNote.totalCents).toBe(fees);

    const { pdf, xml } = await invoiceDocumentsOf(app, provider, creditNote.id);
    for (const element of [
      '<ram:TypeCode>381</ram:TypeCode>',
      `<ram:IssuerAssignedID>${fee.number}</ram:IssuerAssignedID>`,
      '<ram:CategoryCode>S</ram:CategoryCode>',
      '<ram:BasisAmount>2.50</ram:BasisAmount>',
      '<ram:CalculatedAmount>0.50</ram:CalculatedAmount>',
      '<ram:GrandTotalAmount>3.00</ram:GrandTotalAmount>',
    ]) {
      expect(xml).toContain(element);
    }
    const text = await expectValidFacturX(pdf, xml);
    for (const mention of [
      'Avoir',
      `Avoir sur la facture n° ${fee.number}`,
      'Karim Benali EI',
      'TVA 20 % : 0,50 €',
      'SAS au capital de 1 000 €',
    ]) {
      expect(text).toContain(mention);
    }
    expect(text).not.toContain('mandat de facturation');

    // The client sees their invoice's credit note, never the platform's to the provider.
    expect(await kindsAndTotals(mission, mission.client)).toEqual([
      ['INVOICE', 12_000],
      ['CREDIT_NOTE', 3_000],
    ]);
    await downloadInvoice(app, mission.client, creditNote.id, 'pdf').expect(404);
    const told = (await noticesOf(provider, mission)).filter(({ kind }) => kind === 'CREDIT_NOTE_ISSUED');
    expect(told).toHaveLength(2);
    expect(told.map(({ text }) => text)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`of €3.00 is issued on our service fee invoice ${fee.number}`),
        expect.stringContaining(`of €30.00 is issued on invoice `),
      ]),
    );
    expect((await noticesOf(mission.client, mission)).filter(({ kind }) => kind === 'CREDIT_NOTE_ISSUED')).toEqual([
      {
        kind: 'CREDIT_NOTE_ISSUED',
        text: expect.stringMatching(/^L'avoir JB-[0-9A-F]{10}-\d{4}-\d{6} de 30,00 € est émis sur la facture JB-/),
      },
    ]);
  }, 90_000);

  it('credits the fee a lost chargeback takes back before the transfer, and nothing of a fee the transfer already took', async () => {
    const provider = known(await aMandatedProvider(app));
    const mission = await aDeliveredMission(app, provider);
    await confirm(mission);
    const paymentIntentId = await paymentIntentIdOf(app, mission.missionId, mission.client);
    const chargeOf = (intent: string) =>
      String(app.stripe.objects('charge').find((charge) => charge.payment_intent === intent && charge.status === 'succeeded')!.id);
    const disputeId = await app.stripe.openChargeback(chargeOf(paymentIntentId), { amount: 5_000 });
    await app.stripe.closeChargeback(disputeId, 'lost');
    await waitFor(
      async () => (await kindsAndTotals(mission, provider)).some(([kind]: [string]) => kind === 'FEE_CREDIT_NOTE'),
      'the fee credit note of the chargeback',
    );
    expect(await kindsAndTotals(mission, provider)).toEqual([
      ['INVOICE', 12_000],
      ['FEE_INVOICE', 1_200],
      ['CREDIT_NOTE', 5_000],
      ['FEE_CREDIT_NOTE', 500],
    ]);

    // Paid out first: the provider paid the whole fee, a later refund is the platform's loss.
    const paidOut = known(await aMandatedProvider(app));
    await onboard(app, paidOut);
    const transferred = await aDeliveredMission(app, paidOut);
    await confirm(transferred);
    await app.runJobs();
    const [{ status }] = await app.dataSource.query(`SELECT status FROM payouts WHERE mission_id = $1`, [transferred.missionId]);
    expect(['TRANSFERRED', 'PAID_OUT']).toContain(status);
    await stripeFor(app).refunds.create({
      payment_intent: await paymentIntentIdOf(app, transferred.missionId, transferred.client),
      amount: 6_000,
    });
    await waitFor(async () => {
      await app.runJobs();
      return (await kindsAndTotals(transferred, paidOut)).some(([kind]: [string]) => kind === 'CREDIT_NOTE');
    }, 'the credit note of the refund after the transfer');
    expect(await kindsAndTotals(transferred, paidOut)).toEqual([
      ['INVOICE', 12_000],
      ['FEE_INVOICE', 1_200],
      ['CREDIT_NOTE', 6_000],
    ]);
  }, 90_000);

  it('holds the fee invoice of a provider without a SIRET or a billing address, and issues it once they give both', async () => {
    const unregistered = known(await aSignedInUser(app, { displayName: 'Karim Benali' }));
    await gql(PROVIDER_PROFILE, { input: aProviderProfileInput({ siret: null }) }, unregistered);
    await anApprovedIdentity(app, unregistered);
    const first = await aDeliveredMission(app, unregistered);
    await confirm(first);
    const refunded = await aDeliveredMission(app, unregistered);
    await confirm(refunded);
    expect(await missionAs(first, unregistered)).toEqual(
      expect.objectContaining({ invoices: [], missingInvoiceReason: 'NO_BILLING_MANDATE' }),
    );
    const missing = (await noticesOf(unregistered, first)).find(({ kind }) => kind === 'INVOICE_MISSING');
    expect(missing).toEqual({
      kind: 'INVOICE_MISSING',
      text: expect.stringContaining('La facture de nos frais de service attend aussi ces informations'),
    });

    // Money returned while the fee invoice waits: it will be issued for the fee kept, no credit note needed.
    await stripeFor(app).refunds.create({
      payment_intent: await paymentIntentIdOf(app, refunded.missionId, refunded.client),
      amount: 2_000,
    });
    await waitFor(
      async () => {
        await app.runJobs();
        const [{ refunded_cents }] = await app.dataSource.query(`SELECT refunded_cents FROM payments WHERE mission_id = $1`, [
          refunded.missionId,
        ]);
        return refunded_cents === 2_000;
      },
      'the refund recorded',
      30_000,
    );

    // A billing address alone is not enough: the SIREN is still missing.
    await gql(BILLING_PROFILE, { i: KARIM_BILLING }, unregistered);
    await app.runJobs();
    expect((await missionAs(first, unregistered)).invoices).toEqual([]);
    await gql(PROVIDER_PROFILE, { input: aProviderProfileInput() }, unregistered);
    await app.runJobs();
    const [firstFee] = (await missionAs(first, unregistered)).invoices;
    const [refundedFee] = (await missionAs(refunded, unregistered)).invoices;
    expect(firstFee).toMatchObject({ kind: 'FEE_INVOICE', totalCents: 1_200 });
    expect(refundedFee).toMatchObject({ kind: 'FEE_INVOICE', totalCents: 1_000 });
    // In the order the missions completed.
    expect(Number(refundedFee.number.slice(-6))).toBe(Number(firstFee.number.slice(-6)) + 1);
    const { pdf, xml } = await invoiceDocumentsOf(app, unregistered, firstFee.id);
    expect(xml).toContain('<ram:ID schemeID="0002">732829320</ram:ID>');
    expect(await expectValidFacturX(pdf, xml)).toContain('Karim Benali EI');
    expect(
      await app.dataSource.query(`SELECT count(*)::int AS n FROM pending_fee_invoices WHERE provider_id = $1 AND issued_at IS NULL`, [
        unregistered.id,
      ]),
    ).toEqual([{ n: 0 }]);

    // Saving the profile again issues nothing twice.
    await gql(PROVIDER_PROFILE, { input: aProviderProfileInput() }, unregistered);
    await gql(BILLING_PROFILE, { i: KARIM_BILLING }, unregistered);
    await app.runJobs();
    expect(await kindsAndTotals(first, unregistered)).toEqual([['FEE_INVOICE', 1_200]]);
  }, 120_000);

  it('has every fee invoice and fee credit note this file issued pass the official rules', async () => {
    const fees: { id: string; provider_id: string }[] = await app.dataSource.query(
      `SELECT id, provider_id FROM invoices WHERE kind IN ('FEE_INVOICE', 'FEE_CREDIT_NOTE') ORDER BY issued_at`,
    );
    expect(fees.length).toBeGreaterThanOrEqual(14);
    for (const { id, provider_id } of fees) {
      const { pdf, xml } = await invoiceDocumentsOf(app, providers.get(provider_id)!, id);
      await expectValidFacturX(pdf, xml);
    }
  }, 300_000);
});
