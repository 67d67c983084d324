import { AppConfig, InjectConfig, REPUTATION_SIGNING_KEYS } from '@marketplace/config';
import { Injectable } from '@nestjs/common';
import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';

/** A public key as /.well-known/jwks.json publishes it (RFC 7517, RFC 7518 §6.2). */
export interface PublishedJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  use: 'sig';
  alg: 'ES256';
}

/**
 * The platform's reputation keys (REPUTATION_SIGNING_KEYS, validated at start-up): the first signs
 * new credentials; every one, the retired ones included, verifies what it signed, found by its kid.
 */
@Injectable()
export class CredentialKeys {
  readonly signingKeyId: string;
  readonly signingKey: KeyObject;
  /** In the order configured: the signing key first. */
  readonly published: PublishedJwk[];
  private readonly verifying: Map<string, KeyObject>;

  constructor(@InjectConfig() config: AppConfig) {
    const keys = config.reputationSigningKeys;
    if (!keys?.length) throw new Error(`${REPUTATION_SIGNING_KEYS} is not configured.`);
    const [signing] = keys;
    this.signingKeyId = signing.kid;
    this.signingKey = createPrivateKey({ key: { kty: 'EC', crv: 'P-256', x: signing.x, y: signing.y, d: signing.d }, format: 'jwk' });
    this.published = keys.map(({ kid, x, y }) => ({ kty: 'EC', crv: 'P-256', x, y, kid, use: 'sig', alg: 'ES256' }));
    this.verifying = new Map(
      keys.map(({ kid, x, y }) => [kid, createPublicKey({ key: { kty: 'EC', crv: 'P-256', x, y }, format: 'jwk' })]),
    );
  }

  /** The public key of this kid, if it is one of ours. */
  verifyingKey(kid: string): KeyObject | undefined {
    return this.verifying.get(kid);
  }
}
