/**
 * When a completed mission gets no invoice from the platform (no mandate, no SIRET, no billing
 * address): the client gets a payment receipt, for them alone, and the provider is told exactly
 * what they miss, in their language, once.
 */
import request from 'supertest';
import { aSignedInUser, SignedInUser } from './support/accounts.builders';
import { readPdf } from './support/factur-x-pdf-reader';
import { aMandatedProvider, gqlData } from './support/invoices.builders';
import { aProvider, aProviderProfileInput } from './support/marketplace.builders';
import { aCompletedMission, AssignedMission } from './support/payments.builders';
import { TestApp } from './support/test-app';

const RECEIPT = `query ($id: ID!) { mission(id: $id) { missingInvoiceReason paymentReceipt { id issuedAt totalCents currency pdfPath } } }`;
const NOTIFICATIONS = `{ notifications(first: 50) { edges { node { kind text mission { id } } } } }`;

describe('the payment receipt and the provider’s notice when no invoice can be issued', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  }, 120_000);
  afterAll(() => app?.close());

  const gql = (query: string, variables: Record<string, unknown>, user: SignedInUser) => gqlData(app, query, variables, user);
  const receiptOf = async (mission: AssignedMission, viewer: SignedInUser) =>
    (await gql(RECEIPT, { id: mission.missionId }, viewer)).mission;
  const downloadReceipt = (viewer: SignedInUser | null, path: string) => {
    const call = request(app.http).get(path);
    if (viewer) call.set('Authorization', `Bearer ${viewer.accessToken}`);
    return call.buffer(true).parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => callback(null, Buffer.concat(chunks)));
    });
  };
  /** The user's notifications about the mission, as { kind, text }, the no-break spaces of amounts as spaces. */
  const noticesOf = async (user: SignedInUser, mission: AssignedMission) =>
    (await gql(NOTIFICATIONS, {}, user)).notifications.edges
      .map(({ node }: { node: { kind: string; text: string; mission: { id: string } | null } }) => node)
      .filter((node: { mission: { id: string } | null }) => node.mission?.id === mission.missionId)
      .map(({ kind, text }: { kind: string; text: string }) => ({ kind, text: text.replace(/\s/g, ' ') }));
  /** The user's emails, once the jobs that write the notifications' emails ran. */
  const emailsOf = async (user: SignedInUser): Promise<{ kind: string; subject: string }[]> => {
    await app.runJobs();
    return app.dataSource.query(`SELECT kind, subject FROM email_outbox WHERE user_id = $1 ORDER BY created_at`, [user.id]);
  };

  it('gives the client of a mission without a mandate a receipt, downloadable by them only, and tells the provider what to do', async () => {
    const provider = await aProvider(app);
    const mission = await aCompletedMission(app, provider);

    const { missingInvoiceReason, paymentReceipt } = await receiptOf(mission, mission.client);
    expect(missingInvoiceReason).toBe('NO_BILLING_MANDATE');
    expect(paymentReceipt).toEqual({
      id: expect.any(String),
      issuedAt: expect.any(String),
      totalCents: 12_000,
      currency: 'EUR',
      pdfPath: `/receipts/${paymentReceipt.id}.pdf`,
    });
    expect((await receiptOf(mission, provider)).paymentReceipt).toBeNull();
    const stranger = await aSignedInUser(app);
    expect((await receiptOf(mission, stranger)).paymentReceipt).toBeNull();

    const downloaded = await downloadReceipt(mission.client, paymentReceipt.pdfPath).expect(200).expect('Content-Type', 'application/pdf');
    const again = await downloadReceipt(mission.client, paymentReceipt.pdfPath).expect(200);
    expect((again.body as Buffer).equals(downloaded.body as Buffer)).toBe(true);
    const text = (await readPdf(downloaded.body as Buffer)).text.replace(/\s+/g, ' ');
    for (const statement of [
      'Reçu de paiement',
      "Ce reçu n'est pas une facture.",
      'Payé par : Claire Dubois',
      `Payé à : ${provider.displayName} (SIRET 73282932000074), prestataire de la mission`,
      "Par l'intermédiaire de : Marketplace Exemple SAS (fictive) (SIREN 123456782), qui a encaissé le paiement pour son compte",
      'Mission : « Monter une armoire PAX », terminée le',
      'Paiement reçu le',
      'Montant payé pour la prestation : 120,00 €',
      "le prestataire n'a pas confié à la plateforme de mandat pour émettre ses factures en son nom",
      'demandez-la-lui',
    ]) {
      expect(text).toContain(statement);
    }
    for (const viewer of [provider, stranger]) await downloadReceipt(viewer, paymentReceipt.pdfPath).expect(404);
    await downloadReceipt(null, paymentReceipt.pdfPath).expect(401);
    await downloadReceipt(mission.client, '/receipts/not-a-uuid.pdf').expect(400);

    expect(await noticesOf(mission.client, mission)).toContainEqual({
      kind: 'PAYMENT_RECEIPT',
      text: expect.stringContaining('Votre reçu de paiement de 120,00 € pour « Monter une armoire PAX » est disponible'),
    });
    const [notice, ...more] = (await noticesOf(provider, mission)).filter(({ kind }: { kind: string }) => kind === 'INVOICE_MISSING');
    expect(more).toEqual([]);
    expect(notice.text).toContain('est terminée sans facture de la plateforme : facturez vous-même Claire Dubois (120,00 €)');
    expect(notice.text).toContain(
      'Pour que la plateforme facture les prochaines en votre nom : acceptez le mandat de facturation ; indiquez votre nom et votre adresse professionnelle dans votre profil de facturation.',
    );
    expect(notice.text).toContain(
      "La facture de nos frais de service attend aussi ces informations : elle vous sera adressée dès qu'elles seront complètes",
    );
    expect(notice.text).not.toContain('SIRET');
    expect(await emailsOf(provider)).toContainEqual({
      kind: 'INVOICE_MISSING',
      subject: '« Monter une armoire PAX » : aucune facture émise, voici ce qui manque',
    });
    expect(await emailsOf(mission.client)).toContainEqual({
      kind: 'PAYMENT_RECEIPT',
      subject: 'Votre reçu de paiement pour « Monter une armoire PAX »',
    });

    const [{ notified_at }] = await app.dataSource.query(`SELECT notified_at FROM missing_invoices WHERE mission_id = $1`, [
      mission.missionId,
    ]);
    expect(notified_at).not.toBeNull();
    await app.runJobs({ dueNow: true });
    expect((await noticesOf(provider, mission)).filter(({ kind }: { kind: string }) => kind === 'INVOICE_MISSING')).toHaveLength(1);
    expect(
      await app.dataSource.query(`SELECT count(*)::int AS n FROM payment_receipts WHERE mission_id = $1`, [mission.missionId]),
    ).toEqual([{ n: 1 }]);
  }, 90_000);

  it('tells a provider who revoked their mandate, in English if they read English, and a provider without a SIRET', async () => {
    const revoking = await aMandatedProvider(app);
    await gql(`mutation { updateProfile(input: { locale: EN }) { id } }`, {}, revoking);
    await gql(`mutation { revokeBillingMandate { revokedAt } }`, {}, revoking);
    const afterRevocation = await aCompletedMission(app, revoking);
    const revoked = (await noticesOf(revoking, afterRevocation)).find(({ kind }: { kind: string }) => kind === 'INVOICE_MISSING');
    expect(revoked).toEqual({ kind: 'INVOICE_MISSING', text: expect.stringContaining('invoice Claire Dubois (€120.00) yourself') });
    expect(revoked.text).toContain(
      'For the platform to invoice the next ones in your name: you revoked your billing mandate, accept it again.',
    );
    expect(revoked.text).not.toContain('service fee');
    expect(await emailsOf(revoking)).toContainEqual({
      kind: 'INVOICE_MISSING',
      subject: '"Monter une armoire PAX": no invoice issued, here is what is missing',
    });

    const withoutSiret = await aMandatedProvider(app);
    await gql(
      `mutation ($i: ProviderProfileInput!) { upsertProviderProfile(input: $i) { headline } }`,
      { i: aProviderProfileInput({ siret: null }) },
      withoutSiret,
    );
    const mission = await aCompletedMission(app, withoutSiret);
    expect((await receiptOf(mission, mission.client)).missingInvoiceReason).toBe('NO_SIRET');
    const notice = (await noticesOf(withoutSiret, mission)).find(({ kind }: { kind: string }) => kind === 'INVOICE_MISSING');
    expect(notice.text).toContain(
      'Pour que la plateforme facture les prochaines en votre nom : ajoutez votre numéro SIRET à votre profil de prestataire.',
    );
    expect(notice.text).toContain(
      "La facture de nos frais de service attend aussi ces informations : elle vous sera adressée dès qu'elles seront complètes",
    );
    const { paymentReceipt } = await receiptOf(mission, mission.client);
    const text = (await readPdf((await downloadReceipt(mission.client, paymentReceipt.pdfPath).expect(200)).body as Buffer)).text.replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain(`Payé à : Karim Benali, prestataire de la mission`);
    expect(text).toContain("n'a pas communiqué son numéro SIRET à la plateforme");
  }, 120_000);

  it('gives no receipt and no such notice when the mission is invoiced', async () => {
    const provider = await aMandatedProvider(app);
    const mission = await aCompletedMission(app, provider);
    expect(await receiptOf(mission, mission.client)).toEqual({ missingInvoiceReason: null, paymentReceipt: null });
    expect((await noticesOf(provider, mission)).map(({ kind }: { kind: string }) => kind)).not.toContain('INVOICE_MISSING');
    expect((await noticesOf(mission.client, mission)).map(({ kind }: { kind: string }) => kind)).not.toContain('PAYMENT_RECEIPT');
  }, 90_000);
});
