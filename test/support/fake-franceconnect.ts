/**
 * An OpenID provider that issues whatever id_token a test asks for (forged, expired, another
 * nonce, a weaker acr), to prove each is refused, and whose token endpoint can hang or fail; the
 * local provider only ever issues good ones, at once.
 */
import { generateKeyPairSync, KeyObject, randomBytes, sign } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export type IdTokenClaims = Record<string, unknown>;

export const FAKE_PERSON = {
  given_name: 'Marie',
  family_name: 'LEROY',
  birthdate: '1985-01-20',
  birthplace: '33063',
  birthcountry: '99100',
  gender: 'female',
  email: 'marie.leroy@franceconnect.localhost',
  preferred_username: '',
};

export class FakeFranceConnect {
  /** Shapes the next id_tokens: claims to change, and whether to sign with a key the JWKS does not have. */
  nextIdToken: { claims?: (claims: IdTokenClaims) => IdTokenClaims; forged?: boolean } = {};
  /** How the token endpoint behaves: as it should, never answering (a timeout), or failing (503). */
  tokenEndpoint: 'answers' | 'hangs' | 'unavailable' = 'answers';
  private readonly key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  private readonly nonces = new Map<string, string>();

  private constructor(
    private readonly server: Server,
    readonly clientId: string,
  ) {}

  static async start(clientId: string): Promise<FakeFranceConnect> {
    const server = createServer();
    const fake = new FakeFranceConnect(server, clientId);
    server.on('request', (req, res) => {
      const url = new URL(req.url ?? '/', fake.issuer);
      const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (url.pathname === '/.well-known/openid-configuration') return json(fake.discovery());
      if (url.pathname === '/jwks')
        return json({ keys: [{ ...fake.key.publicKey.export({ format: 'jwk' }), kid: 'fake', alg: 'RS256', use: 'sig' }] });
      if (url.pathname === '/userinfo') return json({ sub: 'fake-marie-leroy', ...FAKE_PERSON });
      if (url.pathname === '/token' && fake.tokenEndpoint === 'hangs') return;
      if (url.pathname === '/token' && fake.tokenEndpoint === 'unavailable') return void res.writeHead(503).end('Service Unavailable');
      if (url.pathname === '/token') return void fake.token(req, json);
      if (url.pathname === '/authorize') {
        const code = randomBytes(16).toString('hex');
        fake.nonces.set(code, url.searchParams.get('nonce') ?? '');
        const back = new URL(url.searchParams.get('redirect_uri')!);
        back.search = new URLSearchParams({ code, state: url.searchParams.get('state') ?? '' }).toString();
        return void res.writeHead(302, { location: back.toString() }).end();
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get issuer(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private discovery() {
    return {
      issuer: this.issuer,
      authorization_endpoint: `${this.issuer}/authorize`,
      token_endpoint: `${this.issuer}/token`,
      userinfo_endpoint: `${this.issuer}/userinfo`,
      jwks_uri: `${this.issuer}/jwks`,
      end_session_endpoint: `${this.issuer}/session/end`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    };
  }

  private async token(req: NodeJS.ReadableStream, json: (body: unknown) => void): Promise<void> {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const code = new URLSearchParams(body).get('code') ?? '';
    const now = Math.floor(Date.now() / 1000);
    const claims: IdTokenClaims = {
      iss: this.issuer,
      aud: this.clientId,
      sub: 'fake-marie-leroy',
      iat: now,
      exp: now + 60,
      nonce: this.nonces.get(code),
      acr: 'eidas2',
    };
    const shaped = this.nextIdToken.claims ? this.nextIdToken.claims(claims) : claims;
    json({
      access_token: randomBytes(16).toString('hex'),
      token_type: 'Bearer',
      expires_in: 60,
      id_token: this.jwt(shaped, this.nextIdToken.forged ? this.otherKey : this.key.privateKey),
    });
  }

  private jwt(claims: IdTokenClaims, key: KeyObject): string {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const signed = `${part({ alg: 'RS256', typ: 'JWT', kid: 'fake' })}.${part(claims)}`;
    return `${signed}.${sign('sha256', Buffer.from(signed), key).toString('base64url')}`;
  }
}
