/**
 * A sign-in that ends takes its access tokens with it: at once on the instance that ended it, and
 * once their cached standing expires (SESSION_CACHE_TTL_SECONDS) on every other instance. And
 * logout racing a refresh with the same sign-in never lets both win.
 */
import { AccountsService } from '@marketplace/accounts';
import { Clock, Role } from '@marketplace/common';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { errorCodes, TestApp } from './support/test-app';

const ME = `{ me { id roles } }`;
const REFRESH = `mutation ($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken } }`;
const LOGOUT = `mutation ($token: String!) { logout(refreshToken: $token) }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`;
const RACES = 30;

describe('sessions across API instances', () => {
  let app: TestApp;
  /** Another instance on the same database: it learns of a revocation only through the database. */
  let other: TestApp;
  /** The other instance's clock, held still so its cache's TTL passes only when a test says so. */
  let otherClock: jest.SpyInstance<Date, []>;
  const startedAt = new Date();

  beforeAll(async () => {
    app = await TestApp.start();
    other = await app.anotherInstance();
  });

  beforeEach(() => {
    otherClock = jest.spyOn(other.app.get(Clock), 'now').mockReturnValue(startedAt);
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await other?.close();
    await app?.close();
  });

  const passTheCacheTtl = () =>
    otherClock.mockReturnValue(new Date(startedAt.getTime() + (app.config.auth.sessionCacheTtlSeconds + 1) * 1000));

  async function expectSignedIn(instance: TestApp, user: SignedInUser, accessToken = user.accessToken): Promise<void> {
    const response = await instance.graphql(ME, {}, accessToken);
    expect(response.errors).toBeUndefined();
    expect(response.data?.me.id).toBe(user.id);
  }

  async function expectRefused(instance: TestApp, accessToken: string, code = 'UNAUTHENTICATED'): Promise<void> {
    expect(errorCodes(await instance.graphql(ME, {}, accessToken))).toEqual([code]);
  }

  it('refuses the access token after logout: at once on the instance signed out from, after the cache TTL on another', async () => {
    const user = await aSignedInUser(app);
    const secondDevice = await app.graphql(LOGIN, { input: { email: user.email, password: user.password } });
    await expectSignedIn(app, user);
    await expectSignedIn(other, user);

    expect((await app.graphql(LOGOUT, { token: user.refreshToken })).data?.logout).toBe(true);
    await expectRefused(app, user.accessToken);
    // Within its TTL the other instance answers from what it read: that is what spares the round trip.
    await expectSignedIn(other, user);
    passTheCacheTtl();
    await expectRefused(other, user.accessToken);
    // Only that sign-in ended.
    await expectSignedIn(app, user, secondDevice.data?.login.accessToken);
    await expectSignedIn(other, user, secondDevice.data?.login.accessToken);
  });

  it('refuses every access token of a sign-in revoked by reuse detection', async () => {
    const user = await aSignedInUser(app);
    const rotated = (await app.graphql(REFRESH, { token: user.refreshToken })).data?.refreshSession;
    await expectSignedIn(app, user, rotated.accessToken);
    await expectSignedIn(other, user, rotated.accessToken);

    expect(errorCodes(await app.graphql(REFRESH, { token: user.refreshToken }))).toEqual(['UNAUTHENTICATED']);
    await expectRefused(app, user.accessToken);
    await expectRefused(app, rotated.accessToken);
    passTheCacheTtl();
    await expectRefused(other, user.accessToken);
    await expectRefused(other, rotated.accessToken);
  });

  it('refuses a suspended user at once where the suspension was made, and on another instance after the cache TTL', async () => {
    const user = await aSignedInUser(app);
    const moderator = await aUserWithRole(app, 'MODERATOR');
    await expectSignedIn(app, user);
    await expectSignedIn(other, user);

    const suspended = await app.graphql(
      `mutation ($id: ID!) { suspendUser(id: $id, reason: "fraudulent listings") { isSuspended } }`,
      { id: user.id },
      moderator.accessToken,
    );
    expect(suspended.data?.suspendUser.isSuspended).toBe(true);
    await expectRefused(app, user.accessToken, 'FORBIDDEN');
    passTheCacheTtl();
    await expectRefused(other, user.accessToken, 'FORBIDDEN');
  });

  it('gives a role granted on this instance to the next request of a signed-in user', async () => {
    const user = await aSignedInUser(app);
    expect((await app.graphql(ME, {}, user.accessToken)).data?.me.roles).toEqual([Role.CLIENT]);
    await app.app.get(AccountsService).grantRole(user.id, Role.MODERATOR);
    expect((await app.graphql(ME, {}, user.accessToken)).data?.me.roles).toEqual([Role.CLIENT, Role.MODERATOR]);
  });

  describe('logout racing a refresh', () => {
    /** Sends both at once; whichever wins, after a logout that answered true nothing of that sign-in works. */
    async function race(logoutToken: string, refreshToken: string): Promise<void> {
      const [logout, refresh] = await Promise.all([
        app.graphql(LOGOUT, { token: logoutToken }),
        app.graphql(REFRESH, { token: refreshToken }),
      ]);
      expect(logout.data?.logout).toBe(true);
      const issued = refresh.data?.refreshSession;
      if (!issued) {
        expect(errorCodes(refresh)).toEqual(['UNAUTHENTICATED']);
        return;
      }
      expect(errorCodes(await app.graphql(REFRESH, { token: issued.refreshToken }))).toEqual(['UNAUTHENTICATED']);
      await expectRefused(app, issued.accessToken);
    }

    const signIns = () => Promise.all(Array.from({ length: RACES }, () => aSignedInUser(app)));

    it(`never lets both win with the same token (${RACES} races)`, async () => {
      for (const user of await signIns()) await race(user.refreshToken, user.refreshToken);
    });

    it(`never lets both win when logout presents an older token of the sign-in (${RACES} races)`, async () => {
      for (const user of await signIns()) {
        const rotated = (await app.graphql(REFRESH, { token: user.refreshToken })).data?.refreshSession;
        await race(user.refreshToken, rotated.refreshToken);
      }
    });
  });
});
