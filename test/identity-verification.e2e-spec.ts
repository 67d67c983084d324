import { JobRunner } from '@marketplace/jobs';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { A_PDF } from './support/documents.builders';
import { aSubmission, aSubmittedVerification, anUploadedDocument, VERIFICATION_FIELDS } from './support/identity.builders';
import { errorCodes, TestApp } from './support/test-app';

const SUBMIT = `mutation ($input: SubmitIdentityVerificationInput!) { submitIdentityVerification(input: $input) { ${VERIFICATION_FIELDS} } }`;
const MINE = `{ myIdentityVerification { ${VERIFICATION_FIELDS} } }`;
const QUEUE = `query ($status: IdentityStatus, $first: Int, $after: String) {
  identityVerificationQueue(status: $status, first: $first, after: $after) { edges { cursor node { id legalName user { id } } } pageInfo { hasNextPage endCursor } } }`;
const CLAIM = `mutation ($id: ID!) { claimIdentityVerification(id: $id) { ${VERIFICATION_FIELDS} } }`;
const APPROVE = `mutation ($id: ID!) { approveIdentityVerification(id: $id) { ${VERIFICATION_FIELDS} } }`;
const REJECT = `mutation ($id: ID!, $reason: String!) { rejectIdentityVerification(id: $id, reason: $reason) { ${VERIFICATION_FIELDS} } }`;
const LOG = `{ moderationLog(first: 50) { edges { node { action targetId reason moderator { id } createdAt } } } }`;

describe('identity verification', () => {
  let app: TestApp;
  let moderator: SignedInUser;

  beforeAll(async () => {
    app = await TestApp.start();
    moderator = await aUserWithRole(app, 'MODERATOR');
  });

  afterAll(async () => {
    await app.close();
  });

  it('a user submits documents, a moderator claims and approves, the badge shows, and the documents are purged after the retention period', async () => {
    const user = await aSignedInUser(app);
    const documentIds = [await anUploadedDocument(app, user), await anUploadedDocument(app, user, A_PDF)];

    const submitted = await app.graphql(SUBMIT, { input: aSubmission(documentIds, { documentType: 'PASSPORT' }) }, user.accessToken);
    expect(submitted.errors).toBeUndefined();
    const caseId = submitted.data?.submitIdentityVerification.id;
    expect(submitted.data?.submitIdentityVerification).toMatchObject({
      status: 'PENDING',
      documentType: 'PASSPORT',
      legalName: 'Camille Martin',
      dateOfBirth: '1990-04-12',
      user: { id: user.id, identityStatus: 'PENDING', isIdentityVerified: false },
      assignedTo: null,
    });
    expect(submitted.data?.submitIdentityVerification.documents.map((d: { id: string }) => d.id).sort()).toEqual([...documentIds].sort());

    const queue = await app.graphql(QUEUE, {}, moderator.accessToken);
    expect(queue.data?.identityVerificationQueue.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(caseId);

    const claimed = await app.graphql(CLAIM, { id: caseId }, moderator.accessToken);
    expect(claimed.data?.claimIdentityVerification.assignedTo).toEqual({ id: moderator.id });

    const approved = await app.graphql(APPROVE, { id: caseId }, moderator.accessToken);
    expect(approved.errors).toBeUndefined();
    expect(approved.data?.approveIdentityVerification).toMatchObject({
      status: 'APPROVED',
      decidedBy: { id: moderator.id },
      user: { identityStatus: 'APPROVED', isIdentityVerified: true },
    });
    const badge = await app.graphql(`query ($id: ID!) { user(id: $id) { identityStatus isIdentityVerified } }`, { id: user.id });
    expect(badge.data?.user).toEqual({ identityStatus: 'APPROVED', isIdentityVerified: true });

    const log = await app.graphql(LOG, {}, moderator.accessToken);
    const entries = log.data?.moderationLog.edges
      .map((edge: { node: { action: string; targetId: string } }) => edge.node)
      .filter((e: { targetId: string }) => e.targetId === caseId);
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['APPROVE_IDENTITY', 'CLAIM_IDENTITY']);

    // The purge is scheduled for the retention period after the decision…
    const [job] = await app.dataSource.query(`SELECT id, run_at FROM graphile_worker.jobs WHERE key = $1`, [
      `identity:purge-documents:${caseId}`,
    ]);
    const decidedAt = new Date(approved.data?.approveIdentityVerification.decidedAt).getTime();
    expect(new Date(job.run_at).getTime() - decidedAt).toBe(30 * 86_400_000);
    const runner = app.app.get(JobRunner);
    await runner.runDueJobs();
    expect(await app.count('identity_documents')).toBeGreaterThan(0);

    // …and when that time has come, the real job deletes files and rows; the decision stays.
    await app.dataSource.query(`SELECT graphile_worker.reschedule_jobs(ARRAY[$1::bigint], run_at := now())`, [job.id]);
    await runner.runDueJobs();
    const mine = await app.graphql(MINE, {}, user.accessToken);
    expect(mine.data?.myIdentityVerification).toMatchObject({ status: 'APPROVED', documents: [] });
    expect(await app.dataSource.query(`SELECT 1 FROM identity_documents WHERE id = ANY($1::uuid[])`, [documentIds])).toHaveLength(0);
    const userDir = join(app.config.dataDir, 'documents', 'identity-documents', user.id);
    expect(existsSync(userDir) ? readdirSync(userDir) : []).toEqual([]);
  });

  it('a rejected user learns why and may submit again', async () => {
    const user = await aSignedInUser(app);
    const caseId = await aSubmittedVerification(app, user);
    const rejected = await app.graphql(REJECT, { id: caseId, reason: 'The photo is blurred.' }, moderator.accessToken);
    expect(rejected.data?.rejectIdentityVerification).toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'The photo is blurred.',
      user: { identityStatus: 'REJECTED' },
    });

    const resubmitted = await app.graphql(SUBMIT, { input: aSubmission([await anUploadedDocument(app, user)]) }, user.accessToken);
    expect(resubmitted.data?.submitIdentityVerification.status).toBe('PENDING');
    expect((await app.graphql(MINE, {}, user.accessToken)).data?.myIdentityVerification.id).toBe(
      resubmitted.data?.submitIdentityVerification.id,
    );
  });

  describe('refused submissions change nothing', () => {
    let user: SignedInUser;
    let documentId: string;

    beforeAll(async () => {
      user = await aSignedInUser(app);
      documentId = await anUploadedDocument(app, user);
    });

    it.each([
      ['a date of birth under 18', { dateOfBirth: new Date(Date.now() - 17 * 365 * 86_400_000).toISOString().slice(0, 10) }, 'dateOfBirth'],
      ['a malformed date of birth', { dateOfBirth: '31/12/1990' }, 'dateOfBirth'],
      ['an impossible date', { dateOfBirth: '1990-02-30' }, 'dateOfBirth'],
      ['no documents', { documentIds: [] }, 'documentIds'],
      ['four documents', { documentIds: Array(4).fill('00000000-0000-4000-8000-000000000000') }, 'documentIds'],
      ['a one-letter legal name', { legalName: 'X' }, 'legalName'],
      ['an unknown document type', { documentType: 'LIBRARY_CARD' }, null],
    ])('%s', async (_case, overrides, field) => {
      const cases = await app.count('identity_verifications');
      const response = await app.graphql(SUBMIT, { input: aSubmission([documentId], overrides) }, user.accessToken);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      if (field) expect(JSON.stringify(response.errors)).toContain(field);
      expect(await app.count('identity_verifications')).toBe(cases);
    });

    it("another user's document", async () => {
      const other = await aSignedInUser(app);
      const theirs = await anUploadedDocument(app, other);
      const cases = await app.count('identity_verifications');
      expect(errorCodes(await app.graphql(SUBMIT, { input: aSubmission([documentId, theirs]) }, user.accessToken))).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect(await app.count('identity_verifications')).toBe(cases);
      const [own] = await app.dataSource.query(`SELECT verification_id FROM identity_documents WHERE id = $1`, [documentId]);
      expect(own.verification_id).toBeNull();
    });

    it('a second case while one is pending, and a case once verified', async () => {
      const pendingUser = await aSignedInUser(app);
      const caseId = await aSubmittedVerification(app, pendingUser);
      const again = await app.graphql(
        SUBMIT,
        { input: aSubmission([await anUploadedDocument(app, pendingUser)]) },
        pendingUser.accessToken,
      );
      expect(errorCodes(again)).toEqual(['CONFLICT']);
      await app.graphql(APPROVE, { id: caseId }, moderator.accessToken);
      const afterApproval = await app.graphql(
        SUBMIT,
        { input: aSubmission([await anUploadedDocument(app, pendingUser)]) },
        pendingUser.accessToken,
      );
      expect(errorCodes(afterApproval)).toEqual(['CONFLICT']);
    });
  });

  describe('the moderation desk', () => {
    it('is for moderators only', async () => {
      const user = await aSignedInUser(app);
      const caseId = await aSubmittedVerification(app, user);
      expect(errorCodes(await app.graphql(QUEUE, {}, user.accessToken))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await app.graphql(CLAIM, { id: caseId }, user.accessToken))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await app.graphql(APPROVE, { id: caseId }, user.accessToken))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await app.graphql(LOG, {}, user.accessToken))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await app.graphql(QUEUE, {}))).toEqual(['UNAUTHENTICATED']);
      expect((await app.graphql(MINE, {}, user.accessToken)).data?.myIdentityVerification.status).toBe('PENDING');
    });

    it('lets exactly one of two moderators claim a case, and only that one decide it', async () => {
      const other = await aUserWithRole(app, 'MODERATOR');
      const caseId = await aSubmittedVerification(app, await aSignedInUser(app));
      const claims = await Promise.all([
        app.graphql(CLAIM, { id: caseId }, moderator.accessToken),
        app.graphql(CLAIM, { id: caseId }, other.accessToken),
      ]);
      expect(claims.map((claim) => errorCodes(claim)[0] ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
      const loser = claims[0].errors ? moderator : other;
      const winner = loser === moderator ? other : moderator;
      expect(errorCodes(await app.graphql(APPROVE, { id: caseId }, loser.accessToken))).toEqual(['CONFLICT']);
      expect((await app.graphql(APPROVE, { id: caseId }, winner.accessToken)).data?.approveIdentityVerification.status).toBe('APPROVED');
    });

    it('refuses deciding twice, a rejection without a reason, unknown cases and a moderator’s own case', async () => {
      const caseId = await aSubmittedVerification(app, await aSignedInUser(app));
      expect(errorCodes(await app.graphql(REJECT, { id: caseId, reason: ' ' }, moderator.accessToken))).toEqual(['BAD_USER_INPUT']);
      await app.graphql(APPROVE, { id: caseId }, moderator.accessToken);
      const logged = await app.count('moderation_actions');
      expect(errorCodes(await app.graphql(APPROVE, { id: caseId }, moderator.accessToken))).toEqual(['CONFLICT']);
      expect(errorCodes(await app.graphql(REJECT, { id: caseId, reason: 'Changed my mind' }, moderator.accessToken))).toEqual(['CONFLICT']);
      expect(await app.count('moderation_actions')).toBe(logged);
      expect(errorCodes(await app.graphql(APPROVE, { id: '00000000-0000-4000-8000-000000000000' }, moderator.accessToken))).toEqual([
        'NOT_FOUND',
      ]);
      expect(errorCodes(await app.graphql(APPROVE, { id: 'case-1' }, moderator.accessToken))).toEqual(['BAD_USER_INPUT']);

      const ownCase = await aSubmittedVerification(app, moderator);
      expect(errorCodes(await app.graphql(APPROVE, { id: ownCase }, moderator.accessToken))).toEqual(['FORBIDDEN']);
    });

    it('lists the queue oldest first, page by page', async () => {
      const queued = await app.graphql(QUEUE, { first: 100 }, moderator.accessToken);
      const all = queued.data?.identityVerificationQueue.edges.map((edge: { node: { id: string } }) => edge.node.id);
      expect(all.length).toBeGreaterThanOrEqual(2);
      const first = await app.graphql(QUEUE, { first: 1 }, moderator.accessToken);
      expect(first.data?.identityVerificationQueue.pageInfo.hasNextPage).toBe(true);
      const second = await app.graphql(
        QUEUE,
        { first: 1, after: first.data?.identityVerificationQueue.pageInfo.endCursor },
        moderator.accessToken,
      );
      expect([first, second].map((page) => page.data?.identityVerificationQueue.edges[0].node.id)).toEqual(all.slice(0, 2));
      expect(errorCodes(await app.graphql(QUEUE, { first: 500 }, moderator.accessToken))).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await app.graphql(QUEUE, { after: 'not-a-cursor' }, moderator.accessToken))).toEqual(['BAD_USER_INPUT']);
    });
  });
});
