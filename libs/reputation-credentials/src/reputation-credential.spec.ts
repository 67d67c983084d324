import { MissionCategory } from '@marketplace/missions';
import { RatingRole } from '@marketplace/ratings';
import { claimsOf, credentialOf, ReputationClaims, validityFrom } from './reputation-credential';

const claims: ReputationClaims = {
  id: 'urn:uuid:8a1f6c2e-4b3d-4e5f-9a7b-1c2d3e4f5a6b',
  issuer: 'https://api.example.test',
  ...validityFrom(new Date('2026-12-02T10:15:30.750Z')),
  subject: {
    id: 'urn:uuid:0b9c8d7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e',
    name: 'Karim',
    asProvider: { count: 2, average: 4.5 },
    asClient: { count: 0, average: null },
    ratings: [
      { role: RatingRole.PROVIDER, score: 5, date: '2026-11-30', missionCategory: MissionCategory.FURNITURE_ASSEMBLY },
      { role: RatingRole.PROVIDER, score: 4, date: '2026-11-02', missionCategory: MissionCategory.MOVING },
    ],
  },
};

const roundTrip = (credential: unknown) => claimsOf(JSON.parse(JSON.stringify(credential)));

describe('the reputation credential', () => {
  it('is a VC 2.0 credential whose JWT claims repeat its issuer, subject, id and validity, from the whole second, for a year', () => {
    const credential = credentialOf(claims, 'Marketplace Exemple SAS');
    expect(credential).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', { '@vocab': 'https://api.example.test/ns/reputation#' }],
      type: ['VerifiableCredential', 'ReputationCredential'],
      issuer: { id: 'https://api.example.test', name: 'Marketplace Exemple SAS' },
      validFrom: '2026-12-02T10:15:30Z',
      validUntil: '2027-12-02T10:15:30Z',
      iss: 'https://api.example.test',
      sub: claims.subject.id,
      jti: claims.id,
      iat: Date.parse('2026-12-02T10:15:30Z') / 1000,
      nbf: Date.parse('2026-12-02T10:15:30Z') / 1000,
      exp: Date.parse('2027-12-02T10:15:30Z') / 1000,
    });
    expect(credential.vc).toBeUndefined();
    expect(roundTrip(credential)).toEqual(claims);
  });

  it('is read back with an issuer given as a plain URL too', () => {
    expect(roundTrip({ ...credentialOf(claims, 'x'), issuer: 'https://api.example.test' })).toEqual(claims);
  });

  it('says what is missing from a payload that is not one', () => {
    const credential = credentialOf(claims, 'x');
    const subject = credential.credentialSubject as Record<string, unknown>;
    expect(claimsOf('a string')).toBe('is not a JSON object');
    expect(roundTrip({ ...credential, '@context': ['https://www.w3.org/2018/credentials/v1'] })).toMatch(/^has no @context starting with/);
    expect(roundTrip({ ...credential, type: ['VerifiableCredential'] })).toMatch(/^is not of the types/);
    expect(roundTrip({ ...credential, id: 'credential-1' })).toBe('has no id (urn:uuid:…)');
    expect(roundTrip({ ...credential, validUntil: '2027-12-02' })).toMatch(/^has no validFrom and validUntil/);
    expect(roundTrip({ ...credential, credentialSubject: { ...subject, asClient: { count: 0, average: 3 } } })).toMatch(
      /^has a credentialSubject that has no count and average/,
    );
    for (const rating of [
      { role: 'AUTHOR', score: 5, date: '2026-11-30', missionCategory: 'MOVING' },
      { role: 'PROVIDER', score: 6, date: '2026-11-30', missionCategory: 'MOVING' },
      { role: 'PROVIDER', score: 5, date: '30/11/2026', missionCategory: 'MOVING' },
      { role: 'PROVIDER', score: 5, date: '2026-11-30', missionCategory: 'ROCKETS' },
    ]) {
      expect(roundTrip({ ...credential, credentialSubject: { ...subject, ratings: [rating] } })).toMatch(
        /^has a credentialSubject that has ratings/,
      );
    }
  });
});
