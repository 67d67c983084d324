import { AccountsService, User } from '@marketplace/accounts';
import { AccessTokenStrategy, Clock, Role } from '@marketplace/common';
import { JwtService } from '@nestjs/jwt';
import passport from 'passport';
import request from 'supertest';
import { AUTH_PAYLOAD_FIELDS, aRegistration, aSignedInUser, aUserWithRole } from './support/accounts.builders';
import { errorCodes, TestApp } from './support/test-app';

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { ${AUTH_PAYLOAD_FIELDS} } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { ${AUTH_PAYLOAD_FIELDS} } }`;
const REFRESH = `mutation ($token: String!) { refreshSession(refreshToken: $token) { ${AUTH_PAYLOAD_FIELDS} } }`;
const LOGOUT = `mutation ($token: String!) { logout(refreshToken: $token) }`;
const ME = `{ me { id email phone displayName roles isSuspended createdAt } }`;

describe('accounts and sessions', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });

  afterAll(async () => {
    await app.close();
  });

  afterEach(() => jest.restoreAllMocks());

  it('a new user registers, signs in, reads their profile, refreshes and signs out', async () => {
    const registration = aRegistration({ email: 'Journey.User@Example.COM' });
    const registered = await app.graphql(REGISTER, { input: registration });
    expect(registered.errors).toBeUndefined();
    expect(registered.data?.register.user).toMatchObject({
      email: 'journey.user@example.com',
      displayName: registration.displayName,
      roles: ['CLIENT'],
    });

    const login = await app.graphql(LOGIN, { input: { email: 'journey.user@EXAMPLE.com', password: registration.password } });
    expect(login.errors).toBeUndefined();
    const { accessToken, refreshToken, expiresAt } = login.data!.login;
    const ttlMs = new Date(expiresAt).getTime() - Date.now();
    expect(ttlMs).toBeGreaterThan(14 * 60_000);
    expect(ttlMs).toBeLessThanOrEqual(15 * 60_000);

    const me = await app.graphql(ME, {}, accessToken);
    expect(me.data?.me).toMatchObject({ email: 'journey.user@example.com', isSuspended: false, phone: null });

    const refreshed = await app.graphql(REFRESH, { token: refreshToken });
    expect(refreshed.errors).toBeUndefined();
    expect(refreshed.data?.refreshSession.refreshToken).not.toBe(refreshToken);
    expect((await app.graphql(ME, {}, refreshed.data?.refreshSession.accessToken)).data?.me.id).toBe(me.data?.me.id);

    expect((await app.graphql(LOGOUT, { token: refreshed.data?.refreshSession.refreshToken })).data).toEqual({ logout: true });
    const afterLogout = await app.graphql(REFRESH, { token: refreshed.data?.refreshSession.refreshToken });
    expect(errorCodes(afterLogout)).toEqual(['UNAUTHENTICATED']);
  });

  describe('registration', () => {
    it('refuses an email that is already registered, whatever its case, and creates nothing', async () => {
      const first = await aSignedInUser(app);
      const users = await app.count('users');
      const again = await app.graphql(REGISTER, { input: aRegistration({ email: first.email.toUpperCase() }) });
      expect(errorCodes(again)).toEqual(['CONFLICT']);
      expect(await app.count('users')).toBe(users);
    });

    it.each([
      ['a malformed email', { email: 'not-an-email' }, 'email'],
      ['a short password', { password: 'short' }, 'password'],
      ['the email as password', { email: 'same@example.com', password: 'SAME@example.com' }, 'password'],
      ['a one-letter display name', { displayName: 'A' }, 'displayName'],
      ['a 61-character display name', { displayName: 'x'.repeat(61) }, 'displayName'],
      ['a blank display name', { displayName: '     ' }, 'displayName'],
      ['a 50 kB display name', { displayName: 'x'.repeat(50_000) }, 'displayName'],
    ])('refuses %s with BAD_USER_INPUT naming the field, and creates nothing', async (_case, overrides, field) => {
      const users = await app.count('users');
      const response = await app.graphql(REGISTER, { input: aRegistration(overrides) });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors?.[0].extensions.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await app.count('users')).toBe(users);
    });

    it.each([
      ['a missing field', { email: 'x@example.com', password: 'a long enough password' }],
      ['a wrong type', { ...aRegistration(), displayName: 42 }],
      ['an unknown field', { ...aRegistration(), isAdmin: true }],
      ['null for a required field', { ...aRegistration(), email: null }],
    ])('refuses %s with BAD_USER_INPUT', async (_case, input) => {
      const users = await app.count('users');
      const response = await app.graphql(REGISTER, { input });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(await app.count('users')).toBe(users);
    });
  });

  describe('login', () => {
    it('gives the same answer for an unknown email and a wrong password', async () => {
      const user = await aSignedInUser(app);
      const wrongPassword = await app.graphql(LOGIN, { input: { email: user.email, password: 'not the password' } });
      const unknownEmail = await app.graphql(LOGIN, { input: { email: 'nobody@example.com', password: 'not the password' } });
      expect(errorCodes(wrongPassword)).toEqual(['UNAUTHENTICATED']);
      expect(unknownEmail.errors?.[0].message).toBe(wrongPassword.errors?.[0].message);
      expect(errorCodes(unknownEmail)).toEqual(['UNAUTHENTICATED']);
    });

    it('loads password hashes only to check a password, never with the users shown in pages', async () => {
      const user = await aSignedInUser(app);
      const accounts = app.app.get(AccountsService);
      const [{ user: shown }] = await accounts.findByIdsJoined([user.id], []);
      expect(shown).toBeInstanceOf(User);
      expect(shown).toMatchObject({ id: user.id, email: user.email, roles: [Role.CLIENT], suspendedAt: null });
      expect(shown.createdAt).toBeInstanceOf(Date);
      expect(shown).not.toHaveProperty('passwordHash');
      expect((await accounts.findById(user.id))?.passwordHash).toBeUndefined();
      expect((await accounts.findWithPasswordHash(user.email))?.passwordHash).toMatch(/^\$argon2id\$/);
    });

    it('stops accepting attempts on an email after 10 failures, even the right password, until the window passes', async () => {
      const user = await aSignedInUser(app);
      for (let attempt = 0; attempt < 10; attempt++) {
        expect(errorCodes(await app.graphql(LOGIN, { input: { email: user.email, password: `wrong password ${attempt}` } }))).toEqual([
          'UNAUTHENTICATED',
        ]);
      }
      const blocked = await app.graphql(LOGIN, { input: { email: user.email, password: user.password } });
      expect(errorCodes(blocked)).toEqual(['TOO_MANY_REQUESTS']);
      expect(blocked.errors?.[0].extensions.retryAfterSeconds).toBeGreaterThan(0);
      const sessions = await app.count('refresh_tokens');

      const sixteenMinutesLater = new Date(Date.now() + 16 * 60_000);
      jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(sixteenMinutesLater);
      const allowed = await app.graphql(LOGIN, { input: { email: user.email, password: user.password } });
      expect(allowed.errors).toBeUndefined();
      expect(await app.count('refresh_tokens')).toBe(sessions + 1);
    });
  });

  describe('refresh tokens', () => {
    it('rotates: a token works once, and using it again revokes the whole sign-in', async () => {
      const user = await aSignedInUser(app);
      const first = await app.graphql(REFRESH, { token: user.refreshToken });
      const next = first.data?.refreshSession.refreshToken;
      expect(next).toBeDefined();

      const reused = await app.graphql(REFRESH, { token: user.refreshToken });
      expect(errorCodes(reused)).toEqual(['UNAUTHENTICATED']);
      expect(reused.errors?.[0].message).toMatch(/already used/);
      expect(errorCodes(await app.graphql(REFRESH, { token: next }))).toEqual(['UNAUTHENTICATED']);
    });

    it('lets exactly one of several concurrent refreshes with one token succeed', async () => {
      const user = await aSignedInUser(app);
      const results = await Promise.all(Array.from({ length: 5 }, () => app.graphql(REFRESH, { token: user.refreshToken })));
      expect(results.filter((result) => result.data?.refreshSession).length).toBeLessThanOrEqual(1);
      expect(results.filter((result) => errorCodes(result).includes('UNAUTHENTICATED')).length).toBeGreaterThanOrEqual(4);
    });

    it('does not touch other sign-ins of the same user when one is revoked', async () => {
      const user = await aSignedInUser(app);
      const otherDevice = await app.graphql(LOGIN, { input: { email: user.email, password: user.password } });
      await app.graphql(LOGOUT, { token: user.refreshToken });
      expect((await app.graphql(REFRESH, { token: otherDevice.data?.login.refreshToken })).errors).toBeUndefined();
    });

    it('refuses expired and unknown tokens', async () => {
      const user = await aSignedInUser(app);
      jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 31 * 86_400_000));
      expect(errorCodes(await app.graphql(REFRESH, { token: user.refreshToken }))).toEqual(['UNAUTHENTICATED']);
      jest.restoreAllMocks();
      expect(errorCodes(await app.graphql(REFRESH, { token: 'rt_made-up' }))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await app.graphql(REFRESH, { token: 'x'.repeat(5000) }))).toEqual(['BAD_USER_INPUT']);
    });

    it('treats logout with an unknown token as done', async () => {
      expect((await app.graphql(LOGOUT, { token: 'rt_never-issued' })).data).toEqual({ logout: true });
    });
  });

  describe('access tokens', () => {
    it('answers me with null to no token, without an error', async () => {
      const response = await app.graphql(ME);
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ me: null });
    });

    it.each([
      ['a malformed token', 'not-a-jwt'],
      [
        'a token signed with another secret',
        new JwtService({ secret: 'another-secret-that-is-long-enough-xxxxxxx' }).sign({ sub: '00000000-0000-4000-8000-000000000000' }),
      ],
    ])('answers %s with UNAUTHENTICATED', async (_case, token) => {
      expect(errorCodes(await app.graphql(ME, {}, token))).toEqual(['UNAUTHENTICATED']);
    });

    it('refuses an expired token and a tampered one', async () => {
      const user = await aSignedInUser(app);
      const signer = app.app.get(JwtService);
      const expired = signer.sign({ sub: user.id, sid: 'x', exp: Math.floor(Date.now() / 1000) - 10 });
      expect(errorCodes(await app.graphql(ME, {}, expired))).toEqual(['UNAUTHENTICATED']);

      const other = await aSignedInUser(app);
      const [header, , signature] = user.accessToken.split('.');
      const claims = Buffer.from(JSON.stringify({ sub: other.id, sid: 'x', exp: Math.floor(Date.now() / 1000) + 600 })).toString(
        'base64url',
      );
      expect(errorCodes(await app.graphql(ME, {}, `${header}.${claims}.${signature}`))).toEqual(['UNAUTHENTICATED']);
    });

    it('accepts a token signed with JWT_SECRET as text, as tokens issued before a deploy were', async () => {
      const user = await aSignedInUser(app);
      const claims = JSON.parse(Buffer.from(user.accessToken.split('.')[1], 'base64url').toString()) as object;
      const signedWithText = new JwtService({ secret: app.config.auth.jwtSecret }).sign(claims, { algorithm: 'HS256' });
      expect((await app.graphql(ME, {}, signedWithText)).data?.me.id).toBe(user.id);
    });

    it('refuses a token whose subject is not a user id, an unsigned one, and a header that is not a bearer token', async () => {
      const signer = app.app.get(JwtService);
      expect(errorCodes(await app.graphql(ME, {}, signer.sign({ sub: 'admin', sid: 'x' })))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await app.graphql(ME, {}, signer.sign({ sid: 'x' })))).toEqual(['UNAUTHENTICATED']);
      const user = await aSignedInUser(app);
      const [, claims] = user.accessToken.split('.');
      const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${claims}.`;
      expect(errorCodes(await app.graphql(ME, {}, unsigned))).toEqual(['UNAUTHENTICATED']);
      for (const authorization of [`Basic ${user.accessToken}`, 'Bearer', `Bearer ${user.accessToken} extra`]) {
        const response = await request(app.http)
          .post('/graphql')
          .set('Content-Type', 'application/json')
          .set('Authorization', authorization)
          .send({ query: ME });
        expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      }
      const lowerCase = await request(app.http)
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .set('Authorization', `bearer ${user.accessToken}`)
        .send({ query: ME });
      expect(lowerCase.body.data.me.id).toBe(user.id);
    });

    it("keeps to this application's own sessions when another application starts and stops in the same process", async () => {
      const user = await aSignedInUser(app);
      const other = await TestApp.start();
      await other.close();
      const me = await app.graphql(ME, {}, user.accessToken);
      expect(me.errors).toBeUndefined();
      expect(me.data?.me.id).toBe(user.id);
    });

    it('keeps two applications running at once in one process to their own strategy and sessions, and the other working once one closes', async () => {
      const other = await TestApp.start();
      const strategyOf = (of: TestApp) => of.app.get(AccessTokenStrategy).name;
      // Passport's own registry, process-wide: by name.
      const registered = (name: string) => (passport as unknown as { _strategy(name: string): unknown })._strategy(name) !== undefined;
      let closed: { strategy: string; accessToken: string };
      try {
        expect(strategyOf(other)).not.toBe(strategyOf(app));
        expect([registered(strategyOf(app)), registered(strategyOf(other))]).toEqual([true, true]);
        const [here, there] = await Promise.all([aSignedInUser(app), aSignedInUser(other)]);
        expect((await app.graphql(ME, {}, here.accessToken)).data?.me.id).toBe(here.id);
        expect((await other.graphql(ME, {}, there.accessToken)).data?.me.id).toBe(there.id);
        // The same JWT_SECRET signs both apps' tokens, but each app's sessions are in its own database.
        expect(errorCodes(await app.graphql(ME, {}, there.accessToken))).toEqual(['UNAUTHENTICATED']);
        expect(errorCodes(await other.graphql(ME, {}, here.accessToken))).toEqual(['UNAUTHENTICATED']);
        closed = { strategy: strategyOf(other), accessToken: there.accessToken };
      } finally {
        await other.close();
      }
      expect(registered(closed.strategy)).toBe(false);

      const user = await aSignedInUser(app);
      expect((await app.graphql(ME, {}, user.accessToken)).data?.me.id).toBe(user.id);
      const refused = await app.graphql(ME, {}, closed.accessToken);
      expect(refused.errors?.map(({ message, extensions }) => [extensions.code, message])).toEqual([
        ['UNAUTHENTICATED', 'A valid access token is required (Authorization: Bearer <token>); it may have expired.'],
      ]);
      // REST goes through the same guard: past it, an unknown document; without a valid token, our 401.
      const document = '/identity/documents/00000000-0000-4000-8000-000000000000';
      const found = await request(app.http).get(document).set('Authorization', `Bearer ${user.accessToken}`);
      expect([found.status, found.body.error?.code]).toEqual([404, 'NOT_FOUND']);
      const unauthenticated = await request(app.http).get(document).set('Authorization', `Bearer ${closed.accessToken}`);
      expect(unauthenticated.status).toBe(401);
      expect(unauthenticated.body.error).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: 'A valid access token is required (Authorization: Bearer <token>); it may have expired.',
      });
    });
  });

  describe('profiles and visibility', () => {
    const USER = `query ($id: ID!) { user(id: $id) { id displayName email phone } }`;

    it('shows email and phone to the user and to moderators only', async () => {
      const owner = await aSignedInUser(app);
      await app.graphql(`mutation { updateProfile(input: { phone: "06 12 34 56 78" }) { phone } }`, {}, owner.accessToken);
      const stranger = await aSignedInUser(app);
      const moderator = await aUserWithRole(app, 'MODERATOR');

      expect((await app.graphql(USER, { id: owner.id }, owner.accessToken)).data?.user).toMatchObject({
        email: owner.email,
        phone: '+33612345678',
      });
      expect((await app.graphql(USER, { id: owner.id }, moderator.accessToken)).data?.user).toMatchObject({
        email: owner.email,
        phone: '+33612345678',
      });
      expect((await app.graphql(USER, { id: owner.id }, stranger.accessToken)).data?.user).toMatchObject({
        email: null,
        phone: null,
        displayName: owner.displayName,
      });
      expect((await app.graphql(USER, { id: owner.id })).data?.user).toMatchObject({ email: null, phone: null });
    });

    it('answers an unknown user with null and a malformed id with BAD_USER_INPUT', async () => {
      expect((await app.graphql(USER, { id: '00000000-0000-4000-8000-000000000000' })).data).toEqual({ user: null });
      expect(errorCodes(await app.graphql(USER, { id: 'not-a-uuid' }))).toEqual(['BAD_USER_INPUT']);
    });

    it('updates the display name and phone, and refuses bad values without changing anything', async () => {
      const user = await aSignedInUser(app);
      const updated = await app.graphql(
        `mutation { updateProfile(input: { displayName: "  Camille M.  " }) { displayName } }`,
        {},
        user.accessToken,
      );
      expect(updated.data?.updateProfile.displayName).toBe('Camille M.');

      const badPhone = await app.graphql(
        `mutation { updateProfile(input: { displayName: "Other Name", phone: "call me" }) { id } }`,
        {},
        user.accessToken,
      );
      expect(errorCodes(badPhone)).toEqual(['BAD_USER_INPUT']);
      // E.164 in shape, but no country has the calling code 999
      const unassigned = await app.graphql(`mutation { updateProfile(input: { phone: "+999999999999" }) { id } }`, {}, user.accessToken);
      expect(unassigned.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [expect.objectContaining({ field: 'phone' })],
      });
      expect((await app.graphql(ME, {}, user.accessToken)).data?.me).toMatchObject({ displayName: 'Camille M.', phone: null });
    });

    it('needs a signed-in user', async () => {
      expect(errorCodes(await app.graphql(`mutation { updateProfile(input: { displayName: "Someone" }) { id } }`))).toEqual([
        'UNAUTHENTICATED',
      ]);
    });
  });

  describe('roles', () => {
    const GRANT = `mutation ($userId: ID!, $role: Role!) { grantRole(userId: $userId, role: $role) { id roles } }`;

    it('lets an admin grant MODERATOR, once, and logs who granted it', async () => {
      const admin = await aUserWithRole(app, 'ADMIN');
      const user = await aSignedInUser(app);
      const granted = await app.graphql(GRANT, { userId: user.id, role: 'MODERATOR' }, admin.accessToken);
      expect(granted.data?.grantRole.roles).toEqual(['CLIENT', 'MODERATOR']);
      const again = await app.graphql(GRANT, { userId: user.id, role: 'MODERATOR' }, admin.accessToken);
      expect(again.data?.grantRole.roles).toEqual(['CLIENT', 'MODERATOR']);

      const log = await app.graphql(
        `{ moderationLog(first: 100) { edges { node { action targetId reason moderator { id } } } } }`,
        {},
        admin.accessToken,
      );
      const aboutUser = log.data?.moderationLog.edges
        .map(({ node }: { node: { targetId: string } }) => node)
        .filter((node: { targetId: string }) => node.targetId === user.id);
      expect(aboutUser).toEqual([{ action: 'GRANT_ROLE', targetId: user.id, reason: 'MODERATOR', moderator: { id: admin.id } }]);
    });

    it('refuses non-admins, roles that are not granted, unknown users and malformed ids', async () => {
      const admin = await aUserWithRole(app, 'ADMIN');
      const moderator = await aUserWithRole(app, 'MODERATOR');
      const user = await aSignedInUser(app);
      expect(errorCodes(await app.graphql(GRANT, { userId: user.id, role: 'ADMIN' }, moderator.accessToken))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await app.graphql(GRANT, { userId: user.id, role: 'ADMIN' }, user.accessToken))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await app.graphql(GRANT, { userId: user.id, role: 'PROVIDER' }, admin.accessToken))).toEqual(['BAD_USER_INPUT']);
      expect(
        errorCodes(await app.graphql(GRANT, { userId: '00000000-0000-4000-8000-000000000000', role: 'MODERATOR' }, admin.accessToken)),
      ).toEqual(['NOT_FOUND']);
      expect(errorCodes(await app.graphql(GRANT, { userId: 'nope', role: 'MODERATOR' }, admin.accessToken))).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await app.graphql(GRANT, { userId: user.id, role: 'OWNER' }, admin.accessToken))).toEqual(['BAD_USER_INPUT']);
      expect((await app.graphql(ME, {}, user.accessToken)).data?.me.roles).toEqual(['CLIENT']);
    });
  });

  describe('suspended users', () => {
    it('cannot sign in, refresh, or act with a token they already hold', async () => {
      const user = await aSignedInUser(app);
      const moderator = await aUserWithRole(app, 'MODERATOR');
      const suspended = await app.graphql(
        `mutation ($id: ID!) { suspendUser(id: $id, reason: "fraudulent listings") { isSuspended } }`,
        { id: user.id },
        moderator.accessToken,
      );
      expect(suspended.data?.suspendUser.isSuspended).toBe(true);

      expect(errorCodes(await app.graphql(ME, {}, user.accessToken))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await app.graphql(LOGIN, { input: { email: user.email, password: user.password } }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await app.graphql(REFRESH, { token: user.refreshToken }))).toEqual(['UNAUTHENTICATED']);
      expect((await app.graphql(`query ($id: ID!) { user(id: $id) { isSuspended } }`, { id: user.id })).data?.user.isSuspended).toBe(true);
    });
  });
});
