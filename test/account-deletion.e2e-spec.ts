import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { aRegistration, SignedInUser } from './support/accounts.builders';
import { anUploadedDocument, aSubmittedVerification } from './support/identity.builders';
import { aMandatedProvider } from './support/invoices.builders';
import { aBid, aMission } from './support/marketplace.builders';
import { aCompletedMission, anAssignedMission, AssignedMission, ledgerProblems } from './support/payments.builders';
import { anUploadedPhoto } from './support/photos.builders';
import { errorCodes, TestApp } from './support/test-app';

const PREVIEW = `{ accountDeletionPreview { canDelete blockers { kind missionId missionTitle amountCents description } deleted kept { what period basis } note } }`;
const DELETE = `mutation ($p: String!) { deleteMyAccount(password: $p) }`;
const LOGIN = `mutation ($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { accessToken } }`;
const RECEIVED = `query ($id: ID!) {
  user(id: $id) { displayName reputation { asProvider { count } asClient { count } } ratingsReceived { edges { node { score author { id displayName } } } } }
}`;

describe('account deletion (accountDeletionPreview, deleteMyAccount)', () => {
  let app: TestApp;
  let completed: AssignedMission;
  let client: SignedInUser;
  let openMissionId: string;
  let bidId: string;
  let documentId: string;
  let photoId: string;

  const gql = async (query: string, variables: Record<string, unknown>, user?: SignedInUser) => {
    const response = await app.graphql(query, variables, user?.accessToken);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!;
  };
  /** What the deletion must remove: the rows that name the client or hold what they wrote or sent. */
  const personalRowsOf = async (userId: string) =>
    (
      await app.dataSource.query(
        `SELECT (SELECT to_jsonb(u) - 'updated_at' FROM users u WHERE id = $1) AS account,
                (SELECT count(*)::int FROM messages WHERE author_id = $1) AS messages,
                (SELECT count(*)::int FROM photos WHERE owner_id = $1) AS photos,
                (SELECT count(*)::int FROM identity_documents WHERE owner_id = $1) AS documents,
                (SELECT count(*)::int FROM identity_verifications WHERE user_id = $1) AS verifications,
                (SELECT count(*)::int FROM notification_preferences WHERE user_id = $1) AS preferences,
                (SELECT count(*)::int FROM email_outbox WHERE user_id = $1) AS emails,
                (SELECT count(*)::int FROM ratings WHERE subject_id = $1) AS "ratingsAbout",
                (SELECT count(*)::int FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL) AS sessions`,
        [userId],
      )
    )[0];

  beforeAll(async () => {
    app = await TestApp.start();
    const provider = await aMandatedProvider(app);
    completed = await aCompletedMission(app, provider);
    client = completed.client;
    await gql(`mutation { updateProfile(input: { phone: "+33611223344" }) { phone } }`, {}, client);
    await gql(`mutation { updateNotificationPreferences(preferences: [{ kind: NEW_BID, email: false }]) { kind } }`, {}, client);
    await gql(
      `mutation ($i: RateMissionInput!) { rateMission(input: $i) { id } }`,
      { i: { missionId: completed.missionId, score: 5, comment: 'Parfait.' } },
      client,
    );
    await gql(
      `mutation ($i: RateMissionInput!) { rateMission(input: $i) { id } }`,
      { i: { missionId: completed.missionId, score: 4 } },
      provider,
    );
    photoId = await anUploadedPhoto(app, client);
    openMissionId = await aMission(app, client, { title: 'Changer un robinet', photoIds: [photoId] });
    const asked = await gql(
      `mutation ($m: ID!) { sendMessage(missionId: $m, text: "Quel modèle de robinet ?") { conversation { id } } }`,
      { m: openMissionId },
      provider,
    );
    await gql(
      `mutation ($c: ID!) { sendMessage(conversationId: $c, text: "Un mitigeur, appelez-moi au 06 11 22 33 44") { id } }`,
      { c: asked.sendMessage.conversation.id },
      client,
    );
    bidId = await aBid(app, provider, openMissionId, { amountCents: 9_000 });
    documentId = await anUploadedDocument(app, client);
    await aSubmittedVerification(app, client);
    await app.runJobs();
  });

  afterAll(() => app.close());

  it('refuses a wrong password and changes nothing', async () => {
    const before = await personalRowsOf(client.id);
    const refused = await app.graphql(DELETE, { p: 'not my password at all' }, client.accessToken);
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0].extensions.fields).toEqual([{ field: 'password', message: 'is not the password of your account' }]);
    expect(await personalRowsOf(client.id)).toEqual(before);
    expect((await gql(`{ me { id } }`, {}, client)).me.id).toBe(client.id);
  });

  it('refuses while a mission is in progress, naming it, and changes nothing', async () => {
    const { client: busy, missionId } = await anAssignedMission(app);
    const preview = (await gql(PREVIEW, {}, busy)).accountDeletionPreview;
    expect(preview.canDelete).toBe(false);
    expect(preview.blockers).toEqual([expect.objectContaining({ kind: 'MISSION_IN_PROGRESS', missionId, amountCents: null })]);

    const before = await personalRowsOf(busy.id);
    const refused = await app.graphql(DELETE, { p: busy.password }, busy.accessToken);
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors![0].extensions.blockers).toEqual([expect.objectContaining({ kind: 'MISSION_IN_PROGRESS', missionId })]);
    expect(refused.errors![0].message).toContain(preview.blockers[0].missionTitle);
    expect(await personalRowsOf(busy.id)).toEqual(before);
    const [{ status }] = await app.dataSource.query(`SELECT status FROM missions WHERE id = $1`, [missionId]);
    expect(status).toBe('ASSIGNED');
  });

  it('lists what goes and what is kept, with its period and legal basis, and the money still pending', async () => {
    const preview = (await gql(PREVIEW, {}, client)).accountDeletionPreview;
    expect(preview).toMatchObject({ canDelete: true, blockers: [] });
    expect(preview.deleted.join(' ')).toMatch(/messages you wrote/);
    expect(preview.kept).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ period: expect.stringMatching(/10 years/), basis: expect.stringMatching(/L\. 123-22/) }),
      ]),
    );
    expect(preview.note).toMatch(/FranceConnect/);

    // Its provider, whose payout is not transferred yet, is told to wait for it, with the amount.
    const providerPreview = (await gql(PREVIEW, {}, completed.provider)).accountDeletionPreview;
    expect(providerPreview.canDelete).toBe(false);
    expect(providerPreview.blockers).toEqual([
      expect.objectContaining({ kind: 'PAYOUT_PENDING', missionId: completed.missionId, amountCents: expect.any(Number) }),
    ]);
    expect(providerPreview.blockers[0].description).toMatch(/^the payout of \d+\.\d{2} EUR for ".+" is not transferred yet/);
  });

  it('anonymises the account and deletes its contact data, messages and files, keeping the invoices and a balanced ledger', async () => {
    const [{ invoices }] = await app.dataSource.query(`SELECT count(*)::int AS invoices FROM invoices WHERE client_id = $1`, [client.id]);
    expect(invoices).toBeGreaterThan(0);
    const documentFile = join(app.config.dataDir, 'documents', 'identity-documents', client.id, documentId);
    expect(existsSync(documentFile)).toBe(true);
    const photoFile = join(app.config.dataDir, 'documents', 'photos', `${photoId}.jpg`);
    expect(existsSync(photoFile)).toBe(true);

    expect((await gql(DELETE, { p: client.password }, client)).deleteMyAccount).toBe(true);
    await app.runJobs();

    const rows = await personalRowsOf(client.id);
    expect(rows).toMatchObject({
      messages: 0,
      photos: 0,
      documents: 0,
      verifications: 0,
      preferences: 0,
      emails: 0,
      ratingsAbout: 0,
      sessions: 0,
    });
    expect(rows.account).toMatchObject({ display_name: 'Former member', phone: null, email: `former-member-${client.id}@deleted.invalid` });
    const [{ mentions }] = await app.dataSource.query(
      `SELECT (SELECT count(*) FROM users WHERE email = $1 OR phone = '+33611223344')
            + (SELECT count(*) FROM email_outbox WHERE to_address = $1)
            + (SELECT count(*) FROM messages WHERE text LIKE '%06 11 22 33 44%')
            + (SELECT count(*) FROM missions WHERE client_id = $2 AND address LIKE '%Oberkampf%')::int AS mentions`,
      [client.email, client.id],
    );
    expect(Number(mentions)).toBe(0);
    expect(existsSync(photoFile)).toBe(false);
    const [{ n: documentRows }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM identity_documents WHERE id = $1`, [
      documentId,
    ]);
    expect(documentRows).toBe(0);
    expect(existsSync(documentFile)).toBe(false);

    const [open] = await app.dataSource.query(`SELECT status FROM missions WHERE id = $1`, [openMissionId]);
    expect(open.status).toBe('CANCELLED');
    const [bid] = await app.dataSource.query(`SELECT status FROM bids WHERE id = $1`, [bidId]);
    expect(bid.status).toBe('DECLINED');

    const [{ kept }] = await app.dataSource.query(`SELECT count(*)::int AS kept FROM invoices WHERE client_id = $1`, [client.id]);
    expect(kept).toBe(invoices);
    expect(await ledgerProblems(app)).toEqual([]);

    expect(errorCodes(await app.graphql(LOGIN, { e: client.email, p: client.password }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await app.graphql(`{ me { id } }`, {}, client.accessToken))).toEqual(['UNAUTHENTICATED']);

    const aboutProvider = (await gql(RECEIVED, { id: completed.provider.id }, completed.provider)).user;
    expect(aboutProvider.ratingsReceived.edges).toEqual([{ node: { score: 5, author: { id: client.id, displayName: 'Former member' } } }]);
    const aboutClient = (await gql(RECEIVED, { id: client.id }, completed.provider)).user;
    expect(aboutClient).toMatchObject({
      displayName: 'Former member',
      ratingsReceived: { edges: [] },
      reputation: { asClient: { count: 0 } },
    });

    // The address is free again: a new account, nothing of the old one.
    const again = await app.graphql(`mutation ($i: RegisterInput!) { register(input: $i) { user { id email displayName } } }`, {
      i: aRegistration({ email: client.email }),
    });
    expect(again.data?.register.user).toMatchObject({ email: client.email, displayName: 'Camille Martin' });
    expect(again.data?.register.user.id).not.toBe(client.id);
  });
});
