/**
 * The platform's signature on an income statement: Ed25519, by the key whose 32-byte seed is
 * INCOME_STATEMENT_SIGNING_KEY, over the statement's facts in a canonical form (JSON, keys sorted,
 * no spaces, UTF-8) prefixed with a label, so that the signature cannot be passed off as one over
 * anything else the key might sign. The key is named by its id: the first 16 hex digits of the
 * SHA-256 of its public key (SubjectPublicKeyInfo, DER), printed on the statement and stored with
 * it. After a rotation, the retired keys' public keys (INCOME_STATEMENT_RETIRED_PUBLIC_KEYS) still
 * verify what they signed: a retired private key is kept nowhere.
 */
import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';

const LABEL = 'marketplace income statement v1\n';
/** The DER of a PKCS#8 Ed25519 private key, but for its 32-byte seed (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** The DER of an SPKI Ed25519 public key, but for its 32 bytes (RFC 8410). */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Checks the signatures of one key, from its public key alone. */
export class StatementVerifier {
  readonly keyId: string;

  constructor(private readonly publicKey: KeyObject) {
    this.keyId = createHash('sha256')
      .update(publicKey.export({ format: 'der', type: 'spki' }))
      .digest('hex')
      .slice(0, 16);
  }

  /** From the 32 bytes of an Ed25519 public key (as `publicKeyRaw` gives them). */
  static ofPublicKey(raw: Buffer): StatementVerifier {
    return new StatementVerifier(createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' }));
  }

  /** The public key, for anyone to check a statement's signature with. */
  publicKeyPem(): string {
    return this.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  }

  /** The public key's 32 bytes: what INCOME_STATEMENT_RETIRED_PUBLIC_KEYS lists once this key is rotated out. */
  publicKeyRaw(): Buffer {
    return this.publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX.length);
  }

  verifies(canonical: string, signature: string): boolean {
    return verify(null, Buffer.from(LABEL + canonical, 'utf8'), this.publicKey, Buffer.from(signature, 'base64'));
  }
}

export class StatementSigner extends StatementVerifier {
  private readonly privateKey: KeyObject;

  constructor(seed: Buffer) {
    const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    super(createPublicKey(privateKey));
    this.privateKey = privateKey;
  }

  /** Base64 of the signature over the canonical form (as stored, signed exactly). */
  sign(canonical: string): string {
    return sign(null, Buffer.from(LABEL + canonical, 'utf8'), this.privateKey).toString('base64');
  }
}
