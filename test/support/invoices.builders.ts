/**
 * Invoices as their readers get them: providers under a billing mandate, the documents downloaded
 * once the rendering job ran, and the checks every Factur-X document must pass.
 */
import request from 'supertest';
import { SignedInUser } from './accounts.builders';
import { failedAsserts } from './factur-x-rules';
import { readPdf } from './factur-x-pdf-reader';
import { aProvider } from './marketplace.builders';
import { waitFor } from './payments.builders';
import { TestApp } from './test-app';

export const BILLING_PROFILE = `mutation ($i: UpdateBillingProfileInput!) { updateBillingProfile(input: $i) { fullName addressLine postcode city companyName siren } }`;
export const ACCEPT_MANDATE = `mutation ($v: String!) { acceptBillingMandate(version: $v) { version acceptedAt revokedAt } }`;
export const KARIM_BILLING = { fullName: 'Karim Benali', addressLine: '3 rue des Lilas', postcode: '75020', city: 'Paris' };

/** The data of a GraphQL call that must succeed. */
export async function gqlData(
  app: TestApp,
  query: string,
  variables: Record<string, unknown>,
  user: SignedInUser,
): Promise<Record<string, any>> {
  const response = await app.graphql(query, variables, user.accessToken);
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!;
}

/** A verified provider with a SIRET and a billing address, who accepted the current billing mandate. */
export async function aMandatedProvider(app: TestApp): Promise<SignedInUser> {
  const mandated = await aProvider(app);
  await gqlData(app, BILLING_PROFILE, { i: KARIM_BILLING }, mandated);
  const { billingMandateText } = await gqlData(app, `{ billingMandateText { version text englishText contestDays } }`, {}, mandated);
  expect(billingMandateText.text).toContain('en son nom et pour son compte');
  await gqlData(app, ACCEPT_MANDATE, { v: billingMandateText.version }, mandated);
  return mandated;
}

export function downloadInvoice(app: TestApp, viewer: SignedInUser, invoiceId: string, format: 'pdf' | 'xml'): request.Test {
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

/** The documents, once the rendering job ran (it runs after the completion's commit). */
export async function invoiceDocumentsOf(app: TestApp, viewer: SignedInUser, invoiceId: string): Promise<{ pdf: Buffer; xml: string }> {
  const pdf = await waitFor(
    async () => {
      await app.runJobs();
      const response = await downloadInvoice(app, viewer, invoiceId, 'pdf');
      return response.status === 200 ? (response.body as Buffer) : null;
    },
    'the invoice documents',
    15_000,
  );
  const xml = await downloadInvoice(app, viewer, invoiceId, 'xml')
    .expect(200)
    .expect('Content-Type', /application\/xml/);
  return { pdf, xml: (xml.body as Buffer).toString('utf8') };
}

/** Zero failed asserts of the official rules, the XML embedded in the PDF/A-3 as Factur-X says; answers the PDF's text, its line breaks as spaces. */
export async function expectValidFacturX(pdf: Buffer, xml: string): Promise<string> {
  expect((await failedAsserts(xml)).map(({ id, text }) => `${id}: ${text}`)).toEqual([]);
  const read = await readPdf(pdf);
  expect(read.attachments['factur-x.xml']).toBe(xml);
  expect(read.metadata).toContain('<pdfaid:part>3</pdfaid:part>');
  expect(read.metadata).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
  expect(pdf.toString('latin1')).toContain('/AFRelationship /Alternative');
  return read.text.replace(/\s+/g, ' ');
}
