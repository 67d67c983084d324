/**
 * signUp, the registration that tells nothing: a free and a taken address get the same answer in
 * about the same time, and signing in afterwards cannot tell them apart either. Emails arrive over
 * a real SMTP server.
 */
import { PasswordHasher } from '@marketplace/accounts';
import { Clock } from '@marketplace/common';
import { performance } from 'node:perf_hooks';
import { aRegistration, aSignedInUser } from './support/accounts.builders';
import { anAppWithMailbox, closeAppWithMailbox, linkTokenIn, Mailbox } from './support/mailbox';
import { errorCodes, GraphQLResponse, TestApp } from './support/test-app';

const SIGN_UP = `mutation ($input: RegisterInput!) { signUp(input: $input) }`;
const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken user { email } } }`;
const VERIFY = `mutation ($token: String!) { verifyEmail(token: $token) }`;
const REQUEST_RESET = `mutation ($email: String!) { requestPasswordReset(email: $email) }`;
const RESET = `mutation ($token: String!, $password: String!) { resetPassword(token: $token, newPassword: $password) }`;
const ME = `{ me { email isEmailVerified } }`;

const VERIFICATION_SUBJECT = 'Confirmez votre adresse e-mail';
const ATTEMPT_SUBJECT = 'Une inscription a été tentée avec votre adresse';
const LOGIN_FAILURES_PER_EMAIL = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('signUp: a registration that does not tell whether the address has an account', () => {
  let mailbox: Mailbox;
  let app: TestApp;
  beforeAll(async () => {
    ({ app, mailbox } = await anAppWithMailbox({
      LOGIN_MAX_FAILURES_PER_EMAIL: String(LOGIN_FAILURES_PER_EMAIL),
      LOGIN_MAX_FAILURES_PER_IP: '100000',
    }));
  });
  afterAll(() => closeAppWithMailbox(app, mailbox));
  afterEach(() => jest.restoreAllMocks());

  async function subjectsTo(address: string): Promise<string[]> {
    await app.runJobs();
    return mailbox.to(address).map((email) => email.subject);
  }

  async function linkTo(address: string, path: string): Promise<string> {
    await app.runJobs();
    return linkTokenIn(mailbox.to(address).at(-1)!.text, path);
  }

  const login = (email: string, password: string) => app.graphql(LOGIN, { input: { email, password } });

  /** What a caller can compare of two answers: all but each one's own request id. */
  const refusalOf = ({ status, data, errors }: GraphQLResponse) => ({
    status,
    data,
    errors: errors?.map((error) => ({ ...error, extensions: { ...error.extensions, requestId: 'each its own' } })),
  });

  it('answers true for a new address, creates the account unverified and emails its verification link', async () => {
    const input = aRegistration({ email: `New-${Date.now()}@Example.com` });
    const users = await app.count('users');

    expect(await app.graphql(SIGN_UP, { input })).toEqual({ status: 200, data: { signUp: true }, errors: undefined });

    expect(await app.count('users')).toBe(users + 1);
    const address = input.email.toLowerCase();
    const [row] = await app.dataSource.query(
      `SELECT display_name, roles::text[] AS roles, email_verified_at, sign_in_awaits_verified_email FROM users WHERE email = $1`,
      [address],
    );
    expect(row).toEqual({
      display_name: input.displayName,
      roles: ['CLIENT'],
      email_verified_at: null,
      sign_in_awaits_verified_email: true,
    });
    expect(await subjectsTo(address)).toEqual([VERIFICATION_SUBJECT]);
  });

  it('answers a taken address exactly as a new one, creates nothing, changes nothing and emails the owner', async () => {
    const owner = await aSignedInUser(app, { displayName: 'Inès Owner' });
    await app.runJobs();
    const users = await app.count('users');

    const taken = await app.graphql(SIGN_UP, {
      input: aRegistration({ email: owner.email.toUpperCase(), password: 'the password Mallory chose', displayName: 'Mallory' }),
    });
    const free = await app.graphql(SIGN_UP, { input: aRegistration() });

    expect(taken).toEqual(free);
    expect(await app.count('users')).toBe(users + 1);
    expect(await subjectsTo(owner.email)).toEqual([VERIFICATION_SUBJECT, ATTEMPT_SUBJECT]);
    const warning = mailbox.to(owner.email)[1]!;
    expect(warning.text).toContain('Bonjour Inès Owner,');
    expect(warning.text).toContain('https://app.example.test/forgot-password');
    expect(warning.text).not.toContain('Mallory');
    expect(errorCodes(await login(owner.email, owner.password))).toEqual([]);
    expect(errorCodes(await login(owner.email, 'the password Mallory chose'))).toEqual(['UNAUTHENTICATED']);
  });

  it('hashes the password for a taken address as for a new one, and both answers take about as long', async () => {
    const owner = await aSignedInUser(app);
    const hash = jest.spyOn(app.app.get(PasswordHasher), 'hash');
    const newAddress: number[] = [];
    const takenAddress: number[] = [];
    const timed = async (input: ReturnType<typeof aRegistration>, into: number[]) => {
      const start = performance.now();
      expect((await app.graphql(SIGN_UP, { input })).data).toEqual({ signUp: true });
      into.push(performance.now() - start);
    };
    // Interleaved, so that the machine's load weighs on both alike.
    for (let round = 0; round < 12; round++) {
      await timed(aRegistration(), newAddress);
      await timed(aRegistration({ email: owner.email }), takenAddress);
    }

    expect(hash).toHaveBeenCalledTimes(24);
    const [fresh, taken] = [median(newAddress), median(takenAddress)];
    console.info(`signUp median latency: new address ${fresh.toFixed(1)} ms, taken address ${taken.toFixed(1)} ms`);
    // Skipping the hash would make the taken answer several times faster; 40 % covers a busy machine.
    expect(Math.abs(fresh - taken)).toBeLessThan(0.4 * Math.max(fresh, taken));
  });

  it('refuses to sign in an unverified signUp account exactly as a wrong password, counting it as a failure; after the link it signs in', async () => {
    const input = aRegistration({ password: 'the password Mallory chose' });
    await app.graphql(SIGN_UP, { input });
    // What an attacker sees after signUp with an address that already had an account, using their own password:
    const owner = await aSignedInUser(app);
    await app.graphql(SIGN_UP, { input: aRegistration({ email: owner.email, password: input.password }) });
    const verify = jest.spyOn(app.app.get(PasswordHasher), 'verify');

    const ownAccount = await login(input.email, input.password);
    const someoneElses = await login(owner.email, input.password);

    expect(errorCodes(ownAccount)).toEqual(['UNAUTHENTICATED']);
    expect(refusalOf(ownAccount)).toEqual(refusalOf(someoneElses));
    expect(verify).toHaveBeenCalledTimes(2);
    for (let attempt = 2; attempt <= LOGIN_FAILURES_PER_EMAIL; attempt++) {
      expect(refusalOf(await login(input.email, input.password))).toEqual(refusalOf(await login(owner.email, input.password)));
    }
    const [throttledOwn, throttledOther] = [await login(input.email, input.password), await login(owner.email, input.password)];
    expect(errorCodes(throttledOwn)).toEqual(['TOO_MANY_REQUESTS']);
    // retryAfterSeconds counts from each address's first failure, a few milliseconds apart.
    expect(errorCodes(throttledOther)).toEqual(['TOO_MANY_REQUESTS']);
    expect(throttledOwn.errors![0]!.message).toBe(throttledOther.errors![0]!.message);

    const windowLater = new Date(Date.now() + app.config.auth.loginFailureWindowSeconds * 1000 + 1000);
    jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(windowLater);
    expect(await app.graphql(VERIFY, { token: await linkTo(input.email, '/verify-email') })).toMatchObject({ data: { verifyEmail: true } });
    const signedIn = await login(input.email, input.password);
    expect(signedIn.data?.login.user).toEqual({ email: input.email });
    expect((await app.graphql(ME, {}, signedIn.data!.login.accessToken)).data?.me).toEqual({ email: input.email, isEmailVerified: true });
    expect(await subjectsTo(input.email)).toEqual([VERIFICATION_SUBJECT, 'Bienvenue !']);
  });

  it('lets an unverified signUp account reset its password, which verifies the address: then it signs in with the new one', async () => {
    const input = aRegistration();
    await app.graphql(SIGN_UP, { input });
    expect(await app.graphql(REQUEST_RESET, { email: input.email })).toMatchObject({ data: { requestPasswordReset: true } });
    const token = await linkTo(input.email, '/reset-password');

    expect(await app.graphql(RESET, { token, password: 'the owner chose this one' })).toMatchObject({ data: { resetPassword: true } });

    expect(errorCodes(await login(input.email, input.password))).toEqual(['UNAUTHENTICATED']);
    const signedIn = await login(input.email, 'the owner chose this one');
    expect(errorCodes(signedIn)).toEqual([]);
    expect((await app.graphql(ME, {}, signedIn.data!.login.accessToken)).data?.me.isEmailVerified).toBe(true);
  });

  it('creates one account when one address signs up several times at once; the others email its owner', async () => {
    const email = aRegistration().email;
    const users = await app.count('users');

    const answers = await Promise.all(
      ['premier mot de passe', 'deuxième mot de passe', 'troisième mot de passe'].map((password) =>
        app.graphql(SIGN_UP, { input: aRegistration({ email, password }) }),
      ),
    );

    expect(answers.map((answer) => answer.data)).toEqual(Array(3).fill({ signUp: true }));
    expect(await app.count('users')).toBe(users + 1);
    expect((await subjectsTo(email)).sort()).toEqual([ATTEMPT_SUBJECT, ATTEMPT_SUBJECT, VERIFICATION_SUBJECT].sort());
  });

  it('keeps register as it was: a taken address (signUp taken it) is CONFLICT, and its own accounts sign in unverified', async () => {
    const input = aRegistration();
    await app.graphql(SIGN_UP, { input });
    expect(errorCodes(await app.graphql(REGISTER, { input: aRegistration({ email: input.email }) }))).toEqual(['CONFLICT']);

    const registered = aRegistration();
    expect(errorCodes(await app.graphql(REGISTER, { input: registered }))).toEqual([]);
    const signedIn = await login(registered.email, registered.password);
    expect((await app.graphql(ME, {}, signedIn.data!.login.accessToken)).data?.me.isEmailVerified).toBe(false);
  });

  it('refuses bad input with BAD_USER_INPUT, whether the address is free or taken, and creates nothing', async () => {
    const owner = await aSignedInUser(app);
    const users = await app.count('users');
    for (const email of [owner.email, aRegistration().email]) {
      for (const bad of [{ password: 'short' }, { password: email }, { displayName: ' x ' }]) {
        expect(errorCodes(await app.graphql(SIGN_UP, { input: aRegistration({ email, ...bad }) }))).toEqual(['BAD_USER_INPUT']);
      }
    }
    expect(errorCodes(await app.graphql(SIGN_UP, { input: aRegistration({ email: 'not an address' }) }))).toEqual(['BAD_USER_INPUT']);
    expect(await app.count('users')).toBe(users);
  });
});
