import { Clock } from '@marketplace/common';
import { DataExportsService } from '@marketplace/personal-data';
import { FileStorage } from '@marketplace/storage';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import request from 'supertest';
import { aSignedInUser, SignedInUser } from './support/accounts.builders';
import { A_PDF } from './support/documents.builders';
import { anUploadedDocument } from './support/identity.builders';
import { aBid, aMission, aProvider } from './support/marketplace.builders';
import { errorCodes, TestApp } from './support/test-app';

const EXPORT_FIELDS = 'id status requestedAt readyAt expiresAt sizeBytes sha256 downloadPath';
const REQUEST_EXPORT = `mutation { requestDataExport { ${EXPORT_FIELDS} } }`;
const MY_EXPORTS = `{ myDataExports { ${EXPORT_FIELDS} } }`;

function downloadExport(app: TestApp, id: string, viewer?: SignedInUser): request.Test {
  const call = request(app.http).get(`/exports/${id}`);
  if (viewer) call.set('Authorization', `Bearer ${viewer.accessToken}`);
  return call.buffer(true).parse((response, callback) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => callback(null, Buffer.concat(chunks)));
  });
}

describe('data export (requestDataExport, myDataExports, GET /exports/:id)', () => {
  let app: TestApp;
  let client: SignedInUser;
  let provider: SignedInUser;
  let stranger: SignedInUser;
  let documentId: string;
  let readyExport: Record<string, any>;
  const at = (ms: number) => jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(ms));

  beforeAll(async () => {
    app = await TestApp.start();
    client = await aSignedInUser(app, { displayName: 'Dana Martin' });
    provider = await aProvider(app);
    stranger = await aSignedInUser(app, { displayName: 'Zoé Inconnue' });
    for (const [user, phone] of [
      [client, '+33611223344'],
      [provider, '+33655667788'],
      [stranger, '+33699887766'],
    ] as const) {
      await app.graphql(`mutation ($p: String!) { updateProfile(input: { phone: $p }) { phone } }`, { p: phone }, user.accessToken);
    }
    const missionId = await aMission(app, client, { title: 'Monter une armoire PAX' });
    await app.graphql(
      `mutation ($m: ID!) { sendMessage(missionId: $m, text: "Bonjour, faut-il apporter une perceuse ?") { id } }`,
      { m: missionId },
      provider.accessToken,
    );
    await aBid(app, provider, missionId, { amountCents: 13_500, message: 'Disponible samedi, avec mes outils.' });
    documentId = await anUploadedDocument(app, provider, A_PDF);
    // The stranger has data of their own, in the same tables.
    await aMission(app, stranger, { title: 'Repeindre un volet' });
    await anUploadedDocument(app, stranger);
  });

  afterEach(() => jest.restoreAllMocks());
  afterAll(() => app.close());

  it('builds one archive of the user’s data and files, notifies them, and holds nothing of anyone else', async () => {
    const requested = await app.graphql(REQUEST_EXPORT, {}, provider.accessToken);
    expect(requested.data?.requestDataExport).toMatchObject({ status: 'PENDING', downloadPath: null, sizeBytes: null });
    await app.runJobs();

    const [listed] = (await app.graphql(MY_EXPORTS, {}, provider.accessToken)).data!.myDataExports;
    readyExport = listed;
    expect(listed).toMatchObject({ id: requested.data!.requestDataExport.id, status: 'READY', downloadPath: `/exports/${listed.id}` });
    expect(new Date(listed.expiresAt).getTime() - new Date(listed.readyAt).getTime()).toBe(24 * 3_600_000);
    const notices = await app.graphql(`{ notifications(first: 5) { edges { node { kind } } } }`, {}, provider.accessToken);
    expect(notices.data!.notifications.edges.map((edge: any) => edge.node.kind)).toContain('DATA_EXPORT_READY');
    const emails = await app.dataSource.query(
      `SELECT to_address, subject FROM email_outbox WHERE user_id = $1 AND kind = 'DATA_EXPORT_READY'`,
      [provider.id],
    );
    expect(emails).toEqual([{ to_address: provider.email, subject: 'Vos données sont prêtes à télécharger' }]);

    const response = await downloadExport(app, listed.id, provider);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="data-export-\d{4}-\d{2}-\d{2}\.zip"$/);
    const zip = response.body as Buffer;
    expect(zip.length).toBe(listed.sizeBytes);
    expect(createHash('sha256').update(zip).digest('hex')).toBe(listed.sha256);

    // At rest it is encrypted as the identity documents it holds are: no zip, no name, no email in the stored file.
    const [{ storage_key: storageKey }] = await app.dataSource.query(`SELECT storage_key FROM data_exports WHERE id = $1`, [listed.id]);
    const stored = (await app.app.get(FileStorage).get(storageKey))!;
    expect(stored.length).toBeGreaterThan(zip.length);
    for (const clear of [zip.subarray(0, 4), Buffer.from(provider.email), A_PDF.subarray(0, 64)])
      expect(stored.includes(clear)).toBe(false);

    const entries = unzipSync(new Uint8Array(zip));
    const json = (name: string) => JSON.parse(Buffer.from(entries[name]).toString('utf8'));
    expect(json('account.json')).toMatchObject({
      id: provider.id,
      email: provider.email,
      phone: '+33655667788',
      display_name: 'Karim Benali',
    });
    expect(json('account.json')).not.toHaveProperty('password_hash');
    expect(json('bids-placed.json')).toEqual([
      expect.objectContaining({
        amount_cents: 13_500,
        message: 'Disponible samedi, avec mes outils.',
        mission_title: 'Monter une armoire PAX',
      }),
    ]);
    expect(json('conversations.json')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ mission_title: 'Monter une armoire PAX', other_party_display_name: 'Dana Martin' }),
      ]),
    );
    expect(json('messages.json')).toEqual([expect.objectContaining({ mine: true, text: 'Bonjour, faut-il apporter une perceuse ?' })]);
    expect(json('identity-verifications.json')).toEqual([expect.objectContaining({ status: 'APPROVED', legal_name: 'Camille Martin' })]);
    expect(json('provider-profile.json')).toMatchObject({ user_id: provider.id });
    expect(Buffer.from(entries[`files/identity-documents/${documentId}.pdf`]).equals(A_PDF)).toBe(true);

    // Nobody else's contact data or name, anywhere: not the other party's (beyond their display name), not the stranger's, not the moderator's.
    const everything = Object.values(entries)
      .map((bytes) => Buffer.from(bytes).toString('utf8'))
      .join('\n');
    for (const secret of [client.email, '+33611223344', stranger.email, '+33699887766', 'Zoé Inconnue', stranger.id, 'Repeindre un volet'])
      expect(everything).not.toContain(secret);
    const [{ email: moderatorEmail }] = await app.dataSource.query(`SELECT email FROM users WHERE 'MODERATOR' = ANY(roles)`);
    expect(everything).not.toContain(moderatorEmail);
  });

  it('refuses a second request within a minute (five at once make one export), and one while the previous is being built, changing nothing', async () => {
    const before = await app.count('data_exports');
    const tooSoon = await app.graphql(REQUEST_EXPORT, {}, provider.accessToken);
    expect(errorCodes(tooSoon)).toEqual(['TOO_MANY_REQUESTS']);
    expect(tooSoon.errors![0].extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect(tooSoon.errors![0].extensions.retryAfterSeconds).toBeLessThanOrEqual(60);

    // Sent at once, five requests of one user make one export.
    const burst = await Promise.all(Array.from({ length: 5 }, () => app.graphql(REQUEST_EXPORT, {}, client.accessToken)));
    expect(burst.flatMap(errorCodes).sort()).toEqual(Array(4).fill('TOO_MANY_REQUESTS'));
    const [{ n: clientExports }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM data_exports WHERE user_id = $1`, [
      client.id,
    ]);
    expect(clientExports).toBe(1);

    expect((await app.graphql(REQUEST_EXPORT, {}, stranger.accessToken)).data?.requestDataExport.status).toBe('PENDING');
    at(Date.now() + 61_000);
    const building = await app.graphql(REQUEST_EXPORT, {}, stranger.accessToken);
    expect(errorCodes(building)).toEqual(['CONFLICT']);
    expect(building.errors![0].message).toMatch(/being built/);
    expect(await app.count('data_exports')).toBe(before + 2);
    const [{ jobs }] = await app.dataSource.query(
      `SELECT count(*)::int AS jobs FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
        WHERE t.identifier = 'personal-data:build-export'`,
    );
    expect(jobs).toBe(2);
    jest.restoreAllMocks();
    await app.runJobs();
  });

  it('serves the archive to its owner only, and answers 410 once it expired, when the hourly purge deletes it', async () => {
    expect((await downloadExport(app, readyExport.id, stranger)).status).toBe(404);
    expect((await downloadExport(app, readyExport.id)).status).toBe(401);

    const expiry = new Date(readyExport.expiresAt).getTime();
    at(expiry + 1_000);
    const gone = await downloadExport(app, readyExport.id, provider);
    expect(gone.status).toBe(410);
    expect(JSON.parse(gone.body.toString('utf8')).error.message).toMatch(/expired/);
    const [listed] = (await app.graphql(MY_EXPORTS, {}, provider.accessToken)).data!.myDataExports;
    expect(listed).toMatchObject({ status: 'EXPIRED', downloadPath: null });

    const archive = join(app.config.dataDir, 'documents', 'data-exports', provider.id, `${readyExport.id}.zip`);
    expect(existsSync(archive)).toBe(true);
    // At its expiry exactly: the stranger's export, ready later, is not due yet.
    expect(await app.app.get(DataExportsService).deleteExpiredArchives(new Date(expiry))).toBe(1);
    expect(existsSync(archive)).toBe(false);
    const [row] = await app.dataSource.query(`SELECT status, storage_key FROM data_exports WHERE id = $1`, [readyExport.id]);
    expect(row).toEqual({ status: 'EXPIRED', storage_key: null });
  });
});
