/**
 * Rate limits under concurrency: the requests of each test are sent at once, from one client IP
 * (given by X-Forwarded-For behind one trusted proxy, so that tests do not share a budget).
 */
import { PasswordHasher } from '@marketplace/accounts';
import { Clock } from '@marketplace/common';
import request from 'supertest';
import { A_JPEG } from './support/documents.builders';
import { AUTH_PAYLOAD_FIELDS, aRegistration, aSignedInUser, SignedInUser } from './support/accounts.builders';
import { errorCodes, GraphQLResponse, TestApp } from './support/test-app';

const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`;
const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { ${AUTH_PAYLOAD_FIELDS} } }`;
const SIGN_UP = `mutation ($input: RegisterInput!) { signUp(input: $input) }`;
const REPORT = `mutation ($targetId: ID!) { report(target: USER, targetId: $targetId, reason: "Fake profile, asks for payment outside") { id } }`;
const SEARCH = `{ missions(filter: { near: { latitude: 48.8566, longitude: 2.3522 }, radiusKm: 10 }, first: 5) { edges { node { id } } } }`;

async function graphqlFrom(
  app: TestApp,
  ip: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse> {
  const call = request(app.http).post('/graphql').set('Content-Type', 'application/json').set('X-Forwarded-For', ip);
  if (token) call.set('Authorization', `Bearer ${token}`);
  const response = await call.send({ query, variables });
  return { status: response.status, data: response.body.data ?? undefined, errors: response.body.errors };
}

function countCodes(responses: GraphQLResponse[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const code of responses.flatMap(errorCodes)) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}

const atOnce = <T>(count: number, send: (index: number) => Promise<T>): Promise<T[]> =>
  Promise.all(Array.from({ length: count }, (_, index) => send(index)));

function moveClock(app: TestApp, ms: number): void {
  jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + ms));
}

describe('rate limits', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({
      TRUST_PROXY_HOPS: '1',
      LOGIN_MAX_FAILURES_PER_EMAIL: '10',
      LOGIN_MAX_FAILURES_PER_IP: '30',
      LOGIN_FAILURE_WINDOW_SECONDS: '900',
      RATE_LIMIT_REPORT_PER_USER: '3',
      RATE_LIMIT_REPORT_PER_IP: '5',
      RATE_LIMIT_REPORT_WINDOW_SECONDS: '3600',
      RATE_LIMIT_DOCUMENT_UPLOAD_PER_USER: '2',
      RATE_LIMIT_ACCOUNT_DELETION_PER_USER: '3',
    });
  });

  afterAll(async () => {
    await app.close();
  });

  afterEach(() => jest.restoreAllMocks());

  it('keeps its counters in an unlogged table: counting an attempt waits for no WAL flush', async () => {
    const [table] = await app.dataSource.query(`SELECT relpersistence FROM pg_class WHERE oid = 'rate_limit_counters'::regclass`);
    expect(table.relpersistence).toBe('u');
  });

  describe('sign-in', () => {
    it('lets at most 10 of 200 concurrent wrong passwords for one email reach the hash, then refuses the right one until the window passes', async () => {
      const user = await aSignedInUser(app);
      const verify = jest.spyOn(app.app.get(PasswordHasher), 'verify');
      const sessions = await app.count('refresh_tokens');

      const guesses = await atOnce(200, (index) =>
        graphqlFrom(app, '198.51.100.1', LOGIN, { input: { email: user.email, password: `wrong password ${index}` } }),
      );

      expect(verify).toHaveBeenCalledTimes(10);
      expect(countCodes(guesses)).toEqual({ UNAUTHENTICATED: 10, TOO_MANY_REQUESTS: 190 });
      const refused = guesses.find((guess) => errorCodes(guess).includes('TOO_MANY_REQUESTS'))!;
      expect(refused.errors?.[0].extensions.retryAfterSeconds).toEqual(expect.any(Number));
      expect(refused.errors?.[0].extensions.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.errors?.[0].extensions.retryAfterSeconds).toBeLessThanOrEqual(900);

      const rightPassword = { input: { email: user.email, password: user.password } };
      expect(errorCodes(await graphqlFrom(app, '198.51.100.1', LOGIN, rightPassword))).toEqual(['TOO_MANY_REQUESTS']);
      expect(errorCodes(await graphqlFrom(app, '198.51.100.99', LOGIN, rightPassword))).toEqual(['TOO_MANY_REQUESTS']);
      expect(verify).toHaveBeenCalledTimes(10);
      expect(await app.count('refresh_tokens')).toBe(sessions);

      moveClock(app, 16 * 60_000);
      const allowed = await graphqlFrom(app, '198.51.100.1', LOGIN, rightPassword);
      expect(allowed.errors).toBeUndefined();
      expect(await app.count('refresh_tokens')).toBe(sessions + 1);
    });

    it('lets at most 30 of 40 concurrent wrong passwords from one IP reach the hash, whatever the emails', async () => {
      const user = await aSignedInUser(app);
      const verify = jest.spyOn(app.app.get(PasswordHasher), 'verify');

      const guesses = await atOnce(40, (index) =>
        graphqlFrom(app, '198.51.100.2', LOGIN, { input: { email: `guess-${index}@example.com`, password: 'a guessed password' } }),
      );

      expect(verify).toHaveBeenCalledTimes(30);
      expect(countCodes(guesses)).toEqual({ UNAUTHENTICATED: 30, TOO_MANY_REQUESTS: 10 });
      const rightPassword = { input: { email: user.email, password: user.password } };
      expect(errorCodes(await graphqlFrom(app, '198.51.100.2', LOGIN, rightPassword))).toEqual(['TOO_MANY_REQUESTS']);
      expect((await graphqlFrom(app, '198.51.100.3', LOGIN, rightPassword)).errors).toBeUndefined();
    });

    it('gives the right password its attempt back and forgives the email its failures', async () => {
      const user = await aSignedInUser(app);
      const attempt = (password: string) => graphqlFrom(app, '198.51.100.4', LOGIN, { input: { email: user.email, password } });
      for (let failure = 0; failure < 9; failure++) expect(errorCodes(await attempt('not the password'))).toEqual(['UNAUTHENTICATED']);
      expect((await attempt(user.password)).errors).toBeUndefined();

      const again = await atOnce(10, () => attempt('not the password either'));
      expect(countCodes(again)).toEqual({ UNAUTHENTICATED: 10 });
    });
  });

  describe('reports', () => {
    let targets: SignedInUser[];

    beforeAll(async () => {
      targets = await atOnce(12, () => aSignedInUser(app));
    });

    it('accepts at most 3 of 10 concurrent reports by one user, creating only those, until the window passes', async () => {
      const reporter = await aSignedInUser(app);
      const reports = await app.count('reports');

      const sent = await atOnce(10, (index) =>
        graphqlFrom(app, '192.0.2.1', REPORT, { targetId: targets[index].id }, reporter.accessToken),
      );

      expect(sent.filter((response) => response.data?.report).length).toBe(3);
      expect(countCodes(sent)).toEqual({ TOO_MANY_REQUESTS: 7 });
      const retryAfter = sent.find((response) => response.errors)!.errors![0].extensions.retryAfterSeconds;
      expect(retryAfter).toBeGreaterThan(3500);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      expect(await app.count('reports')).toBe(reports + 3);

      moveClock(app, 3601_000);
      const nextHour = await graphqlFrom(app, '192.0.2.1', REPORT, { targetId: targets[11].id }, reporter.accessToken);
      expect(nextHour.errors).toBeUndefined();
    });

    it('counts every report sent from one IP, whoever sends it, and aliases one by one', async () => {
      const [first, second, elsewhere] = await atOnce(3, () => aSignedInUser(app));
      const aliased = `mutation ($a: ID!, $b: ID!, $c: ID!, $d: ID!) {
        a: report(target: USER, targetId: $a, reason: "Fake profile, asks for payment outside") { id }
        b: report(target: USER, targetId: $b, reason: "Fake profile, asks for payment outside") { id }
        c: report(target: USER, targetId: $c, reason: "Fake profile, asks for payment outside") { id }
        d: report(target: USER, targetId: $d, reason: "Fake profile, asks for payment outside") { id }
      }`;
      const ids = { a: targets[0].id, b: targets[1].id, c: targets[2].id, d: targets[3].id };

      const byFirst = await graphqlFrom(app, '192.0.2.2', aliased, ids, first.accessToken);
      // report is non-null: the refused alias nulls the whole answer, but the others were made.
      expect(countCodes([byFirst])).toEqual({ TOO_MANY_REQUESTS: 1 });
      expect(await app.dataSource.query(`SELECT count(*)::int AS n FROM reports WHERE reporter_id = $1`, [first.id])).toEqual([{ n: 3 }]);

      const bySecond = await atOnce(4, (index) =>
        graphqlFrom(app, '192.0.2.2', REPORT, { targetId: targets[index].id }, second.accessToken),
      );
      expect(bySecond.filter((response) => response.data?.report).length).toBe(2);
      expect(countCodes(bySecond)).toEqual({ TOO_MANY_REQUESTS: 2 });

      expect((await graphqlFrom(app, '192.0.2.3', REPORT, { targetId: targets[0].id }, elsewhere.accessToken)).errors).toBeUndefined();
    });

    it('costs a search nothing', async () => {
      const counters = await app.count('rate_limit_counters');
      const searches = await atOnce(20, () => graphqlFrom(app, '192.0.2.4', SEARCH));
      expect(searches.every((search) => search.errors === undefined)).toBe(true);
      expect(await app.count('rate_limit_counters')).toBe(counters);
    });
  });

  describe('account deletion', () => {
    it('checks at most 3 passwords of 6 concurrent deleteMyAccount calls by one user, then refuses the right one too, deleting nothing', async () => {
      const guesser = await aSignedInUser(app);
      const deleteWith = (password: string) =>
        graphqlFrom(app, '203.0.113.60', `mutation ($p: String!) { deleteMyAccount(password: $p) }`, { p: password }, guesser.accessToken);
      const guesses = await atOnce(6, (index) => deleteWith(`guess number ${index}`));
      expect(countCodes(guesses)).toEqual({ BAD_USER_INPUT: 3, TOO_MANY_REQUESTS: 3 });
      expect(errorCodes(await deleteWith(guesser.password))).toEqual(['TOO_MANY_REQUESTS']);
      const [{ email }] = await app.dataSource.query(`SELECT email FROM users WHERE id = $1`, [guesser.id]);
      expect(email).toBe(guesser.email);
    });
  });

  describe('identity document uploads (REST)', () => {
    it('answers 429 with Retry-After beyond 2 uploads at once by one user, and stores nothing for those', async () => {
      const user = await aSignedInUser(app);
      const documents = await app.count('identity_documents');

      const uploads = await atOnce(5, () =>
        request(app.http)
          .post('/identity/documents')
          .set('Authorization', `Bearer ${user.accessToken}`)
          .set('X-Forwarded-For', '192.0.2.10')
          .attach('file', A_JPEG, 'id.jpg'),
      );

      expect(uploads.map((upload) => upload.status).sort()).toEqual([201, 201, 429, 429, 429]);
      const refused = uploads.find((upload) => upload.status === 429)!;
      expect(refused.body.error).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) });
      expect(refused.headers['retry-after']).toBe(String(refused.body.error.retryAfterSeconds));
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
      expect(await app.count('identity_documents')).toBe(documents + 2);
    });
  });
});

describe('registration rate limit', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ TRUST_PROXY_HOPS: '1', RATE_LIMIT_REGISTER_PER_IP: '3' });
  });

  afterAll(async () => {
    await app.close();
  });

  afterEach(() => jest.restoreAllMocks());

  it('hashes and creates at most 3 of 8 concurrent registrations from one IP; another IP still registers', async () => {
    const hash = jest.spyOn(app.app.get(PasswordHasher), 'hash');
    const users = await app.count('users');

    const registrations = await atOnce(8, () => graphqlFrom(app, '203.0.113.1', REGISTER, { input: aRegistration() }));

    expect(registrations.filter((response) => response.data?.register).length).toBe(3);
    expect(countCodes(registrations)).toEqual({ TOO_MANY_REQUESTS: 5 });
    expect(hash).toHaveBeenCalledTimes(3);
    expect(await app.count('users')).toBe(users + 3);
    expect((await graphqlFrom(app, '203.0.113.2', REGISTER, { input: aRegistration() })).errors).toBeUndefined();
  });

  it('counts signUp in the same budget as register: of 2 registrations and 6 sign-ups at once from one IP, 3 get through', async () => {
    const users = await app.count('users');
    const registrations = atOnce(2, () => graphqlFrom(app, '203.0.113.3', REGISTER, { input: aRegistration() }));
    const signUps = atOnce(6, () => graphqlFrom(app, '203.0.113.3', SIGN_UP, { input: aRegistration() }));
    const answers = [...(await registrations), ...(await signUps)];

    expect(answers.filter((response) => response.data?.register || response.data?.signUp).length).toBe(3);
    expect(countCodes(answers)).toEqual({ TOO_MANY_REQUESTS: 5 });
    expect(await app.count('users')).toBe(users + 3);
  });
});
