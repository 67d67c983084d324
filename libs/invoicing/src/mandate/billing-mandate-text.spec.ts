import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BILLING_MANDATE_VERSIONS, billingMandateOffered, CURRENT_BILLING_MANDATE } from './billing-mandate-text';

describe('the billing mandate text', () => {
  const page = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'billing-mandate.md'), 'utf8');

  it('is in docs/billing-mandate.md word for word, in French and in English, every version', () => {
    for (const version of BILLING_MANDATE_VERSIONS) {
      expect(page).toContain(`## Version ${version.version} (contest window: ${version.contestDays} days)`);
      expect(page).toContain(version.fr);
      expect(page).toContain(version.en);
    }
  });

  it('states its contest window, the provider keeping responsibility, and the changes to report', () => {
    expect(CURRENT_BILLING_MANDATE.fr).toContain(`pendant ${CURRENT_BILLING_MANDATE.contestDays} jours`);
    expect(CURRENT_BILLING_MANDATE.en).toContain(`within ${CURRENT_BILLING_MANDATE.contestDays} days`);
    expect(CURRENT_BILLING_MANDATE.fr).toContain("conserve l'entière responsabilité");
    expect(CURRENT_BILLING_MANDATE.fr).toMatch(/SIREN.*régime de TVA/);
  });

  it('is offered as the version docs/billing-mandate.md shows with its own window, and as another version with any other', () => {
    expect(billingMandateOffered(CURRENT_BILLING_MANDATE.contestDays)).toEqual(CURRENT_BILLING_MANDATE);
    const longer = billingMandateOffered(14);
    expect(longer.version).toBe(`${CURRENT_BILLING_MANDATE.version}+14d`);
    expect(longer.contestDays).toBe(14);
    expect(longer.fr).toContain(`Mandat de facturation — version ${longer.version}`);
    expect(longer.fr).toContain('pendant 14 jours');
    expect(longer.en).toContain('within 14 days');
    expect(billingMandateOffered(1).fr).toContain('pendant 1 jour à compter');
    expect(longer.fr.replace(/version \S+/, '').replace('14 jours', '7 jours')).toBe(CURRENT_BILLING_MANDATE.fr.replace(/version \S+/, ''));
  });
});
