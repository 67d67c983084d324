import { calculateJwkThumbprint } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { loadAppConfig } from './app-config';
import { newReputationSigningKeySet, parseReputationSigningKeys } from './reputation-signing-keys';

function aPrivateJwk(kid: string, namedCurve = 'P-256'): Record<string, string> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve });
  return { kid, ...(privateKey.export({ format: 'jwk' }) as Record<string, string>) };
}

const withoutD = ({ kid, kty, crv, x, y }: Record<string, string>) => ({ kid, kty, crv, x, y });
const problemOf = (keys: unknown) => {
  const parsed = parseReputationSigningKeys(JSON.stringify({ keys }));
  return parsed.ok ? null : parsed.problem;
};

describe('REPUTATION_SIGNING_KEYS', () => {
  it('reads a JWK Set whose first key signs and whose retired keys may be public only, in order', () => {
    const current = aPrivateJwk('2027-01');
    const retired = withoutD(aPrivateJwk('2026-06'));
    const parsed = parseReputationSigningKeys(JSON.stringify({ keys: [{ ...current, alg: 'ES256', use: 'sig' }, retired] }));
    expect(parsed).toEqual({
      ok: true,
      keys: [
        { kid: '2027-01', x: current.x, y: current.y, d: current.d },
        { kid: '2026-06', x: retired.x, y: retired.y },
      ],
    });
  });

  it('refuses, naming the key, what cannot sign or verify ES256', () => {
    const key = aPrivateJwk('a');
    expect(parseReputationSigningKeys('{keys:')).toEqual({ ok: false, problem: 'is not JSON' });
    expect(problemOf([])).toMatch(/^has no keys/);
    expect(problemOf([withoutD(key)])).toBe('key 1 (kid "a"): signs (it is first), so it needs its private part d');
    expect(problemOf([{ ...key, kid: undefined }])).toBe('key 1: needs a kid (1 to 100 characters)');
    expect(problemOf([aPrivateJwk('b', 'P-384')])).toBe('key 1 (kid "b"): must be an EC key on P-256 (kty "EC", crv "P-256")');
    expect(problemOf([{ ...key, alg: 'RS256' }])).toBe('key 1 (kid "a"): has an alg other than ES256');
    expect(problemOf([key, { ...aPrivateJwk('a') }])).toBe('key 2 (kid "a"): another key has the same kid');
    expect(problemOf([{ ...key, d: aPrivateJwk('c').d }])).toBe('key 1 (kid "a"): its d is not the private key of its x and y');
    expect(problemOf([{ ...key, y: key.x }])).toMatch(/^key 1 \(kid "a"\): is not a valid P-256 key/);
  });

  it('is required in production, and a bad one stops the start with one line naming the variable', () => {
    const production = loadAppConfig({ NODE_ENV: 'production' });
    expect(!production.ok && production.problems.some((line) => line.startsWith('REPUTATION_SIGNING_KEYS is required'))).toBe(true);
    const bad = loadAppConfig({ REPUTATION_SIGNING_KEYS: '{"keys":[{"kid":"x"}]}' });
    expect(bad).toEqual({
      ok: false,
      problems: ['REPUTATION_SIGNING_KEYS key 1 (kid "x"): must be an EC key on P-256 (kty "EC", crv "P-256")'],
    });
  });

  it('generates a set of one signing key named by its RFC 7638 thumbprint', async () => {
    const parsed = parseReputationSigningKeys(newReputationSigningKeySet());
    if (!parsed.ok) throw new Error(parsed.problem);
    const [{ kid, x, y, d }] = parsed.keys;
    expect(parsed.keys).toHaveLength(1);
    expect(d).toEqual(expect.any(String));
    expect(kid).toBe(await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x, y }));
  });
});
