import request from 'supertest';
import { aSignedInUser } from './support/accounts.builders';
import { A_JPEG, A_PDF, AN_EXECUTABLE } from './support/documents.builders';
import { FakeS3 } from './support/fake-s3';
import { TestApp } from './support/test-app';

describe('identity documents in S3-compatible storage', () => {
  const s3 = new FakeS3();
  let app: TestApp;

  beforeAll(async () => {
    const endpoint = await s3.start();
    app = await TestApp.start({
      DOCUMENT_STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: 'identity-documents',
      S3_REGION: 'eu-west-3',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: 'test-access-key',
      S3_SECRET_ACCESS_KEY: 'test-secret-key',
    });
  });

  afterAll(async () => {
    await app.close();
    await s3.stop();
  });

  it('stores encrypted objects with signed requests, and serves them back decrypted', async () => {
    const owner = await aSignedInUser(app);
    const uploaded = await request(app.http)
      .post('/identity/documents')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .attach('file', A_PDF, 'permit.pdf');
    expect(uploaded.status).toBe(201);

    const key = `/identity-documents/identity-documents/${owner.id}/${uploaded.body.id}`;
    expect(s3.objects.has(key)).toBe(true);
    expect(s3.objects.get(key)?.includes(Buffer.from('Camille Martin'))).toBe(false);
    expect(s3.authorizations.at(-1)).toMatch(/^AWS4-HMAC-SHA256 Credential=test-access-key\/\d{8}\/eu-west-3\/s3\/aws4_request/);

    const downloaded = await request(app.http)
      .get(`/identity/documents/${uploaded.body.id}`)
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .buffer(true);
    expect(downloaded.status).toBe(200);
    expect(Buffer.from(downloaded.body)).toEqual(A_PDF);
  });

  it.each([
    ['an executable', AN_EXECUTABLE, 400],
    ['an 11 MB file', Buffer.concat([A_JPEG, Buffer.alloc(11 * 1024 * 1024)]), 413],
  ])('refuses %s without putting any object', async (_case, content, status) => {
    const owner = await aSignedInUser(app);
    const objects = s3.objects.size;
    const response = await request(app.http)
      .post('/identity/documents')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .attach('file', content, 'id.jpg');
    expect(response.status).toBe(status);
    expect(s3.objects.size).toBe(objects);
  });
});
