import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JobQueue, JobRunner } from '@marketplace/jobs';
import { PURGE_UNSUBMITTED_IDENTITY_DOCUMENTS } from '@marketplace/retention';
import request from 'supertest';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { A_JPEG, A_PDF, A_PNG, AN_EXECUTABLE, aDownload, filesUnder } from './support/documents.builders';
import { TestApp } from './support/test-app';

describe('identity documents', () => {
  let app: TestApp;
  let owner: SignedInUser;

  beforeAll(async () => {
    app = await TestApp.start();
    owner = await aSignedInUser(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const upload = (user: SignedInUser | undefined, content: Buffer, filename = 'id-card.jpg') => {
    const call = request(app.http).post('/identity/documents');
    if (user) call.set('Authorization', `Bearer ${user.accessToken}`);
    return call.attach('file', content, filename);
  };
  const download = (user: SignedInUser, id: string) => aDownload(app, user, id);

  it.each([
    ['a JPEG', A_JPEG, 'image/jpeg'],
    ['a PNG', A_PNG, 'image/png'],
    ['a PDF', A_PDF, 'application/pdf'],
  ])('accepts %s, recognised by its bytes whatever its name, and gives it back to its owner', async (_case, content, mimeType) => {
    const uploaded = await upload(owner, content, 'scan.bin');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toEqual({ id: expect.any(String), mimeType, sizeBytes: content.length });

    const downloaded = await download(owner, uploaded.body.id);
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers['content-type']).toBe(mimeType);
    expect(downloaded.body).toEqual(content);
  });

  it('never keeps a document readable in plain text on disk', async () => {
    await upload(owner, A_PDF, 'permit.pdf');
    const stored = filesUnder(join(app.config.dataDir, 'documents'));
    expect(stored.length).toBeGreaterThan(0);
    for (const path of stored) {
      const bytes = readFileSync(path);
      expect(bytes.includes(Buffer.from('Camille Martin'))).toBe(false);
      expect(bytes.subarray(0, 5).toString()).not.toBe('%PDF-');
    }
  });

  it.each([
    ['an executable renamed .jpg', AN_EXECUTABLE, 400],
    ['an empty file', Buffer.alloc(0), 400],
    ['an 11 MB file', Buffer.concat([A_JPEG, Buffer.alloc(11 * 1024 * 1024)]), 413],
  ])('refuses %s and stores nothing', async (_case, content, status) => {
    const rows = await app.count('identity_documents');
    const files = filesUnder(join(app.config.dataDir, 'documents')).length;
    const response = await upload(owner, content);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe('BAD_USER_INPUT');
    expect(await app.count('identity_documents')).toBe(rows);
    expect(filesUnder(join(app.config.dataDir, 'documents'))).toHaveLength(files);
  });

  it('refuses a request without a file, and one without a token', async () => {
    const noFile = await request(app.http)
      .post('/identity/documents')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .field('other', 'x');
    expect(noFile.status).toBe(400);
    const anonymous = await upload(undefined, A_JPEG);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('serves a document to moderators, and to nobody else: for them it does not exist', async () => {
    const { body } = await upload(owner, A_PNG);
    const moderator = await aUserWithRole(app, 'MODERATOR');
    const stranger = await aSignedInUser(app);

    expect((await download(moderator, body.id)).body).toEqual(A_PNG);
    const refused = await download(stranger, body.id);
    expect(refused.status).toBe(404);
    expect((await download(stranger, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await download(owner, 'not-a-uuid')).status).toBe(400);
  });

  it('deletes documents nobody submitted once they are older than the retention period', async () => {
    const { body } = await upload(owner, A_JPEG);
    const runner = app.app.get(JobRunner);
    const queue = app.app.get(JobQueue);
    await app.dataSource.transaction((manager) => queue.enqueue(manager, PURGE_UNSUBMITTED_IDENTITY_DOCUMENTS, {}));
    await runner.runDueJobs();
    expect((await download(owner, body.id)).status).toBe(200);

    await app.dataSource.query(`UPDATE identity_documents SET created_at = now() - interval '31 days' WHERE id = $1`, [body.id]);
    await app.dataSource.transaction((manager) => queue.enqueue(manager, PURGE_UNSUBMITTED_IDENTITY_DOCUMENTS, {}));
    await runner.runDueJobs();
    expect((await download(owner, body.id)).status).toBe(404);
    expect(filesUnder(join(app.config.dataDir, 'documents')).some((path) => path.endsWith(body.id))).toBe(false);
  });
});
