/**
 * Providers under a billing mandate, and an invoice's documents as its parties download them (GET /invoices/<id>.pdf and .xml, once the
 * rendering job ran), and the checks every one of them passes: the official rule files with zero
 * failed asserts, its PDF/A-3 carrying that very XML as the Factur-X EN 16931 attachment.
 */
import request from 'supertest';
import { SignedInUser } from './accounts.builders';
import { aProvider } from './marketplace.builders';
import { failedAsserts } from './factur-x-rules';
import { readPdf } from './factur-x-pdf-reader';
import { waitFor } from './payments.builders';
import { TestApp } from './test-app';

export const KARIM_BILLING = { fullName: 'Karim Benali', addressLine: '3 rue des Lilas', postcode: '75020', city: 'Paris' };
const BILLING_PROFILE = `mutation ($i: UpdateBillingProfileInput!) { updateBillingProfile(input: $i) { fullName } }`;
const ACCEPT = `mutation ($v: String!) { acceptBillingMandate(version: $v) { version } }`;

/** The response's data; its errors, if any, thrown. */
export async function graphqlData(app: TestApp, query: string, variables: Record<string, unknown>, user: SignedInUser) {
  const response = await app.graphql(query, variables, user.accessToken);
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!;
}

/** A provider with a billing profile who accepted the mandate text offered now (billingMandateText). */
export async function aMandatedProvider(app: TestApp): Promise<SignedInUser> {
  const mandated = await aProvider(app);
  await graphqlData(app, BILLING_PROFILE, { i: KARIM_BILLING }, mandated);
  const { billingMandateText } = await graphqlData(app, `{ billingMandateText { version text } }`, {}, mandated);
  expect(billingMandateText.text).toContain('en son nom et pour son compte');
  await graphqlData(app, ACCEPT, { v: billingMandateText.version }, mandated);
  return mandated;
}

export function invoiceDownload(app: TestApp, viewer: SignedInUser, invoiceId: string, format: 'pdf' | 'xml'): request.Test {
  return request(app.http)
    .get(`/invoices/${invoiceId}.${format}`)
    .set('Authorization', `Bearer ${viewer.accessToken}`)
    .buffer(true)
    .parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => callback(null, Buffer.concat(chunks)));
    });
}

/** The documents, once the rendering job ran (it runs after the commit that issued them). */
export async function invoiceDocumentsOf(app: TestApp, viewer: SignedInUser, invoiceId: string): Promise<{ pdf: Buffer; xml: string }> {
  const pdf = await waitFor(
    async () => {
      await app.runJobs();
      const response = await invoiceDownload(app, viewer, invoiceId, 'pdf');
      return response.status === 200 ? (response.body as Buffer) : null;
    },
    'the invoice documents',
    15_000,
  );
  const xml = await invoiceDownload(app, viewer, invoiceId, 'xml')
    .expect(200)
    .expect('Content-Type', /application\/xml/);
  return { pdf, xml: (xml.body as Buffer).toString('utf8') };
}

/** Valid against the official rules, the PDF carrying the XML: the PDF's text, for the mentions. */
export async function expectValidFacturX(pdf: Buffer, xml: string): Promise<string> {
  expect((await failedAsserts(xml)).map(({ id, text }) => `${id}: ${text}`)).toEqual([]);
  const read = await readPdf(pdf);
  expect(read.attachments['factur-x.xml']).toBe(xml);
  expect(read.metadata).toContain('<pdfaid:part>3</pdfaid:part>');
  expect(read.metadata).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
  expect(pdf.toString('latin1')).toContain('/AFRelationship /Alternative');
  return read.text;
}
