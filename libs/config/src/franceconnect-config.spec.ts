import { loadAppConfig } from './app-config';

function franceConnectOf(env: NodeJS.ProcessEnv) {
  const result = loadAppConfig(env);
  return result.ok ? result.config.franceConnect : result.problems;
}

describe('FranceConnect configuration', () => {
  it('is off unless FRANCECONNECT_ISSUER is set', () => {
    expect(franceConnectOf({})).toBeUndefined();
  });

  it('local: the local provider and its client, our callback under PUBLIC_API_URL, eidas1, 5 s per call', () => {
    expect(franceConnectOf({ FRANCECONNECT_ISSUER: 'local', PUBLIC_API_URL: 'http://localhost:3450' })).toEqual({
      issuer: 'local',
      clientId: 'marketplace-local',
      clientSecret: 'marketplace-local-franceconnect-secret',
      redirectUri: 'http://localhost:3450/auth/franceconnect/callback',
      acr: 'eidas1',
      timeoutMs: 5000,
    });
  });

  it('a real issuer needs its client id and secret; the level is one of eidas1, eidas2, eidas3; a timeout of 100 ms to a minute', () => {
    expect(
      franceConnectOf({
        FRANCECONNECT_ISSUER: 'https://fcp.integ01.dev-franceconnect.fr/api/v1',
        FRANCECONNECT_ACR: 'eidas9',
        FRANCECONNECT_TIMEOUT_MS: '0',
      }),
    ).toEqual([
      'FRANCECONNECT_CLIENT_ID is required with FRANCECONNECT_ISSUER',
      'FRANCECONNECT_CLIENT_SECRET is required with FRANCECONNECT_ISSUER',
      'FRANCECONNECT_ACR must be one of eidas1, eidas2, eidas3 (got "eidas9")',
      'FRANCECONNECT_TIMEOUT_MS must be a whole number from 100 to 60000 (got "0")',
    ]);
    expect(franceConnectOf({ FRANCECONNECT_ISSUER: 'ftp://nope' })).toEqual(['FRANCECONNECT_ISSUER must be an http(s) URL, or local']);
  });
});
