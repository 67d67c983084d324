import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BILLING_MANDATE_VERSIONS, CURRENT_BILLING_MANDATE } from './billing-mandate-text';

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
});
