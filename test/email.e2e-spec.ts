import { User } from '@marketplace/accounts';
import { Clock } from '@marketplace/common';
import { EmailOutbox, listOutbox, NotificationKind } from '@marketplace/notifications';
import { Logger } from '@nestjs/common';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { AUTH_PAYLOAD_FIELDS, aRegistration, aSignedInUser, anUnverifiedUser, SignedInUser } from './support/accounts.builders';
import { anAppWithMailbox, closeAppWithMailbox, linkTokenIn, Mailbox } from './support/mailbox';
import { aBid, aMission, aProvider } from './support/marketplace.builders';
import { errorCodes, TestApp } from './support/test-app';

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { ${AUTH_PAYLOAD_FIELDS} } }`;
const VERIFY = `mutation ($token: String!) { verifyEmail(token: $token) }`;
const RESEND = `mutation { resendVerificationEmail }`;
const REQUEST_RESET = `mutation ($email: String!) { requestPasswordReset(email: $email) }`;
const RESET = `mutation ($token: String!, $password: String!) { resetPassword(token: $token, newPassword: $password) }`;
const ME = `{ me { isEmailVerified emailVerifiedAt locale notificationPreferences { kind email required } } }`;
const PREFERENCES = `mutation ($p: [NotificationPreferenceInput!]!) { updateNotificationPreferences(preferences: $p) { kind email required } }`;
const PLACE_BID = `mutation ($input: PlaceBidInput!) { placeBid(input: $input) { id } }`;
const ACCEPT = `mutation ($id: ID!) { acceptBid(id: $id) { status } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`;
const REFRESH = `mutation ($token: String!) { refreshSession(refreshToken: $token) { accessToken } }`;

const HOUR_MS = 3_600_000;

describe('emails: verification, password reset, preferences', () => {
  let mailbox: Mailbox;
  let app: TestApp;
  beforeAll(async () => {
    ({ app, mailbox } = await anAppWithMailbox({
      EMAIL_MAX_ATTEMPTS: '3',
      RATE_LIMIT_PASSWORD_RESET_PER_USER: '3',
      RATE_LIMIT_VERIFICATION_EMAIL_PER_USER: '2',
    }));
  });
  afterAll(() => closeAppWithMailbox(app, mailbox));
  afterEach(() => jest.restoreAllMocks());

  /** Delivers what the outbox holds, as the worker would, and gives what arrived for `address` since. */
  async function deliveredTo(address: string): Promise<Mailbox['received']> {
    await app.runJobs();
    return mailbox.to(address);
  }

  async function verificationTokenOf(user: SignedInUser): Promise<string> {
    const [email] = await deliveredTo(user.email);
    return linkTokenIn(email!.text, '/verify-email');
  }

  describe('a new account', () => {
    it('gets a verification email in French (plain text and HTML, the name escaped, no unsubscribe link); its link verifies the address once', async () => {
      const user = await anUnverifiedUser(app, { displayName: 'Zoé <b>&</b>' });
      const [email, ...others] = await deliveredTo(user.email);
      expect(others).toEqual([]);
      expect(email!.subject).toBe('Confirmez votre adresse e-mail');
      expect(email!.text).toContain('Bonjour Zoé <b>&</b>,');
      expect(email!.text).toMatch(/https:\/\/app\.example\.test\/verify-email\?token=[\w-]{43}/);
      expect(email!.html).toContain('Bonjour Zoé &lt;b&gt;&amp;&lt;/b&gt;,');
      expect(email!.html).not.toContain('<b>');
      expect(email!.headers.has('list-unsubscribe')).toBe(false);
      expect(email!.text).toContain('il ne peut pas être désactivé');
      expect((await app.graphql(ME, {}, user.accessToken)).data?.me).toMatchObject({
        isEmailVerified: false,
        emailVerifiedAt: null,
        locale: 'FR',
      });

      const token = linkTokenIn(email!.text, '/verify-email');
      expect(await app.graphql(VERIFY, { token })).toMatchObject({ data: { verifyEmail: true } });
      expect((await app.graphql(ME, {}, user.accessToken)).data?.me).toMatchObject({
        isEmailVerified: true,
        emailVerifiedAt: expect.any(String),
      });

      const reused = await app.graphql(VERIFY, { token });
      expect(errorCodes(reused)).toEqual(['BAD_USER_INPUT']);
      expect(reused.errors![0]!.message).toMatch(/already used/);
    });

    it('is written in English when registered with locale EN, and a resend follows a profile change to English', async () => {
      const english = await anUnverifiedUser(app, { locale: 'EN' });
      expect((await deliveredTo(english.email)).map((email) => email.subject)).toEqual(['Verify your email address']);

      const french = await anUnverifiedUser(app);
      await deliveredTo(french.email);
      await app.graphql(`mutation { updateProfile(input: { locale: EN }) { locale } }`, {}, french.accessToken);
      expect(await app.graphql(RESEND, {}, french.accessToken)).toMatchObject({ data: { resendVerificationEmail: true } });
      expect((await deliveredTo(french.email)).map((email) => email.subject)).toEqual([
        'Confirmez votre adresse e-mail',
        'Verify your email address',
      ]);
    });

    it('refuses an expired link, a made-up one, and a resend once verified or too often', async () => {
      const user = await anUnverifiedUser(app);
      const token = await verificationTokenOf(user);
      jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 49 * HOUR_MS));
      const expired = await app.graphql(VERIFY, { token });
      expect(errorCodes(expired)).toEqual(['BAD_USER_INPUT']);
      expect(expired.errors![0]!.message).toMatch(/expired/);
      expect(errorCodes(await app.graphql(VERIFY, { token: 'not-a-token-we-sent' }))).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await app.graphql(VERIFY, { token: '' }))).toEqual(['BAD_USER_INPUT']);
      jest.restoreAllMocks();
      expect((await app.graphql(ME, {}, user.accessToken)).data?.me.isEmailVerified).toBe(false);

      expect(errorCodes(await app.graphql(RESEND, {}, user.accessToken))).toEqual([]);
      expect(errorCodes(await app.graphql(RESEND, {}, user.accessToken))).toEqual([]);
      expect(errorCodes(await app.graphql(RESEND, {}, user.accessToken))).toEqual(['TOO_MANY_REQUESTS']);
      const verified = await aSignedInUser(app);
      expect(errorCodes(await app.graphql(RESEND, {}, verified.accessToken))).toEqual(['CONFLICT']);
    });

    it('verifies once when the same link is followed twice at once', async () => {
      const user = await anUnverifiedUser(app);
      const token = await verificationTokenOf(user);
      const answers = await Promise.all(Array.from({ length: 6 }, () => app.graphql(VERIFY, { token })));
      expect(answers.filter((answer) => answer.data?.verifyEmail === true)).toHaveLength(1);
      expect(answers.flatMap(errorCodes)).toEqual(Array(5).fill('BAD_USER_INPUT'));
      await app.runJobs();
      expect(mailbox.to(user.email).map((email) => email.subject)).toEqual(['Confirmez votre adresse e-mail', 'Bienvenue !']);
    });
  });

  describe('bidding and accepting', () => {
    it('wait until the email address is verified (FORBIDDEN, nothing placed), then work', async () => {
      const client = await anUnverifiedUser(app);
      const missionId = await aMission(app, client);
      const provider = await aProvider(app, { emailVerified: false });
      const refused = await app.graphql(
        PLACE_BID,
        { input: { missionId, amountCents: 9000, message: 'Disponible demain matin.' } },
        provider.accessToken,
      );
      expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
      expect(refused.errors![0]!.message).toMatch(/^Verify your email address before you bid/);
      expect(await app.count('bids')).toBe(0);

      await app.graphql(VERIFY, { token: await verificationTokenOf(provider) });
      const bidId = await aBid(app, provider, missionId);
      const notYet = await app.graphql(ACCEPT, { id: bidId }, client.accessToken);
      expect(errorCodes(notYet)).toEqual(['FORBIDDEN']);
      expect(notYet.errors![0]!.message).toMatch(/before you accept a bid/);

      await app.graphql(VERIFY, { token: await verificationTokenOf(client) });
      expect(await app.graphql(ACCEPT, { id: bidId }, client.accessToken)).toMatchObject({ data: { acceptBid: { status: 'ASSIGNED' } } });
    });
  });

  describe('a password reset', () => {
    it('emails a link that sets a new password once and signs the user out everywhere', async () => {
      const user = await anUnverifiedUser(app);
      await deliveredTo(user.email);
      expect(await app.graphql(REQUEST_RESET, { email: `  ${user.email.toUpperCase()} ` })).toMatchObject({
        data: { requestPasswordReset: true },
      });
      const [, reset] = await deliveredTo(user.email);
      expect(reset!.subject).toBe('Réinitialisez votre mot de passe');
      const token = linkTokenIn(reset!.text, '/reset-password');

      const tooShort = await app.graphql(RESET, { token, password: 'short' });
      expect(errorCodes(tooShort)).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await app.graphql(RESET, { token, password: user.email }))).toEqual(['BAD_USER_INPUT']);
      expect(await app.graphql(RESET, { token, password: 'a brand new passphrase' })).toMatchObject({ data: { resetPassword: true } });

      expect(errorCodes(await app.graphql(ME, {}, user.accessToken))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await app.graphql(REFRESH, { token: user.refreshToken }))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await app.graphql(LOGIN, { input: { email: user.email, password: user.password } }))).toEqual(['UNAUTHENTICATED']);
      const signedIn = await app.graphql(LOGIN, { input: { email: user.email, password: 'a brand new passphrase' } });
      // The link proved the address too.
      expect((await app.graphql(ME, {}, signedIn.data?.login.accessToken)).data?.me.isEmailVerified).toBe(true);

      const reused = await app.graphql(RESET, { token, password: 'yet another passphrase' });
      expect(reused.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/already used/) });
    });

    it('answers true for an unknown address and sends nothing; a link expires after an hour; requests are limited per address', async () => {
      const outboxBefore = await app.count('email_outbox');
      const unknown = aRegistration().email;
      expect(await app.graphql(REQUEST_RESET, { email: unknown })).toMatchObject({ data: { requestPasswordReset: true } });
      expect(await deliveredTo(unknown)).toEqual([]);
      expect(await app.count('email_outbox')).toBe(outboxBefore);
      expect(errorCodes(await app.graphql(REQUEST_RESET, { email: 'not an address' }))).toEqual(['BAD_USER_INPUT']);

      const user = await aSignedInUser(app);
      await app.graphql(REQUEST_RESET, { email: user.email });
      const token = linkTokenIn((await deliveredTo(user.email))[1]!.text, '/reset-password');
      jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 61 * 60_000));
      const expired = await app.graphql(RESET, { token, password: 'a brand new passphrase' });
      expect(expired.errors![0]!.message).toMatch(/expired/);
      jest.restoreAllMocks();
      expect(errorCodes(await app.graphql(LOGIN, { input: { email: user.email, password: user.password } }))).toEqual([]);

      await app.graphql(REQUEST_RESET, { email: unknown });
      await app.graphql(REQUEST_RESET, { email: unknown });
      const limited = await app.graphql(REQUEST_RESET, { email: unknown });
      expect(errorCodes(limited)).toEqual(['TOO_MANY_REQUESTS']);
    });
  });

  describe('a registration with an address already taken', () => {
    it('creates nothing, answers CONFLICT as before, and tells the owner by email', async () => {
      const owner = await aSignedInUser(app, { displayName: 'Inès Owner' });
      await deliveredTo(owner.email);
      const users = await app.count('users');
      const again = await app.graphql(REGISTER, { input: aRegistration({ email: owner.email, displayName: 'Mallory' }) });
      expect(errorCodes(again)).toEqual(['CONFLICT']);
      expect(await app.count('users')).toBe(users);
      const [, warning] = await deliveredTo(owner.email);
      expect(warning).toMatchObject({ subject: 'Une inscription a été tentée avec votre adresse' });
      expect(warning!.text).toContain('Bonjour Inès Owner,');
      expect(warning!.text).toContain('https://app.example.test/forgot-password');
      expect(warning!.text).not.toContain('Mallory');
    });
  });

  describe('the outbox', () => {
    it('keeps no email whose transaction rolled back', async () => {
      const user = await aSignedInUser(app);
      const delivered = (await deliveredTo(user.email)).length;
      const before = await app.count('email_outbox');
      const entity = await app.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
      await expect(
        app.dataSource.transaction(async (manager) => {
          await app.app
            .get(EmailOutbox)
            .queue(manager, entity, NotificationKind.WELCOME, { displayName: 'x', link: 'https://app.example.test/' });
          throw new Error('the change that caused it failed');
        }),
      ).rejects.toThrow('the change that caused it failed');
      expect(await app.count('email_outbox')).toBe(before);
      expect(await deliveredTo(user.email)).toHaveLength(delivered);
    });

    it('retries an email the SMTP server refused, later, and delivers it once; what was sent leaves the database', async () => {
      // The worker logs the failed attempt as an error: expected here.
      jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      mailbox.refuseNext(1);
      const user = await anUnverifiedUser(app);
      expect(await deliveredTo(user.email)).toEqual([]);
      const [refused] = await app.dataSource.query(`SELECT attempts, last_error, sent_at FROM email_outbox WHERE to_address = $1`, [
        user.email,
      ]);
      expect(refused).toMatchObject({ attempts: 1, last_error: expect.stringMatching(/451/), sent_at: null });

      await app.runJobs({ dueNow: true });
      await app.runJobs({ dueNow: true });
      expect(mailbox.to(user.email).map((email) => email.subject)).toEqual(['Confirmez votre adresse e-mail']);
      const [sent] = await app.dataSource.query(
        `SELECT attempts, last_error, sent_at, text_body, html_body FROM email_outbox WHERE to_address = $1`,
        [user.email],
      );
      expect(sent).toMatchObject({ attempts: 2, last_error: null, sent_at: expect.any(Date), text_body: null, html_body: null });
    });
  });

  describe('notification preferences', () => {
    it('list every kind; security kinds cannot be turned off; a welcome turned off is not sent', async () => {
      const user = await anUnverifiedUser(app);
      const token = await verificationTokenOf(user);
      expect((await app.graphql(ME, {}, user.accessToken)).data?.me.notificationPreferences.slice(0, 4)).toEqual([
        { kind: 'EMAIL_VERIFICATION', email: true, required: true },
        { kind: 'PASSWORD_RESET', email: true, required: true },
        { kind: 'REGISTRATION_ATTEMPT', email: true, required: true },
        { kind: 'WELCOME', email: true, required: false },
      ]);
      const locked = await app.graphql(PREFERENCES, { p: [{ kind: 'PASSWORD_RESET', email: false }] }, user.accessToken);
      expect(errorCodes(locked)).toEqual(['BAD_USER_INPUT']);
      expect(locked.errors![0]!.message).toMatch(/cannot be turned off/);
      expect(errorCodes(await app.graphql(PREFERENCES, { p: [{ kind: 'NEWSLETTER', email: false }] }, user.accessToken))).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect(errorCodes(await app.graphql(PREFERENCES, { p: [] }, user.accessToken))).toEqual(['BAD_USER_INPUT']);
      const twice = [
        { kind: 'WELCOME', email: false },
        { kind: 'WELCOME', email: true },
      ];
      expect(errorCodes(await app.graphql(PREFERENCES, { p: twice }, user.accessToken))).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await app.graphql(PREFERENCES, { p: [{ kind: 'WELCOME', email: false }] }))).toEqual(['UNAUTHENTICATED']);

      const updated = await app.graphql(PREFERENCES, { p: [{ kind: 'WELCOME', email: false }] }, user.accessToken);
      expect(updated.data?.updateNotificationPreferences).toContainEqual({ kind: 'WELCOME', email: false, required: false });
      await app.graphql(VERIFY, { token });
      expect((await deliveredTo(user.email)).map((email) => email.subject)).toEqual(['Confirmez votre adresse e-mail']);
      const other = await aSignedInUser(app);
      expect(
        (
          await app.graphql(
            `query ($id: ID!) { user(id: $id) { notificationPreferences { kind } isEmailVerified } }`,
            { id: user.id },
            other.accessToken,
          )
        ).data?.user,
      ).toEqual({
        notificationPreferences: null,
        isEmailVerified: null,
      });
    });

    it('turns a kind off through the unsubscribe link of its email (one-click POST and GET); a tampered link is refused', async () => {
      const user = await anUnverifiedUser(app);
      await app.graphql(VERIFY, { token: await verificationTokenOf(user) });
      const [, welcome] = await deliveredTo(user.email);
      expect(welcome!.subject).toBe('Bienvenue !');
      expect(welcome!.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      const url = new URL(/^<(.+)>$/.exec(welcome!.headers.get('list-unsubscribe')!)![1]!);
      expect(url.pathname).toBe('/email/unsubscribe');
      expect(welcome!.text).toContain(url.toString());
      expect(welcome!.html).toContain(url.toString().replace(/&/g, '&amp;'));

      const tampered = `${url.pathname}?token=${url.searchParams.get('token')!.slice(0, -2)}xx`;
      expect((await request(app.http).post(tampered)).status).toBe(400);
      const missing = await request(app.http).get('/email/unsubscribe');
      expect(missing.status).toBe(400);
      expect(missing.body.error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/not valid/) });
      const welcomeOf = async () =>
        (await app.graphql(ME, {}, user.accessToken)).data?.me.notificationPreferences.find((p: { kind: string }) => p.kind === 'WELCOME');
      expect(await welcomeOf()).toMatchObject({ email: true });

      const oneClick = await request(app.http)
        .post(url.pathname + url.search)
        .type('form')
        .send('List-Unsubscribe=One-Click');
      expect(oneClick.status).toBe(200);
      expect(await welcomeOf()).toMatchObject({ email: false });
      const page = await request(app.http).get(url.pathname + url.search);
      expect(page.status).toBe(200);
      expect(page.type).toBe('text/html');
      expect(page.text).toContain('vous ne recevrez plus ces e-mails');
    });
  });
});

describe('emails on a developer machine (no SMTP_URL)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  it('are written as .eml files under <DATA_DIR>/outbox and listed newest first by the outbox command', async () => {
    expect(listOutbox(app.config.dataDir)).toMatch(/^No email in /);
    const first = await anUnverifiedUser(app);
    await app.runJobs();
    const second = await anUnverifiedUser(app, { locale: 'EN' });
    await app.graphql(REQUEST_RESET, { email: second.email });
    await app.runJobs();

    const directory = join(app.config.dataDir, 'outbox');
    expect(readdirSync(directory).filter((file) => file.endsWith('.eml'))).toHaveLength(3);
    const [heading, ...lines] = listOutbox(app.config.dataDir).split('\n');
    expect(heading).toMatch(/^3 email\(s\) in .*outbox, newest first:$/);
    const entries = lines.filter((line) => !line.startsWith('    link: '));
    expect(entries).toHaveLength(3);
    expect(entries.at(-1)).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\S+Z  ${first.email}  Confirmez votre adresse e-mail  ${directory}/\\S+\\.eml$`),
    );
    expect(
      entries
        .slice(0, 2)
        .map((line) => line.split('  ')[2])
        .sort(),
    ).toEqual(['Reset your password', 'Verify your email address']);
    // Under each email, its link, decoded from the file: following it works.
    const link = new URL(lines.at(-1)!.replace('    link: ', ''));
    expect(link.pathname).toBe('/verify-email');
    expect(await app.graphql(VERIFY, { token: link.searchParams.get('token') })).toMatchObject({ data: { verifyEmail: true } });
  });
});
