import { createPublicKey, verify } from 'node:crypto';
import { canonicalJson, StatementSigner, StatementVerifier } from './statement-signature';

const seed = Buffer.from('cd'.repeat(32), 'hex');

describe('the signature of income statements', () => {
  it('writes facts canonically: keys sorted at every depth, no spaces, whatever order they were built in', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 'é', e: null }], c: true } })).toBe('{"a":{"c":true,"d":[2,{"e":null,"f":"é"}]},"b":1}');
    expect(canonicalJson({ a: { c: true, d: [2, { e: null, f: 'é' }] }, b: 1 })).toBe(
      canonicalJson({ b: 1, a: { d: [2, { f: 'é', e: null }], c: true } }),
    );
  });

  it('signs with Ed25519 over the labelled canonical form, checkable with the public key alone', () => {
    const signer = new StatementSigner(seed);
    const canonical = canonicalJson({ netCents: 7200, period: { from: '2026-01-01', to: '2026-06-30' } });
    const signature = signer.sign(canonical);
    expect(Buffer.from(signature, 'base64')).toHaveLength(64);
    expect(signer.verifies(canonical, signature)).toBe(true);
    expect(signer.verifies(canonical.replace('7200', '7201'), signature)).toBe(false);
    const publicKey = createPublicKey(signer.publicKeyPem());
    expect(verify(null, Buffer.from(`marketplace income statement v1\n${canonical}`), publicKey, Buffer.from(signature, 'base64'))).toBe(
      true,
    );
    expect(signer.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(new StatementSigner(seed).keyId).toBe(signer.keyId);
    expect(new StatementSigner(Buffer.alloc(32, 1)).verifies(canonical, signature)).toBe(false);
  });

  it('verifies, after a rotation, by the retired key’s 32-byte public key alone, under the same key id', () => {
    const retired = new StatementSigner(seed);
    const signature = retired.sign('{"a":1}');
    const verifier = StatementVerifier.ofPublicKey(retired.publicKeyRaw());
    expect(retired.publicKeyRaw()).toHaveLength(32);
    expect(verifier.keyId).toBe(retired.keyId);
    expect(verifier.verifies('{"a":1}', signature)).toBe(true);
    expect(verifier.verifies('{"a":2}', signature)).toBe(false);
    expect(verifier.verifies('{"a":1}', new StatementSigner(Buffer.alloc(32, 7)).sign('{"a":1}'))).toBe(false);
  });
});
