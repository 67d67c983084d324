import { Clock } from '@marketplace/common';
import { readFileSync, statSync } from 'node:fs';
import { ClientRequest, IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { aSignedInUser, SignedInUser } from './support/accounts.builders';
import { A_JPEG, AN_EXECUTABLE, aDownload, filesUnder } from './support/documents.builders';
import { aSubmission, anUploadedDocument } from './support/identity.builders';
import { TestApp } from './support/test-app';

const BOUNDARY = 'identity-document-boundary';

/** A multipart upload written by hand, so that the test decides when its body ends. */
class HandWrittenUpload {
  private readonly req: ClientRequest;
  readonly response: Promise<{ status: number; headers: IncomingHttpHeaders; body: any }>;

  constructor(app: TestApp, user: SignedInUser) {
    const { port } = app.http.address() as AddressInfo;
    this.req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/identity/documents',
      headers: { authorization: `Bearer ${user.accessToken}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
    this.response = new Promise((resolve, reject) => {
      this.req.on('error', reject);
      this.req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString()) }));
      });
    });
    this.req.write(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\n\r\n`);
  }

  send(bytes: Buffer): void {
    this.req.write(bytes);
  }

  finish(bytes: Buffer): void {
    this.req.end(Buffer.concat([bytes, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]));
  }

  /** The client goes away mid-upload. */
  abort(): void {
    this.response.catch(() => undefined);
    this.req.destroy();
  }
}

/** Polls (every 20 ms, for at most 5 s) until `find` returns something. */
async function eventually<T>(find: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('identity document uploads: streamed, and limited per user', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ IDENTITY_DOCUMENT_MAX_UNSUBMITTED: '10', IDENTITY_DOCUMENT_UPLOADS_PER_DAY: '12' });
  });

  afterAll(async () => {
    await app.close();
  });

  const upload = (user: SignedInUser, content: Buffer = A_JPEG) =>
    request(app.http).post('/identity/documents').set('Authorization', `Bearer ${user.accessToken}`).attach('file', content, 'id.jpg');
  const documentsOf = async (user: SignedInUser): Promise<number> =>
    (await app.dataSource.query(`SELECT count(*)::int AS n FROM identity_documents WHERE owner_id = $1`, [user.id]))[0].n;

  it('streams a file into storage, encrypted, while the client is still sending it', async () => {
    const owner = await aSignedInUser(app);
    const documentsDir = join(app.config.dataDir, 'documents');
    const rows = await app.count('identity_documents');
    const firstMegabyte = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1024 * 1024, 'passport of Camille Martin ')]);
    const secondMegabyte = Buffer.alloc(1024 * 1024, 'born 1990-01-01 ');

    const sending = new HandWrittenUpload(app, owner);
    sending.send(firstMegabyte);
    const partial = await eventually(() => filesUnder(documentsDir).find((path) => statSync(path).size >= 512 * 1024));
    expect(readFileSync(partial).includes(Buffer.from('Camille Martin'))).toBe(false);
    expect(await app.count('identity_documents')).toBe(rows);

    sending.finish(secondMegabyte);
    const { status, body } = await sending.response;
    expect(status).toBe(201);
    expect(body).toEqual({ id: expect.any(String), mimeType: 'application/pdf', sizeBytes: 2 * 1024 * 1024 + 9 });
    const downloaded = await aDownload(app, owner, body.id);
    expect(downloaded.status).toBe(200);
    expect(Buffer.concat([firstMegabyte, secondMegabyte]).equals(downloaded.body)).toBe(true); // toEqual is slow on 2 MB
  });

  it('leaves neither a file nor a row when the client stops sending halfway', async () => {
    const owner = await aSignedInUser(app);
    const ownerDir = join(app.config.dataDir, 'documents', 'identity-documents', owner.id);
    const sending = new HandWrittenUpload(app, owner);
    sending.send(Buffer.concat([A_JPEG, Buffer.alloc(1024 * 1024)]));
    await eventually(() => filesUnder(ownerDir)[0]);
    sending.abort();
    await eventually(() => (filesUnder(ownerDir).length === 0 ? true : undefined));
    expect(await documentsOf(owner)).toBe(0);
    expect(await anUploadedDocument(app, owner)).toEqual(expect.any(String));
  });

  it('of 20 uploads sent at once with room for 10 documents not yet submitted, stores exactly 10', async () => {
    const owner = await aSignedInUser(app);
    const responses = await Promise.all(Array.from({ length: 20 }, () => upload(owner)));

    expect(responses.filter((response) => response.status === 201)).toHaveLength(10);
    const refused = responses.filter((response) => response.status !== 201);
    expect(refused.map((response) => [response.status, response.body.error.code])).toEqual(Array(10).fill([409, 'CONFLICT']));
    expect(refused[0].body.error.message).toMatch(/10 identity documents not yet submitted/);
    expect(await documentsOf(owner)).toBe(10);
  });

  it('refuses an upload over the limit before reading its body', async () => {
    const owner = await aSignedInUser(app);
    for (let i = 0; i < 10; i++) await anUploadedDocument(app, owner);

    const sending = new HandWrittenUpload(app, owner);
    sending.send(A_JPEG);
    const { status, body } = await sending.response; // answered while the body is still open
    expect([status, body.error.code]).toEqual([409, 'CONFLICT']);
    sending.finish(Buffer.alloc(0));
    expect(await documentsOf(owner)).toBe(10);
  });

  it('allows 12 uploads a day, refused ones included, then answers 429 with Retry-After until a day has passed', async () => {
    const owner = await aSignedInUser(app);
    const submitted = [await anUploadedDocument(app, owner), await anUploadedDocument(app, owner), await anUploadedDocument(app, owner)];
    const submission = await app.graphql(
      `mutation ($input: SubmitIdentityVerificationInput!) { submitIdentityVerification(input: $input) { id } }`,
      { input: aSubmission(submitted) },
      owner.accessToken,
    );
    expect(submission.errors).toBeUndefined();
    for (let i = 0; i < 8; i++) await anUploadedDocument(app, owner);
    expect((await upload(owner, AN_EXECUTABLE)).status).toBe(400);

    const refused = await upload(owner);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(86_400 - 120);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(86_400);
    expect(await documentsOf(owner)).toBe(11);

    const clock = jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 86_400_000 + 60_000));
    try {
      expect((await upload(owner)).status).toBe(201);
    } finally {
      clock.mockRestore();
    }
  });
});
