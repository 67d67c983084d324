/**
 * The platform's signature on an income statement: Ed25519, by the key whose 32-byte seed is
 * INCOME_STATEMENT_SIGNING_KEY, over the statement's facts in a canonical form (JSON, keys sorted,
 * no spaces, UTF-8) prefixed with a label, so that the signature cannot be passed off as one over
 * anything else the key might sign. The key is named by its id: the first 16 hex digits of the
 * SHA-256 of its public key (SubjectPublicKeyInfo, DER), printed on the statement.
 */
import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';

const LABEL = 'marketplace income statement v1\n';
/** The DER of a PKCS#8 Ed25519 private key, but for its 32-byte seed (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export class StatementSigner {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  readonly keyId: string;

  constructor(seed: Buffer) {
    this.privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    this.publicKey = createPublicKey(this.privateKey);
    this.keyId = createHash('sha256')
      .update(this.publicKey.export({ format: 'der', type: 'spki' }))
      .digest('hex')
      .slice(0, 16);
  }

  /** The public key, for anyone to check a statement's signature with. */
  publicKeyPem(): string {
    return this.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  }

  /** Base64 of the signature over the canonical form (as stored, signed exactly). */
  sign(canonical: string): string {
    return sign(null, Buffer.from(LABEL + canonical, 'utf8'), this.privateKey).toString('base64');
  }

  verifies(canonical: string, signature: string): boolean {
    return verify(null, Buffer.from(LABEL + canonical, 'utf8'), this.publicKey, Buffer.from(signature, 'base64'));
  }
}
