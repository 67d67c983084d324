/**
 * FranceConnect (the French state's OpenID Connect identity federation). Off unless
 * FRANCECONNECT_ISSUER is set; `local` starts a provider inside the app, configured like
 * FranceConnect's integration platform, so the flow runs on a developer's machine with no internet.
 */
import { ConfigProblems, EnvReader } from './env-reader';

/** FranceConnect's eIDAS levels, weakest first: FranceConnect gives eidas1, FranceConnect+ eidas2 and eidas3. */
export const EIDAS_LEVELS = ['eidas1', 'eidas2', 'eidas3'] as const;
export type EidasLevel = (typeof EIDAS_LEVELS)[number];

export interface FranceConnectConfig {
  /** The provider's issuer URL (discovered through /.well-known/openid-configuration), or `local`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Our callback as registered with the provider: `<PUBLIC_API_URL>/auth/franceconnect/callback` by default. */
  redirectUri: string;
  /** Asked as acr_values and required of the id_token's acr (or a stronger level). */
  acr: EidasLevel;
  /** How long each HTTP call to the provider (discovery, keys, token, userinfo) waits for an answer. */
  timeoutMs: number;
}

export const LOCAL_FRANCECONNECT = 'local';
const LOCAL_CLIENT = { clientId: 'marketplace-local', clientSecret: 'marketplace-local-franceconnect-secret' };

export function readFranceConnect(
  read: EnvReader,
  problems: ConfigProblems,
  { isProduction, publicApiUrl }: { isProduction: boolean; publicApiUrl: string },
): FranceConnectConfig | undefined {
  const issuer = read.optionalPattern('FRANCECONNECT_ISSUER', /^(local|https?:\/\/\S+)$/, 'an http(s) URL, or local');
  if (!issuer) return undefined;
  const local = issuer === LOCAL_FRANCECONNECT;
  if (local && isProduction) problems.add('FRANCECONNECT_ISSUER', 'cannot be local when NODE_ENV=production');
  const clientId = read.optionalString('FRANCECONNECT_CLIENT_ID', { minLength: 1 });
  const clientSecret = read.optionalString('FRANCECONNECT_CLIENT_SECRET', { minLength: 1 });
  if (!local && !clientId) problems.add('FRANCECONNECT_CLIENT_ID', 'is required with FRANCECONNECT_ISSUER');
  if (!local && !clientSecret) problems.add('FRANCECONNECT_CLIENT_SECRET', 'is required with FRANCECONNECT_ISSUER');
  return {
    issuer,
    clientId: clientId ?? LOCAL_CLIENT.clientId,
    clientSecret: clientSecret ?? LOCAL_CLIENT.clientSecret,
    redirectUri: read.optionalUrl('FRANCECONNECT_REDIRECT_URI', ['http:', 'https:']) ?? `${publicApiUrl}/auth/franceconnect/callback`,
    acr: read.oneOf('FRANCECONNECT_ACR', EIDAS_LEVELS, 'eidas1'),
    timeoutMs: read.integer('FRANCECONNECT_TIMEOUT_MS', 5000, { min: 100, max: 60_000 }),
  };
}
