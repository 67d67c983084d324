import { createHash } from 'node:crypto';
import { ciiInvoiceXml } from './cii-invoice';
import { facturXPdf } from './factur-x-pdf';
import { InvoiceFacts } from './invoice-facts';
import { invoiceMentions } from './invoice-mentions';

const PLATFORM = { name: 'Jobbing Marketplace SAS (fictitious)', siren: '732829320' };

const ISSUED_AT = new Date('2026-12-01T10:00:00Z');

function factsOf(number: string, buyer: Partial<InvoiceFacts['buyer']> = {}): InvoiceFacts {
  return {
    number,
    typeCode: '380',
    issueDate: '2026-12-01',
    serviceDate: '2026-12-01',
    paidDate: '2026-11-28',
    seller: {
      name: 'Karim Benali EI',
      addressLine: '3 rue des Lilas',
      postcode: '75020',
      city: 'Paris',
      country: 'FR',
      siren: '732829320',
      email: 'karim@example.com',
    },
    buyer: {
      name: 'Claire Dubois',
      addressLine: '12 rue Oberkampf',
      postcode: '75011',
      city: 'Paris',
      country: 'FR',
      siren: null,
      email: 'claire@example.com',
      ...buyer,
    },
    business: buyer.siren != null,
    issuer: PLATFORM,
    line: { description: 'Monter une armoire PAX', quantity: 1, unitPriceCents: 12_000 },
    totalCents: 12_000,
    currency: 'EUR',
    mentions: invoiceMentions(PLATFORM, 'Karim Benali EI', '2026-10-01'),
  };
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

describe('the Factur-X PDF', () => {
  it('is byte-identical for the same facts: first in a process, after other invoices, and in another process', async () => {
    const facts = factsOf('JB-0A1B2C3D4E-2026-000001');
    const render = (pdf: typeof facturXPdf, of: InvoiceFacts) => pdf(of, ciiInvoiceXml(of), ISSUED_AT);
    const first = await render(facturXPdf, facts);

    // Other words, glyphs and a business buyer in between: the fonts and word layouts kept across documents must not show.
    const other = await render(
      facturXPdf,
      factsOf('JB-0A1B2C3D4E-2026-000002', {
        name: 'Œuvres & Ébénisterie « Zoé » SARL',
        addressLine: '7 quai d’Orsay',
        siren: '552100554',
      }),
    );
    const again = await render(facturXPdf, facts);
    // A fresh copy of the module, as a new worker process would load it: fonts parsed again, nothing laid out yet.
    let fresh: typeof facturXPdf | undefined;
    await jest.isolateModulesAsync(async () => {
      fresh = (await import('./factur-x-pdf')).facturXPdf;
    });
    const elsewhere = await render(fresh!, facts);

    expect(sha256(again)).toBe(sha256(first));
    expect(sha256(elsewhere)).toBe(sha256(first));
    expect(sha256(other)).not.toBe(sha256(first));
    expect(first.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
  });
});
