import { loadAppConfig } from './app-config';
import { frenchVatNumberOf } from './platform-legal-config';

const problemsFor = (env: NodeJS.ProcessEnv) => {
  const result = loadAppConfig(env);
  return result.ok ? [] : result.problems;
};

describe("the platform's legal details", () => {
  it('default to a visibly fictitious company whose SIREN and VAT number are valid', () => {
    const result = loadAppConfig({});
    expect(result.ok && result.config.platformLegal).toEqual({
      name: 'Marketplace Exemple SAS (fictive)',
      legalForm: 'SAS',
      shareCapitalEuros: 1000,
      siren: '123456782',
      vatNumber: 'FR11123456782',
      rcsCity: 'Paris',
      addressLine: "1 rue de l'Exemple",
      postcode: '75001',
      city: 'Paris',
    });
  });

  it('derive the VAT number from the SIREN: FR, (12 + 3 × (SIREN mod 97)) mod 97, the SIREN', () => {
    expect(frenchVatNumberOf('404833048')).toBe('FR83404833048');
    expect(frenchVatNumberOf('000000000')).toBe('FR12000000000');
  });

  it('read a real identity, spaces in the numbers ignored', () => {
    const result = loadAppConfig({
      PLATFORM_LEGAL_NAME: 'Jobbing France',
      PLATFORM_LEGAL_FORM: 'SAS',
      PLATFORM_SHARE_CAPITAL_EUROS: '25000',
      PLATFORM_SIREN: '404 833 048',
      PLATFORM_VAT_NUMBER: 'FR 83 404833048',
      PLATFORM_RCS_CITY: 'Lyon',
      PLATFORM_ADDRESS_LINE: '2 place Bellecour',
      PLATFORM_POSTCODE: '69002',
      PLATFORM_CITY: 'Lyon',
    });
    expect(result.ok && result.config.platformLegal).toMatchObject({
      siren: '404833048',
      vatNumber: 'FR83404833048',
      shareCapitalEuros: 25000,
    });
  });

  it('refuse to start on a SIREN with a bad checksum, or a VAT number that is not the SIREN’s', () => {
    expect(problemsFor({ PLATFORM_SIREN: '404833049' })).toEqual(['PLATFORM_SIREN must be 9 digits with a valid (Luhn) checksum']);
    expect(problemsFor({ PLATFORM_SIREN: '40483304' })).toEqual(['PLATFORM_SIREN must be 9 digits with a valid (Luhn) checksum']);
    expect(problemsFor({ PLATFORM_SIREN: '404833048', PLATFORM_VAT_NUMBER: 'FR84404833048' })).toEqual([
      'PLATFORM_VAT_NUMBER must be the VAT number of PLATFORM_SIREN: FR83404833048 (FR, its key, the SIREN)',
    ]);
    expect(problemsFor({ PLATFORM_SHARE_CAPITAL_EUROS: '0' })).toEqual([
      expect.stringMatching(/^PLATFORM_SHARE_CAPITAL_EUROS must be a whole number from 1/),
    ]);
  });

  it('are required in production: invoices never name the fictitious company there', () => {
    const problems = problemsFor({ NODE_ENV: 'production' }).filter((line) => line.startsWith('PLATFORM_'));
    expect(problems.map((line) => line.split(' ')[0])).toEqual([
      'PLATFORM_SIREN',
      'PLATFORM_LEGAL_NAME',
      'PLATFORM_RCS_CITY',
      'PLATFORM_ADDRESS_LINE',
      'PLATFORM_POSTCODE',
      'PLATFORM_CITY',
    ]);
  });
});
