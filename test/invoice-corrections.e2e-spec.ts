/**
 * Invoices corrected after their issue: the provider contests one within the window of the
 * mandate they accepted (or it is accepted tacitly when the window closes); a contested invoice is
 * cancelled by a credit note and replaced by a new invoice; money the client gets back after the
 * invoice (a refund made at Stripe, a lost chargeback) is credited once. Every document issued
 * here passes the official rule files.
 */
import { Clock } from '@marketplace/common';
import { CURRENT_BILLING_MANDATE } from '@marketplace/invoicing';
import { RefundsService } from '@marketplace/payments';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { compileRules } from './support/factur-x-rules';
import {
  aMandatedProvider as aMandatedProviderOf,
  expectValidFacturX,
  gqlData,
  invoiceDocumentsOf,
  KARIM_BILLING,
} from './support/invoices.builders';
import { aProvider } from './support/marketplace.builders';
import { aDeliveredMission, AssignedMission, paymentIntentIdOf, refundEventsOf, stripeFor, waitFor } from './support/payments.builders';
import { errorCodes, TestApp } from './support/test-app';

const CONTEST_DAYS = 10;
const DAY = 86_400_000;
const INVOICE_FIELDS = 'id number kind status issuedAt totalCents contestDeadline contestedAt contestReason correctsInvoiceId';
const CONTEST = `mutation ($id: ID!, $reason: String!) { contestInvoice(id: $id, reason: $reason) { ${INVOICE_FIELDS} } }`;
const REISSUE = `mutation ($id: ID!) { reissueInvoice(id: $id) { creditNote { ${INVOICE_FIELDS} } invoice { ${INVOICE_FIELDS} } } }`;
const MISSION_INVOICES = `query ($id: ID!) { mission(id: $id) { invoices { ${INVOICE_FIELDS} } } }`;
const BILLING_PROFILE = `mutation ($i: UpdateBillingProfileInput!) { updateBillingProfile(input: $i) { fullName } }`;
const CONFIRM = `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { status } }`;
const DISPUTE = `mutation ($id: ID!) { openDispute(missionId: $id, reason: "Une porte n'est pas montée.") { status } }`;
const NOTIFICATIONS = `{ notifications(first: 50) { edges { node { kind text mission { id } } } } }`;
const SPLIT = `mutation ($id: ID!) { resolveDispute(missionId: $id, resolution: SPLIT, refundCents: 4000, note: "Une porte sur trois manque") { status } }`;

interface InvoiceSeen {
  id: string;
  number: string;
  kind: string;
  status: string;
  issuedAt: string;
  totalCents: number;
  contestDeadline: string | null;
  contestedAt: string | null;
  contestReason: string | null;
  correctsInvoiceId: string | null;
}

describe('invoices contested, accepted and corrected by credit notes', () => {
  let app: TestApp;
  let provider: SignedInUser;
  const providers = new Map<string, SignedInUser>();
  beforeAll(async () => {
    compileRules();
    app = await TestApp.start({ INVOICE_CONTEST_DAYS: String(CONTEST_DAYS) });
    provider = await aMandatedProvider();
  }, 180_000);
  afterAll(() => app?.close());

  const gql = (query: string, variables: Record<string, unknown>, user: SignedInUser) => gqlData(app, query, variables, user);
  async function aMandatedProvider(): Promise<SignedInUser> {
    const mandated = await aMandatedProviderOf(app);
    providers.set(mandated.id, mandated);
    return mandated;
  }

  const invoicesOf = async (mission: AssignedMission, viewer: SignedInUser = mission.client): Promise<InvoiceSeen[]> =>
    (await gql(MISSION_INVOICES, { id: mission.missionId }, viewer)).mission.invoices;
  async function anInvoicedMission(by = provider): Promise<{ mission: AssignedMission; invoice: InvoiceSeen }> {
    const mission = await aDeliveredMission(app, by);
    await gql(CONFIRM, { id: mission.missionId }, mission.client);
    const [invoice] = await invoicesOf(mission);
    return { mission, invoice };
  }
  /** Runs `during` with the injected clock at `at`. */
  async function at<T>(instant: Date, during: () => Promise<T>): Promise<T> {
    const clock = jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(instant);
    try {
      return await during();
    } finally {
      clock.mockRestore();
    }
  }
  const invoiceRows = () =>
    app.dataSource.query(`SELECT id, status, contested_at, contest_reason, accepted_at, cancelled_at FROM invoices ORDER BY id`);
  const sequenceOf = (number: string) => Number(number.slice(-6));
  /** The user's notices about the mission, newest first, and the kinds of the emails queued for them. */
  const noticesOf = async (user: SignedInUser, mission: AssignedMission, kind: string) =>
    (await gql(NOTIFICATIONS, {}, user)).notifications.edges
      .map(({ node }: { node: { kind: string; text: string; mission: { id: string } | null } }) => node)
      .filter((node: { kind: string; mission: { id: string } | null }) => node.mission?.id === mission.missionId && node.kind === kind)
      .map(({ text }: { text: string }) => text.replace(/\s/g, ' '));
  const emailsOf = async (user: SignedInUser, kind: string): Promise<number> => {
    await app.runJobs(); // the jobs that write the notifications' emails
    return (await app.dataSource.query(`SELECT count(*)::int AS n FROM email_outbox WHERE user_id = $1 AND kind = $2`, [user.id, kind]))[0]
      .n;
  };

  it('offers the mandate with the configured window as a version of its own, and binds each provider to the window they accepted', async () => {
    const { billingMandateText } = await gql(`{ billingMandateText { version contestDays text englishText } }`, {}, provider);
    expect(billingMandateText).toMatchObject({ version: `${CURRENT_BILLING_MANDATE.version}+${CONTEST_DAYS}d`, contestDays: CONTEST_DAYS });
    expect(billingMandateText.text).toContain(`pendant ${CONTEST_DAYS} jours à compter de son émission`);
    expect(billingMandateText.englishText).toContain(`within ${CONTEST_DAYS} days of its issue`);
    const someone = await aProvider(app);
    const written = await app.graphql(
      `mutation ($v: String!) { acceptBillingMandate(version: $v) { version } }`,
      { v: CURRENT_BILLING_MANDATE.version },
      someone.accessToken,
    );
    expect(errorCodes(written)).toEqual(['BAD_USER_INPUT']);
    expect(written.errors![0].message).toContain(billingMandateText.version);

    const { invoice } = await anInvoicedMission();
    expect(new Date(invoice.contestDeadline!).getTime() - new Date(invoice.issuedAt).getTime()).toBe(CONTEST_DAYS * DAY);

    // A provider who accepted the 7-day text before the window was changed keeps the 7 days they accepted.
    const earlier = await aMandatedProvider();
    await app.dataSource.query(`UPDATE billing_mandates SET version = $2, contest_days = $3 WHERE provider_id = $1`, [
      earlier.id,
      CURRENT_BILLING_MANDATE.version,
      CURRENT_BILLING_MANDATE.contestDays,
    ]);
    const { invoice: underTheirs } = await anInvoicedMission(earlier);
    expect(new Date(underTheirs.contestDeadline!).getTime() - new Date(underTheirs.issuedAt).getTime()).toBe(7 * DAY);
  }, 60_000);

  it('corrects a contested invoice: a credit note referencing it, then a new invoice from the corrected billing profile, all valid', async () => {
    const { mission, invoice } = await anInvoicedMission();
    expect(invoice).toMatchObject({ kind: 'INVOICE', status: 'ISSUED', contestedAt: null, correctsInvoiceId: null });

    const { contestInvoice } = await gql(CONTEST, { id: invoice.id, reason: '  Mon adresse a changé le mois dernier.  ' }, provider);
    expect(contestInvoice).toMatchObject({ id: invoice.id, status: 'CONTESTED', contestReason: 'Mon adresse a changé le mois dernier.' });
    await gql(BILLING_PROFILE, { i: { ...KARIM_BILLING, addressLine: '8 boulevard de Belleville', postcode: '75011' } }, provider);

    const { reissueInvoice } = await gql(REISSUE, { id: invoice.id }, provider);
    const { creditNote, invoice: replacement } = reissueInvoice;
    expect(creditNote).toMatchObject({
      kind: 'CREDIT_NOTE',
      status: 'ISSUED',
      totalCents: 12_000,
      contestDeadline: null,
      correctsInvoiceId: invoice.id,
    });
    expect(replacement).toMatchObject({ kind: 'INVOICE', status: 'ISSUED', totalCents: 12_000, correctsInvoiceId: invoice.id });
    expect([creditNote.number, replacement.number].map(sequenceOf)).toEqual([
      sequenceOf(invoice.number) + 1,
      sequenceOf(invoice.number) + 2,
    ]);
    expect(creditNote.number.slice(0, 14)).toBe(invoice.number.slice(0, 14));
    expect((await invoicesOf(mission)).map(({ id, status }) => [id, status])).toEqual([
      [invoice.id, 'CANCELLED'],
      [creditNote.id, 'ISSUED'],
      [replacement.id, 'ISSUED'],
    ]);

    const credit = await invoiceDocumentsOf(app, mission.client, creditNote.id);
    expect(credit.xml).toContain('<ram:TypeCode>381</ram:TypeCode>');
    expect(credit.xml).toMatch(
      new RegExp(
        `<ram:InvoiceReferencedDocument>\\s*<ram:IssuerAssignedID>${invoice.number}</ram:IssuerAssignedID>\\s*<ram:FormattedIssueDateTime>`,
      ),
    );
    const creditText = await expectValidFacturX(credit.pdf, credit.xml);
    for (const mention of [
      'Avoir',
      `Avoir sur la facture n° ${invoice.number}`,
      '3 rue des Lilas',
      "Total de l'avoir : 120,00 €",
      'Avoir émis par',
    ]) {
      expect(creditText).toContain(mention);
    }
    expect(creditText).not.toMatch(/^Facture$/m);

    const reissued = await invoiceDocumentsOf(app, provider, replacement.id);
    expect(reissued.xml).toContain('<ram:TypeCode>380</ram:TypeCode>');
    const reissuedText = await expectValidFacturX(reissued.pdf, reissued.xml);
    expect(reissuedText).toContain('8 boulevard de Belleville');
    expect(reissuedText).not.toContain('3 rue des Lilas');

    // The client heard of the contest, with its reason, then of the correction; in-app and by email.
    expect(await noticesOf(mission.client, mission, 'INVOICE_CONTESTED')).toEqual([
      expect.stringContaining(
        `conteste la facture ${invoice.number} de « Monter une armoire PAX » : Mon adresse a changé le mois dernier.`,
      ),
    ]);
    expect(await noticesOf(mission.client, mission, 'INVOICE_REISSUED')).toEqual([
      expect.stringContaining(`est annulée par l'avoir ${creditNote.number} et remplacée par la facture ${replacement.number}`),
    ]);
    expect([await emailsOf(mission.client, 'INVOICE_CONTESTED'), await emailsOf(mission.client, 'INVOICE_REISSUED')]).toEqual([1, 1]);
    // The provider asked for the correction themselves: no notice of its credit note.
    expect(await noticesOf(provider, mission, 'CREDIT_NOTE_ISSUED')).toEqual([]);
  }, 60_000);

  it('refuses a contest by a stranger, the client, after the window, twice, on a credit note, or with an empty or 1001-character reason, writing nothing', async () => {
    const { mission, invoice } = await anInvoicedMission();
    const stranger = await aSignedInUser(app);
    const moderator = await aUserWithRole(app, 'MODERATOR');
    const before = await invoiceRows();
    const refused = async (user: SignedInUser, query: string, variables: Record<string, unknown>) => {
      const response = await app.graphql(query, variables, user.accessToken);
      expect(await invoiceRows()).toEqual(before);
      return errorCodes(response);
    };
    expect(await refused(stranger, CONTEST, { id: invoice.id, reason: 'Pas à moi.' })).toEqual(['NOT_FOUND']);
    expect(await refused(moderator, CONTEST, { id: invoice.id, reason: 'Pas à moi.' })).toEqual(['NOT_FOUND']);
    expect(await refused(provider, CONTEST, { id: '00000000-0000-4000-8000-000000000000', reason: 'Inconnue.' })).toEqual(['NOT_FOUND']);
    expect(await refused(mission.client, CONTEST, { id: invoice.id, reason: 'Je ne suis pas d’accord.' })).toEqual(['FORBIDDEN']);
    for (const reason of ['', '   ', 'x'.repeat(1001)]) {
      expect(await refused(provider, CONTEST, { id: invoice.id, reason })).toEqual(['BAD_USER_INPUT']);
    }
    expect(await refused(provider, REISSUE, { id: invoice.id })).toEqual(['CONFLICT']);
    const afterWindow = new Date(new Date(invoice.contestDeadline!).getTime() + 1);
    expect(await at(afterWindow, () => refused(provider, CONTEST, { id: invoice.id, reason: 'Trop tard ?' }))).toEqual(['CONFLICT']);

    // Sent at once, one contest wins; the other finds it contested.
    const reason = 'é'.repeat(1000);
    const both = await Promise.all([1, 2].map(() => app.graphql(CONTEST, { id: invoice.id, reason }, provider.accessToken)));
    expect(both.map(errorCodes).sort()).toEqual([[], ['CONFLICT']]);
    const contested = await invoiceRows();
    expect(contested.filter((row: { status: string }) => row.status === 'CONTESTED')).toEqual([
      expect.objectContaining({ id: invoice.id, contest_reason: reason }),
    ]);
    const again = await app.graphql(CONTEST, { id: invoice.id, reason: 'Encore.' }, provider.accessToken);
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(await invoiceRows()).toEqual(contested);

    expect(errorCodes(await app.graphql(REISSUE, { id: invoice.id }, stranger.accessToken))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await app.graphql(REISSUE, { id: invoice.id }, mission.client.accessToken))).toEqual(['FORBIDDEN']);
    expect(await invoiceRows()).toEqual(contested);
    // A moderator may have it corrected (the client's records were wrong, say); a credit note is not contested.
    const { creditNote } = (await gql(REISSUE, { id: invoice.id }, moderator)).reissueInvoice;
    // A moderator's correction: the provider hears of its credit note.
    expect(await noticesOf(provider, mission, 'CREDIT_NOTE_ISSUED')).toEqual([expect.stringContaining(creditNote.number)]);
    const onCreditNote = await app.graphql(CONTEST, { id: creditNote.id, reason: 'Avoir erroné.' }, provider.accessToken);
    expect(errorCodes(onCreditNote)).toEqual(['CONFLICT']);
    expect(onCreditNote.errors![0].message).toContain('credit note');
  }, 60_000);

  it('accepts an uncontested invoice tacitly when its window closes, by the job scheduled at its issue, and not before', async () => {
    const { mission, invoice } = await anInvoicedMission();
    const { invoice: contested } = await anInvoicedMission();
    await gql(CONTEST, { id: contested.id, reason: 'Le prix est faux.' }, provider);

    await app.runJobs({ dueNow: true });
    expect((await invoicesOf(mission))[0].status).toBe('ISSUED');

    const closed = new Date(new Date(invoice.contestDeadline!).getTime() + 60_000);
    await at(closed, () => app.runJobs({ dueNow: true }));
    expect((await invoicesOf(mission, provider))[0].status).toBe('ACCEPTED');
    const rows = await app.dataSource.query(`SELECT id, status, accepted_at FROM invoices WHERE id = ANY($1) ORDER BY issued_at`, [
      [invoice.id, contested.id],
    ]);
    expect(rows).toEqual([
      { id: invoice.id, status: 'ACCEPTED', accepted_at: closed },
      { id: contested.id, status: 'CONTESTED', accepted_at: null },
    ]);
    expect(errorCodes(await app.graphql(CONTEST, { id: invoice.id, reason: 'Trop tard.' }, provider.accessToken))).toEqual(['CONFLICT']);
    // Told in-app only, once: nothing to do about it.
    await at(new Date(closed.getTime() + DAY), () => app.runJobs({ dueNow: true }));
    expect(await noticesOf(provider, mission, 'INVOICE_ACCEPTED')).toEqual([
      expect.stringContaining(`de la facture ${invoice.number} de « Monter une armoire PAX » est écoulé : elle est acceptée tacitement`),
    ]);
    expect(await emailsOf(provider, 'INVOICE_ACCEPTED')).toBe(0);
  }, 60_000);

  it('credits a refund made at Stripe after the invoice, for the refunded part, once however often its webhook is replayed', async () => {
    const { mission, invoice } = await anInvoicedMission();
    const paymentIntentId = await paymentIntentIdOf(app, mission.missionId, mission.client);
    await stripeFor(app).refunds.create({ payment_intent: paymentIntentId, amount: 3_000 });
    const creditNote = await waitFor(async () => {
      await app.runJobs();
      return (await invoicesOf(mission)).find(({ kind }) => kind === 'CREDIT_NOTE');
    }, 'the credit note of the refund');
    expect(creditNote).toMatchObject({ totalCents: 3_000, correctsInvoiceId: invoice.id, status: 'ISSUED' });
    expect(sequenceOf(creditNote.number)).toBe(sequenceOf(invoice.number) + 1);

    const refunded = refundEventsOf(app, paymentIntentId);
    expect(refunded.length).toBeGreaterThan(0);
    const { id: paymentId } = (
      await app.dataSource.query(`SELECT id FROM payments WHERE stripe_payment_intent_id = $1`, [paymentIntentId])
    )[0];
    const refunds = app.app.get(RefundsService);
    await Promise.all([
      ...[...refunded, ...refunded].map((event) => app.stripe.deliver(String(event.id))),
      ...[1, 2, 3].map(() => refunds.recordStripeRefunds(paymentId)),
    ]);
    await app.runJobs();
    expect((await invoicesOf(mission)).map(({ kind, totalCents }) => [kind, totalCents])).toEqual([
      ['INVOICE', 12_000],
      ['CREDIT_NOTE', 3_000],
    ]);
    const { pdf, xml } = await invoiceDocumentsOf(app, provider, creditNote.id);
    expect(xml).toContain('<ram:GrandTotalAmount>30.00</ram:GrandTotalAmount>');
    expect(await expectValidFacturX(pdf, xml)).toContain(`Avoir sur la facture n° ${invoice.number}`);
  }, 60_000);

  it('credits a chargeback lost after the invoice for what it took, once, and a split’s refund (left out of the invoice) not at all', async () => {
    const { mission, invoice } = await anInvoicedMission();
    const paymentIntentId = await paymentIntentIdOf(app, mission.missionId, mission.client);
    const charge = String(
      app.stripe.objects('charge').find((candidate) => candidate.payment_intent === paymentIntentId && candidate.status === 'succeeded')!
        .id,
    );
    const disputeId = await app.stripe.openChargeback(charge, { amount: 5_000 });
    await app.stripe.closeChargeback(disputeId, 'lost');
    const creditNote = await waitFor(
      async () => (await invoicesOf(mission)).find(({ kind }) => kind === 'CREDIT_NOTE'),
      'the credit note of the chargeback',
    );
    expect(creditNote).toMatchObject({ totalCents: 5_000, correctsInvoiceId: invoice.id });
    const events = app.stripe.objects('event').filter((event) => (event.data as { object: { id: string } }).object.id === disputeId);
    await Promise.all([...events, ...events].map((event) => app.stripe.deliver(String(event.id))));
    expect((await invoicesOf(mission)).filter(({ kind }) => kind === 'CREDIT_NOTE')).toHaveLength(1);
    await expectValidFacturX(...(Object.values(await invoiceDocumentsOf(app, mission.client, creditNote.id)) as [Buffer, string]));

    const moderator = await aUserWithRole(app, 'MODERATOR');
    const split = await aDeliveredMission(app, provider);
    await gql(DISPUTE, { id: split.missionId }, split.client);
    await gql(SPLIT, { id: split.missionId }, moderator);
    await waitFor(async () => {
      await app.runJobs();
      const [{ refunded_cents }] = await app.dataSource.query(`SELECT refunded_cents FROM payments WHERE mission_id = $1`, [
        split.missionId,
      ]);
      return refunded_cents === 4_000;
    }, 'the split’s refund');
    expect((await invoicesOf(split)).map(({ kind, totalCents }) => [kind, totalCents])).toEqual([['INVOICE', 8_000]]);
  }, 60_000);

  it('lets the database take the contest’s steps only: no other status change, no moved deadline', async () => {
    const { invoice } = await anInvoicedMission();
    const update = (set: string) => app.dataSource.query(`UPDATE invoices SET ${set} WHERE id = $1`, [invoice.id]);
    await expect(update(`status = 'CANCELLED', cancelled_at = now()`)).rejects.toThrow(/ISSUED to CANCELLED is not a step/);
    await expect(update(`contest_deadline = contest_deadline + interval '1 day'`)).rejects.toThrow(/frozen/);
    await expect(update(`status = 'CONTESTED', contested_at = now()`)).rejects.toThrow(/not a step/);
    await update(`status = 'ACCEPTED', accepted_at = now()`);
    await expect(update(`status = 'ISSUED', accepted_at = NULL`)).rejects.toThrow(/ACCEPTED to ISSUED is not a step/);
    await expect(update(`status = 'CONTESTED', contested_at = now(), contest_reason = 'x'`)).rejects.toThrow(/not a step/);
    await expect(app.dataSource.query(`DELETE FROM invoices WHERE id = $1`, [invoice.id])).rejects.toThrow(/never deleted/);
  }, 60_000);

  it('has every credit note and invoice this file issued pass the official rules, its PDF carrying its XML', async () => {
    const issued: { id: string; kind: string; provider_id: string }[] = await app.dataSource.query(
      `SELECT id, kind, provider_id FROM invoices ORDER BY issued_at`,
    );
    expect(issued.filter(({ kind }) => kind === 'CREDIT_NOTE').length).toBeGreaterThanOrEqual(4);
    for (const { id, provider_id } of issued) {
      const { pdf, xml } = await invoiceDocumentsOf(app, providers.get(provider_id)!, id);
      await expectValidFacturX(pdf, xml);
    }
  }, 300_000);
});
