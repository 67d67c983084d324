import { Clock } from '@marketplace/common';
import { JobQueue } from '@marketplace/jobs';
import { PURGE_FRANCECONNECT_RECORDS } from '@marketplace/retention';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { aSignedInUser, AUTH_PAYLOAD_FIELDS } from './support/accounts.builders';
import { FakeFranceConnect } from './support/fake-franceconnect';
import { appLanding, FranceConnectBrowser, Page } from './support/franceconnect-browser';
import { aBidInput, aMission, aProvider } from './support/marketplace.builders';
import { errorCodes, TestApp } from './support/test-app';

const EXCHANGE = `mutation ($code: String!) { exchangeSignInCode(code: $code) { ${AUTH_PAYLOAD_FIELDS} } }`;
const START_LINK = `mutation { startFranceConnectLink }`;
const LOGOUT = `mutation ($refreshToken: String!) { logoutFranceConnect(refreshToken: $refreshToken) }`;
const ME = `{ me { id email identityStatus isIdentityVerified } myIdentityVerification { id status source documentType legalName dateOfBirth decidedBy { id } } }`;
const PLACE_BID = `mutation ($input: PlaceBidInput!) { placeBid(input: $input) { id status } }`;

const ANGELA = 'local-angela-dubois';
const PIERRE = 'local-pierre-martin';
const MINOR = 'local-lucas-petit';

/** What a refused callback must leave as it was. */
const TABLES = ['users', 'franceconnect_links', 'identity_verifications', 'franceconnect_sign_in_codes', 'moderation_actions'];

async function counts(app: TestApp): Promise<number[]> {
  return Promise.all(TABLES.map((table) => app.count(table)));
}

describe('FranceConnect through Passport, against the local provider', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({
      FRANCECONNECT_ISSUER: 'local',
      FRANCECONNECT_REDIRECT_URI: 'http://api.test/auth/franceconnect/callback',
      PUBLIC_API_URL: 'http://api.test',
      PUBLIC_APP_URL: 'http://app.test',
    });
  });

  afterAll(async () => {
    await app.close();
  });

  const aBrowser = () => new FranceConnectBrowser({ 'api.test': app.http });

  /** From our start address through the provider's login page (as `sub`) back to the web app. */
  async function throughFranceConnect(
    browser: FranceConnectBrowser,
    sub: string,
    start = 'http://api.test/auth/franceconnect',
  ): Promise<Page> {
    const page = await browser.open(start);
    return page.url.host === 'app.test' ? page : browser.signInAs(page, sub);
  }

  async function exchange(code: string | undefined) {
    const response = await app.graphql(EXCHANGE, { code });
    expect(response.errors).toBeUndefined();
    return response.data!.exchangeSignInCode as { accessToken: string; refreshToken: string; user: { id: string; email: string } };
  }

  it('a first sign-in creates the account with an identity APPROVED from FranceConnect, logged as an automated decision, no document stored', async () => {
    const browser = aBrowser();
    const start = await browser.open('http://api.test/auth/franceconnect');
    const authorize = new URL(start.url);
    expect(authorize.pathname).toMatch(/^\/interaction\//);

    const landing = appLanding(await browser.signInAs(start, ANGELA));
    expect(landing.error).toBeUndefined();
    expect(landing.code).toMatch(/^[\w-]{40,}$/);
    const signedIn = await exchange(landing.code);
    expect(signedIn.user.email).toBe('angela.dubois@franceconnect.localhost');

    const me = await app.graphql(ME, {}, signedIn.accessToken);
    expect(me.data).toEqual({
      me: { id: signedIn.user.id, email: signedIn.user.email, identityStatus: 'APPROVED', isIdentityVerified: true },
      myIdentityVerification: {
        id: expect.any(String),
        status: 'APPROVED',
        source: 'FRANCECONNECT',
        documentType: 'FRANCECONNECT',
        legalName: 'Angela Claire Louise DUBOIS',
        dateOfBirth: '1962-08-24',
        decidedBy: null,
      },
    });
    const [row] = await app.dataSource.query(`SELECT birthplace, birthcountry, gender FROM identity_verifications WHERE user_id = $1`, [
      signedIn.user.id,
    ]);
    expect(row).toEqual({ birthplace: '75107', birthcountry: '99100', gender: 'female' });
    expect(await app.dataSource.query(`SELECT 1 FROM identity_documents WHERE owner_id = $1`, [signedIn.user.id])).toEqual([]);

    // Automated decisions are kept in the log with no moderator, outside the GraphQL log (whose entries name theirs).
    expect(
      await app.dataSource.query(`SELECT action, reason, moderator_id FROM moderation_actions WHERE target_id = $1`, [
        me.data!.myIdentityVerification.id,
      ]),
    ).toEqual([{ action: 'APPROVE_IDENTITY', reason: 'Verified by FranceConnect (automated)', moderator_id: null }]);
  });

  it('the sign-in code is used once: a second exchange is UNAUTHENTICATED', async () => {
    const browser = aBrowser();
    const { code } = appLanding(await throughFranceConnect(browser, ANGELA));
    await exchange(code);
    const again = await app.graphql(EXCHANGE, { code });
    expect(errorCodes(again)).toEqual(['UNAUTHENTICATED']);
  });

  it('an email that has an account asks for its password first; signed in, its owner links FranceConnect, is verified and may bid; logout ends the FranceConnect session too', async () => {
    const owner = await aProvider(app, { verified: false });
    await app.dataSource.query(`UPDATE users SET email = 'pierre.martin@franceconnect.localhost' WHERE id = $1`, [owner.id]);
    const client = await aSignedInUser(app);
    const missionId = await aMission(app, client);
    expect(errorCodes(await app.graphql(PLACE_BID, { input: aBidInput(missionId) }, owner.accessToken))).toEqual(['FORBIDDEN']);

    const before = await counts(app);
    const refused = appLanding(await throughFranceConnect(aBrowser(), PIERRE));
    expect(refused).toEqual({ error: 'SIGN_IN_WITH_PASSWORD_FIRST', code: undefined });
    expect(await counts(app)).toEqual(before);

    const browser = aBrowser();
    const linkUrl = (await app.graphql(START_LINK, {}, owner.accessToken)).data!.startFranceConnectLink as string;
    expect(linkUrl).toMatch(/^http:\/\/api\.test\/auth\/franceconnect\?attempt=/);
    const linked = await exchange(appLanding(await throughFranceConnect(browser, PIERRE, linkUrl)).code);
    expect(linked.user.id).toBe(owner.id);
    expect((await app.graphql(ME, {}, owner.accessToken)).data!.me.isIdentityVerified).toBe(true);
    const bid = await app.graphql(PLACE_BID, { input: aBidInput(missionId) }, owner.accessToken);
    expect(bid.errors).toBeUndefined();
    expect(bid.data!.placeBid.status).toBe('PENDING');

    // The link address was for one browser, once.
    expect(appLanding(await aBrowser().open(linkUrl)).error).toBe('UNKNOWN_ATTEMPT');

    // Signed in at FranceConnect: a new sign-in comes straight back, to the linked account.
    const again = await browser.open('http://api.test/auth/franceconnect');
    const signedIn = await exchange(appLanding(again).code);
    expect(signedIn.user.id).toBe(owner.id);

    const endSession = (await app.graphql(LOGOUT, { refreshToken: signedIn.refreshToken })).data!.logoutFranceConnect as string;
    const hint = new URL(endSession);
    expect(hint.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect(hint.searchParams.get('post_logout_redirect_uri')).toBe('http://app.test/franceconnect');
    const confirm = await browser.open(endSession);
    expect((await browser.confirmLogout(confirm)).url.host).toBe('app.test');
    expect(
      errorCodes(
        await app.graphql(`mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, { t: signedIn.refreshToken }),
      ),
    ).toEqual(['UNAUTHENTICATED']);
    // FranceConnect's session ended: the next sign-in stops at its login page.
    expect((await browser.open('http://api.test/auth/franceconnect')).url.pathname).toMatch(/^\/interaction\//);
  });

  it('refuses an identity under 18: nothing created, linked or verified', async () => {
    const before = await counts(app);
    expect(appLanding(await throughFranceConnect(aBrowser(), MINOR))).toEqual({ error: 'UNDER_18', code: undefined });
    expect(await counts(app)).toEqual(before);
  });

  it('refuses a FranceConnect identity linked to another account, and a second identity on a linked account', async () => {
    const angela = await exchange(appLanding(await throughFranceConnect(aBrowser(), ANGELA)).code);
    const someoneElse = await aSignedInUser(app);
    const before = await counts(app);
    const link = (await app.graphql(START_LINK, {}, someoneElse.accessToken)).data!.startFranceConnectLink as string;
    expect(appLanding(await throughFranceConnect(aBrowser(), ANGELA, link)).error).toBe('IDENTITY_LINKED_ELSEWHERE');
    const second = (await app.graphql(START_LINK, {}, angela.accessToken)).data!.startFranceConnectLink as string;
    expect(appLanding(await throughFranceConnect(aBrowser(), PIERRE, second)).error).toMatch(/^(ACCOUNT|IDENTITY)_LINKED_ELSEWHERE$/);
    expect(await counts(app)).toEqual(before);
    expect(await app.dataSource.query(`SELECT user_id FROM franceconnect_links WHERE sub = $1`, [ANGELA])).toEqual([
      { user_id: angela.user.id },
    ]);
  });

  it('refuses a callback with a wrong state, and a replayed callback, changing nothing', async () => {
    const browser = aBrowser();
    const login = await browser.open('http://api.test/auth/franceconnect');
    const before = await counts(app);
    const forged = await browser.open('http://api.test/auth/franceconnect/callback?code=anything&state=not-the-state');
    expect(appLanding(forged).error).toBe('STATE_MISMATCH');
    expect(await counts(app)).toEqual(before);
    // That attempt is spent: the real callback now finds none.
    expect(appLanding(await browser.signInAs(login, ANGELA)).error).toBe('UNKNOWN_ATTEMPT');

    const fresh = aBrowser();
    const provider = await fresh.open('http://api.test/auth/franceconnect');
    const callbackUrl = await callbackOf(fresh, provider);
    expect(appLanding(await fresh.open(callbackUrl)).code).toBeDefined();
    const afterFirst = await counts(app);
    expect(appLanding(await fresh.open(callbackUrl)).error).toBe('UNKNOWN_ATTEMPT');
    expect(await counts(app)).toEqual(afterFirst);
  });

  it('a callback without the attempt cookie is refused', async () => {
    const page = await aBrowser().open('http://api.test/auth/franceconnect/callback?code=x&state=y');
    expect(appLanding(page).error).toBe('UNKNOWN_ATTEMPT');
  });

  it('the hourly purge deletes expired attempts and sign-in codes, and the id_tokens of sign-ins ended a day after they began; live sign-ins keep theirs', async () => {
    await aBrowser().open('http://api.test/auth/franceconnect');
    appLanding(await throughFranceConnect(aBrowser(), ANGELA));
    const live = await exchange(appLanding(await throughFranceConnect(aBrowser(), ANGELA)).code);
    const ended = await exchange(appLanding(await throughFranceConnect(aBrowser(), ANGELA)).code);
    await app.graphql(`mutation ($token: String!) { logout(refreshToken: $token) }`, { token: ended.refreshToken });
    const sessionOf = (signedIn: { accessToken: string }) =>
      (JSON.parse(Buffer.from(signedIn.accessToken.split('.')[1], 'base64url').toString()) as { sid: string }).sid;
    const sessions = async () =>
      ((await app.dataSource.query(`SELECT session_id FROM franceconnect_sessions`)) as { session_id: string }[]).map(
        (row) => row.session_id,
      );
    const purge = async () => {
      await app.dataSource.transaction((manager) => app.app.get(JobQueue).enqueue(manager, PURGE_FRANCECONNECT_RECORDS, {}));
      await app.runJobs();
    };

    await purge();
    expect(await app.count('franceconnect_attempts')).toBeGreaterThan(0);
    expect(await app.count('franceconnect_sign_in_codes')).toBeGreaterThan(0);
    expect(await sessions()).toEqual(expect.arrayContaining([sessionOf(live), sessionOf(ended)]));

    const clock = jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 25 * 3600_000));
    try {
      await purge();
    } finally {
      clock.mockRestore();
    }
    expect([await app.count('franceconnect_attempts'), await app.count('franceconnect_sign_in_codes')]).toEqual([0, 0]);
    const kept = await sessions();
    expect(kept).toContain(sessionOf(live));
    expect(kept).not.toContain(sessionOf(ended));
    expect((await app.graphql(ME, {}, live.accessToken)).data!.me.id).toBe(live.user.id);
  });

  /** Signs in at the provider but stops before our callback: its address, with the provider's code. */
  async function callbackOf(browser: FranceConnectBrowser, login: Page): Promise<URL> {
    return (await browser.signInAs(login, ANGELA, (url) => url.pathname === '/auth/franceconnect/callback')).url;
  }
});

describe('FranceConnect id_token checks, against a provider that issues bad ones (a second app in the process, with its own Passport)', () => {
  let fake: FakeFranceConnect;
  let app: TestApp;

  beforeAll(async () => {
    fake = await FakeFranceConnect.start('fake-client');
    app = await TestApp.start({
      FRANCECONNECT_ISSUER: fake.issuer,
      FRANCECONNECT_CLIENT_ID: 'fake-client',
      FRANCECONNECT_CLIENT_SECRET: 'fake-secret',
      FRANCECONNECT_REDIRECT_URI: 'http://api.test/auth/franceconnect/callback',
      FRANCECONNECT_ACR: 'eidas2',
      FRANCECONNECT_TIMEOUT_MS: '2000',
      PUBLIC_API_URL: 'http://api.test',
      PUBLIC_APP_URL: 'http://app.test',
    });
  });

  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  beforeEach(() => {
    fake.nextIdToken = {};
    fake.tokenEndpoint = 'answers';
  });

  const landing = async () =>
    appLanding(await new FranceConnectBrowser({ 'api.test': app.http }).open('http://api.test/auth/franceconnect'));

  it('a good id_token signs in (the refusals below are the token alone)', async () => {
    const { code } = await landing();
    const response = await app.graphql(EXCHANGE, { code });
    expect(response.data?.exchangeSignInCode.user.email).toBe('marie.leroy@franceconnect.localhost');
  });

  it.each([
    ['a forged signature', { forged: true }, 'INVALID_ID_TOKEN'],
    [
      'an expired id_token',
      { claims: (claims: Record<string, unknown>) => ({ ...claims, iat: 1_000_000, exp: 1_000_060 }) },
      'INVALID_ID_TOKEN',
    ],
    ['another audience', { claims: (claims: Record<string, unknown>) => ({ ...claims, aud: 'someone-else' }) }, 'INVALID_ID_TOKEN'],
    ['a nonce mismatch', { claims: (claims: Record<string, unknown>) => ({ ...claims, nonce: 'another-nonce' }) }, 'NONCE_MISMATCH'],
    [
      'an acr lower than required (eidas1 < eidas2)',
      { claims: (claims: Record<string, unknown>) => ({ ...claims, acr: 'eidas1' }) },
      'ACR_TOO_LOW',
    ],
    ['no acr', { claims: (claims: Record<string, unknown>) => ({ ...claims, acr: undefined }) }, 'ACR_TOO_LOW'],
  ])('refuses %s, changing nothing', async (_name, shape, reason) => {
    const before = await counts(app);
    fake.nextIdToken = shape;
    expect(await landing()).toEqual({ error: reason, code: undefined });
    expect(await counts(app)).toEqual(before);
  });

  it.each([
    ['does not answer within FRANCECONNECT_TIMEOUT_MS', 'hangs'],
    ['answers 503', 'unavailable'],
  ] as const)(
    'sends the browser back with PROVIDER_UNAVAILABLE when the token endpoint %s, changing nothing',
    async (_name, tokenEndpoint) => {
      const before = await counts(app);
      fake.tokenEndpoint = tokenEndpoint;
      expect(await landing()).toEqual({ error: 'PROVIDER_UNAVAILABLE', code: undefined });
      expect(await counts(app)).toEqual(before);
    },
  );
});

/** A loopback port nothing listens on: FranceConnect stopped. */
async function aClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('FranceConnect unreachable, and the limit on starting', () => {
  const STARTS_PER_IP = 2;
  const UNAVAILABLE = 'http://app.test/franceconnect?error=PROVIDER_UNAVAILABLE';
  const written: string[] = [];
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start(
      {
        FRANCECONNECT_ISSUER: `http://127.0.0.1:${await aClosedPort()}`,
        FRANCECONNECT_CLIENT_ID: 'unreachable-client',
        FRANCECONNECT_CLIENT_SECRET: 'unreachable-secret',
        FRANCECONNECT_REDIRECT_URI: 'http://api.test/auth/franceconnect/callback',
        PUBLIC_API_URL: 'http://api.test',
        PUBLIC_APP_URL: 'http://app.test',
        // Each test starts from its own address (X-Forwarded-For behind one trusted proxy): budgets are not shared.
        TRUST_PROXY_HOPS: '1',
        RATE_LIMIT_FRANCECONNECT_PER_IP: String(STARTS_PER_IP),
        LOG_LEVEL: 'warn',
      },
      { logs: { write: (line: string) => written.push(line) } },
    );
  });

  afterAll(async () => {
    await app.close();
  });

  const get = (ip: string, path = '/auth/franceconnect') => request(app.http).get(path).set('X-Forwarded-For', ip);
  const warnings = () =>
    written.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.msg === 'FranceConnect is unavailable');

  it('sends the browser back to the web app with PROVIDER_UNAVAILABLE from the start and the callback, stores nothing, and logs a warning', async () => {
    const attempts = await app.count('franceconnect_attempts');
    const started = await get('192.0.2.1');
    expect([started.status, started.headers.location]).toEqual([303, UNAVAILABLE]);
    expect(await app.count('franceconnect_attempts')).toBe(attempts);
    const callback = await get('192.0.2.1', '/auth/franceconnect/callback?code=anything&state=anything');
    expect([callback.status, callback.headers.location]).toEqual([303, UNAVAILABLE]);
    expect(warnings()).toEqual([
      expect.objectContaining({ level: 40, step: 'discovery', error: expect.stringContaining('ECONNREFUSED') }),
      expect.objectContaining({ level: 40, step: 'discovery', error: expect.stringContaining('ECONNREFUSED') }),
    ]);
  });

  it('does not spend a link address while FranceConnect cannot be reached', async () => {
    const user = await aSignedInUser(app);
    const link = new URL((await app.graphql(START_LINK, {}, user.accessToken)).data!.startFranceConnectLink as string);
    const started = await get('192.0.2.2', `${link.pathname}${link.search}`);
    expect([started.status, started.headers.location]).toEqual([303, UNAVAILABLE]);
    expect(await app.dataSource.query(`SELECT started FROM franceconnect_attempts WHERE linking_user_id = $1`, [user.id])).toEqual([
      { started: false },
    ]);
  });

  it('ends a FranceConnect sign-in on logoutFranceConnect while FranceConnect cannot be reached, answering null', async () => {
    const user = await aSignedInUser(app);
    const { sid } = JSON.parse(Buffer.from(user.accessToken.split('.')[1], 'base64url').toString()) as { sid: string };
    await app.dataSource.query(`INSERT INTO franceconnect_sessions (session_id, id_token) VALUES ($1, 'an-id-token')`, [sid]);
    const logout = await app.graphql(LOGOUT, { refreshToken: user.refreshToken });
    expect(logout).toMatchObject({ data: { logoutFranceConnect: null }, errors: undefined });
    const refresh = await app.graphql(`mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, {
      t: user.refreshToken,
    });
    expect(errorCodes(refresh)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses more starts from one address than RATE_LIMIT_FRANCECONNECT_PER_IP with 429 in our error shape; other addresses go on', async () => {
    for (let start = 0; start < STARTS_PER_IP; start++) expect((await get('198.51.100.7')).status).toBe(303);
    const refused = await get('198.51.100.7');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
    expect(refused.body).toEqual({
      error: {
        code: 'TOO_MANY_REQUESTS',
        message: 'Too many requests of this kind. Try again in 60 minute(s).',
        retryAfterSeconds: Number(refused.headers['retry-after']),
        requestId: expect.any(String),
      },
    });
    expect((await get('198.51.100.8')).status).toBe(303);
  });
});
