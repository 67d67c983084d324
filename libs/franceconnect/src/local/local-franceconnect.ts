/**
 * A stand-in for FranceConnect's integration platform, for development and tests only
 * (FRANCECONNECT_ISSUER=local): an OpenID provider (`oidc-provider`) on its own loopback port with
 * FranceConnect's scopes and claims, its `eidas1` level, RS256 signatures, PKCE required, and a
 * login page listing a few test identities. No internet, no real person.
 */
import type { FranceConnectConfig } from '@marketplace/config';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Configuration, KoaContextWithOIDC, Provider } from 'oidc-provider';
import { FRANCECONNECT_CLAIMS, FranceConnectIdentity, localTestIdentities } from './local-test-identities';

export interface LocalFranceConnect {
  issuer: string;
  close(): Promise<void>;
}

export interface LocalFranceConnectOptions {
  client: FranceConnectConfig;
  /** Where the provider may send the browser after logout (the web app). */
  postLogoutRedirectUri: string;
  /** Today, for the test identities' ages. */
  today: Date;
}

const INTERACTION = /^\/interaction\/([\w-]+)(\/login)?$/;

export async function startLocalFranceConnect({
  client,
  postLogoutRedirectUri,
  today,
}: LocalFranceConnectOptions): Promise<LocalFranceConnect> {
  const identities = localTestIdentities(today);
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // Loaded only in this mode: production never starts a provider.
  const { Provider: OidcProvider } = await import('oidc-provider');
  const provider = new OidcProvider(issuer, configurationFor(client, postLogoutRedirectUri, identities));
  const oidc = provider.callback();
  handle = (req, res) => {
    const interaction = INTERACTION.exec(req.url ?? '');
    if (!interaction) return void oidc(req, res);
    const answer =
      interaction[2] && req.method === 'POST' ? signIn(provider, identities, req, res) : loginPage(provider, identities, req, res);
    answer.catch((error: Error) => res.writeHead(400, { 'content-type': 'text/plain' }).end(error.message));
  };
  return { issuer, close: () => closeServer(server) };
}

function configurationFor(client: FranceConnectConfig, postLogoutRedirectUri: string, identities: FranceConnectIdentity[]): Configuration {
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  return {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectUri],
        post_logout_redirect_uris: [postLogoutRedirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
        id_token_signed_response_alg: 'RS256',
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'local-franceconnect', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true, methods: ['S256'] },
    acrValues: ['eidas1'],
    claims: FRANCECONNECT_CLAIMS,
    findAccount: (_ctx, sub) => {
      const identity = identities.find((candidate) => candidate.sub === sub);
      return identity && { accountId: sub, claims: () => ({ ...identity }) };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // FranceConnect's own lifetimes, about: ten minutes to sign in, a session of a working day.
    ttl: { Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600, AuthorizationCode: 60, AccessToken: 60, IdToken: 60 },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource },
    },
  };
}

function logoutSource(ctx: KoaContextWithOIDC, form: string): void {
  ctx.body = page(
    'Se déconnecter de FranceConnect',
    `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Se déconnecter</button>`,
  );
}

async function loginPage(
  provider: Provider,
  identities: FranceConnectIdentity[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { uid } = await provider.interactionDetails(req, res);
  const choices = identities
    .map(
      (identity) =>
        `<button type="submit" name="sub" value="${identity.sub}">${identity.given_name} ${identity.family_name} (${identity.birthdate})</button>`,
    )
    .join('<br>');
  res
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    .end(page('FranceConnect (local)', `<form method="post" action="/interaction/${uid}/login">${choices}</form>`));
}

/** The chosen identity signs in at eidas1 and grants every scope asked: the integration platform asks no consent either. */
async function signIn(provider: Provider, identities: FranceConnectIdentity[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const sub = new URLSearchParams(await bodyOf(req)).get('sub');
  const details = await provider.interactionDetails(req, res);
  if (!identities.some((identity) => identity.sub === sub)) throw new Error('Unknown test identity.');
  const grant = new provider.Grant({ accountId: sub!, clientId: String(details.params.client_id) });
  grant.addOIDCScope(String(details.params.scope));
  await provider.interactionFinished(req, res, { login: { accountId: sub!, acr: 'eidas1' }, consent: { grantId: await grant.save() } });
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
