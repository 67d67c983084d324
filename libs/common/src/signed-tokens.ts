import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token of an email link: its claims (ids, a kind) joined by `:`, base64url, then `.` and
 * their HMAC-SHA256 under the link's secret. Anyone can read the claims; only the secret makes them.
 */
export class SignedTokens {
  constructor(private readonly secret: string) {}

  sign(claims: string[]): string {
    const encoded = Buffer.from(claims.join(':')).toString('base64url');
    return `${encoded}.${this.signatureOf(encoded)}`;
  }

  /** The claims of a token whose signature holds; null for any other string. */
  read(token: string): string[] | null {
    const [encoded, signature, ...rest] = token.split('.');
    const expected = encoded ? this.signatureOf(encoded) : '';
    const given = Buffer.from(signature ?? '');
    if (rest.length > 0 || !encoded || given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) return null;
    return Buffer.from(encoded, 'base64url').toString().split(':');
  }

  private signatureOf(encoded: string): string {
    return createHmac('sha256', this.secret).update(encoded).digest('base64url');
  }
}
