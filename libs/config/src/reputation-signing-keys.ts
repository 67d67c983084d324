/**
 * REPUTATION_SIGNING_KEYS: the platform's ES256 (P-256) keys that sign reputation credentials, as a
 * JWK Set (`{"keys":[…]}`), each key with its `kid`. The first key signs, so it carries its private
 * part (`d`); the keys after it only verify what they signed before a rotation, and may be given
 * as their public part alone: a retired private key need be kept nowhere. Checked at start-up with
 * node:crypto (the point is on the curve, `d` is the private key of `x`/`y`), so a bad key stops
 * the process with a line naming the key instead of failing at the first export.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { ConfigProblems, EnvReader } from './env-reader';

export const REPUTATION_SIGNING_KEYS = 'REPUTATION_SIGNING_KEYS';

/** One key of the set, as validated: its public coordinates, and its private scalar when it may sign. */
export interface ReputationSigningKey {
  kid: string;
  x: string;
  y: string;
  /** Absent for a retired key kept to verify. */
  d?: string;
}

export type ReputationSigningKeysResult = { ok: true; keys: ReputationSigningKey[] } | { ok: false; problem: string };

const PROBE = Buffer.from('reputation signing key check');

/** At most this many keys: a set is the signing key and the few it replaced, not an archive. */
const MAX_KEYS = 20;

export function readReputationSigningKeys(read: EnvReader, problems: ConfigProblems): ReputationSigningKey[] | undefined {
  const text = read.optionalString(REPUTATION_SIGNING_KEYS, { minLength: 1 });
  if (text === undefined) return undefined;
  const parsed = parseReputationSigningKeys(text);
  if (parsed.ok) return parsed.keys;
  problems.add(REPUTATION_SIGNING_KEYS, parsed.problem);
  return undefined;
}

/** The key set of a JWK Set's JSON, or the one problem that refuses it (phrased to follow the variable's name). */
export function parseReputationSigningKeys(text: string): ReputationSigningKeysResult {
  let set: unknown;
  try {
    set = JSON.parse(text);
  } catch {
    return refused('is not JSON');
  }
  const keys = isObject(set) && Array.isArray(set.keys) ? (set.keys as unknown[]) : undefined;
  if (!keys || keys.length === 0) return refused('has no keys (a JWK Set, {"keys":[…]}, the signing key first)');
  if (keys.length > MAX_KEYS) return refused(`has ${keys.length} keys: at most ${MAX_KEYS}`);
  const validated: ReputationSigningKey[] = [];
  for (const [index, key] of keys.entries()) {
    const checked = checkedKey(key, index === 0);
    const which = `key ${index + 1}${isObject(key) && typeof key.kid === 'string' ? ` (kid "${key.kid}")` : ''}`;
    if (typeof checked === 'string') return refused(`${which}: ${checked}`);
    if (validated.some(({ kid }) => kid === checked.kid)) return refused(`${which}: another key has the same kid`);
    validated.push(checked);
  }
  return { ok: true, keys: validated };
}

/** A new key set of one generated key, as REPUTATION_SIGNING_KEYS takes it (for the local secrets and the bench); its kid is its RFC 7638 thumbprint. */
export function newReputationSigningKeySet(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { x, y, d } = privateKey.export({ format: 'jwk' });
  const key = { kty: 'EC', crv: 'P-256', x: x!, y: y!, d: d! };
  return JSON.stringify({ keys: [{ ...key, kid: jwkThumbprint(key) }] });
}

/** RFC 7638: the SHA-256 of the key's required members in lexicographic order, base64url. */
function jwkThumbprint({ x, y }: { x: string; y: string }): string {
  return createHash('sha256')
    .update(JSON.stringify({ crv: 'P-256', kty: 'EC', x, y }))
    .digest('base64url');
}

function checkedKey(key: unknown, signs: boolean): ReputationSigningKey | string {
  if (!isObject(key)) return 'is not a JWK object';
  const { kid, kty, crv, x, y, d, alg, use } = key;
  if (typeof kid !== 'string' || kid.trim() === '' || kid.length > 100) return 'needs a kid (1 to 100 characters)';
  if (kty !== 'EC' || crv !== 'P-256') return 'must be an EC key on P-256 (kty "EC", crv "P-256")';
  if (alg !== undefined && alg !== 'ES256') return 'has an alg other than ES256';
  if (use !== undefined && use !== 'sig') return 'has a use other than sig';
  if (typeof x !== 'string' || typeof y !== 'string') return 'needs its public coordinates x and y';
  if (d !== undefined && typeof d !== 'string') return 'has a d that is not a string';
  if (signs && d === undefined) return 'signs (it is first), so it needs its private part d';
  try {
    const publicKey = createPublicKey({ key: { kty, crv, x, y }, format: 'jwk' });
    // A signature made with d that x and y verify: d belongs to that point (an import alone may not check it).
    if (d !== undefined) {
      const privateKey = createPrivateKey({ key: { kty, crv, x, y, d }, format: 'jwk' });
      if (!verify('sha256', PROBE, publicKey, sign('sha256', PROBE, privateKey))) return 'its d is not the private key of its x and y';
    }
  } catch {
    return 'is not a valid P-256 key (x, y and d must be base64url coordinates of a point on the curve)';
  }
  return d === undefined ? { kid, x, y } : { kid, x, y, d };
}

function refused(problem: string): ReputationSigningKeysResult {
  return { ok: false, problem };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
