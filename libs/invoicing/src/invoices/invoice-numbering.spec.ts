import { parisDate, providerInvoiceNumber } from './invoice-numbering';

describe('invoice numbers', () => {
  it('name the provider, the year and a six-digit sequence, within the 35 characters and the characters BR-FR-01/02 allow', () => {
    const number = providerInvoiceNumber('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', 2026, 42);
    expect(number).toBe('JB-0A1B2C3D4E-2026-000042');
    expect(number).toMatch(/^[A-Za-z0-9+_/-]{1,35}$/);
    expect(providerInvoiceNumber('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', 2026, 12_345_678).length).toBeLessThanOrEqual(35);
  });

  it('date an invoice in Paris: 23:30 UTC on 31 December is already the next year there', () => {
    expect(parisDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(parisDate(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
  });
});
