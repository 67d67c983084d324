import request from 'supertest';
import { SignedInUser } from './accounts.builders';
import { A_JPEG } from './documents.builders';
import { TestApp } from './test-app';

export const VERIFICATION_FIELDS = `id status documentType legalName dateOfBirth rejectionReason submittedAt decidedAt
  user { id identityStatus isIdentityVerified } assignedTo { id } decidedBy { id } documents { id mimeType sizeBytes downloadPath }`;

export async function anUploadedDocument(app: TestApp, user: SignedInUser, content = A_JPEG): Promise<string> {
  const response = await request(app.http)
    .post('/identity/documents')
    .set('Authorization', `Bearer ${user.accessToken}`)
    .attach('file', content, 'id.jpg');
  if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

export function aSubmission(documentIds: string[], overrides: Record<string, unknown> = {}) {
  return { documentType: 'ID_CARD', legalName: 'Camille Martin', dateOfBirth: '1990-04-12', documentIds, ...overrides };
}

export async function aSubmittedVerification(app: TestApp, user: SignedInUser): Promise<string> {
  const documentId = await anUploadedDocument(app, user);
  const response = await app.graphql(
    `mutation ($input: SubmitIdentityVerificationInput!) { submitIdentityVerification(input: $input) { id } }`,
    { input: aSubmission([documentId]) },
    user.accessToken,
  );
  if (!response.data) throw new Error(`submit failed: ${JSON.stringify(response.errors)}`);
  return response.data.submitIdentityVerification.id;
}
