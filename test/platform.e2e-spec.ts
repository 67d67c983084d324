import { JobQueue, JobRunner } from '@marketplace/jobs';
import { PURGE_EXPIRED_AUTH_RECORDS } from '@marketplace/retention';
import request from 'supertest';
import { Draining } from '../apps/api/src/draining';
import { aRegistration, aSignedInUser } from './support/accounts.builders';
import { errorCodes, PRODUCTION_ENV, TestApp } from './support/test-app';

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { user { id } } }`;

describe('the HTTP platform', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });

  afterAll(async () => {
    await app.close();
  });

  it('reports a healthy database on GET /health', async () => {
    const response = await request(app.http).get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', database: { status: 'up' } });
  });

  it('sends security headers and a request id', async () => {
    const response = await request(app.http).get('/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await request(app.http).get('/health').set('X-Request-Id', 'trace-from-the-edge-1')).headers['x-request-id']).toBe(
      'trace-from-the-edge-1',
    );
  });

  it('refuses a simple cross-site request (Apollo CSRF prevention) without changing anything', async () => {
    const users = await app.count('users');
    const response = await request(app.http)
      .post('/graphql')
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify({ query: REGISTER, variables: { input: aRegistration() } }));
    expect(response.status).toBe(400);
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(await app.count('users')).toBe(users);
  });

  it('answers broken JSON with 400 and BAD_USER_INPUT', async () => {
    const response = await request(app.http).post('/graphql').set('Content-Type', 'application/json').send('{"query": "mutation {');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers a 10 MB body with 413 and BAD_USER_INPUT, and creates nothing', async () => {
    const users = await app.count('users');
    const response = await request(app.http)
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .send({ query: REGISTER, variables: { input: aRegistration({ displayName: 'x'.repeat(10 * 1024 * 1024) }) } });
    expect(response.status).toBe(413);
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await app.count('users')).toBe(users);
  });

  it('answers syntax errors and unknown fields with BAD_USER_INPUT', async () => {
    expect(errorCodes(await app.graphql('{ me { id '))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await app.graphql('{ me { id passwordHash } }'))).toEqual(['BAD_USER_INPUT']);
  });

  it('answers an unexpected failure with INTERNAL_SERVER_ERROR and a request id, without internals', async () => {
    const broken = await TestApp.start();
    try {
      const user = await aSignedInUser(broken);
      await broken.dataSource.query('ALTER TABLE users RENAME COLUMN display_name TO lost_column');
      const response = await request(broken.http)
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .set('Authorization', `Bearer ${user.accessToken}`)
        .send({ query: '{ me { displayName } }' });
      const [error] = response.body.errors;
      expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error.extensions.requestId).toBe(response.headers['x-request-id']);
      expect(JSON.stringify(response.body)).not.toMatch(/lost_column|display_name|stack|QueryFailed/);
    } finally {
      await broken.close();
    }
  });

  it('runs jobs committed with a transaction: the hourly purge drops refresh tokens past their retention and closed rate-limit windows', async () => {
    const user = await aSignedInUser(app);
    await app.dataSource.query(`UPDATE refresh_tokens SET expires_at = now() - interval '7 months' WHERE user_id = $1`, [user.id]);
    await app.dataSource.query(
      `INSERT INTO rate_limit_counters (key, hits, window_ends_at)
       VALUES ('login:email:old@example.com', 10, now() - interval '1 minute'), ('login:email:new@example.com', 1, now() + interval '1 hour')`,
    );
    const runner = app.app.get(JobRunner);
    expect(runner.registeredJobNames()).toContain(PURGE_EXPIRED_AUTH_RECORDS.name);

    await app.dataSource.transaction((manager) => app.app.get(JobQueue).enqueue(manager, PURGE_EXPIRED_AUTH_RECORDS, {}));
    await runner.runDueJobs();

    expect(await app.dataSource.query(`SELECT 1 FROM refresh_tokens WHERE user_id = $1`, [user.id])).toHaveLength(0);
    expect(await app.dataSource.query(`SELECT key FROM rate_limit_counters WHERE key LIKE '%@example.com'`)).toEqual([
      { key: 'login:email:new@example.com' },
    ]);
  });

  it('does not enqueue a job whose transaction rolled back', async () => {
    const queued = async () => Number((await app.dataSource.query(`SELECT count(*) AS n FROM graphile_worker.jobs`))[0].n);
    const before = await queued();
    await expect(
      app.dataSource.transaction(async (manager) => {
        await app.app.get(JobQueue).enqueue(manager, PURGE_EXPIRED_AUTH_RECORDS, {});
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect(await queued()).toBe(before);
  });

  it('once told to stop (SIGTERM, within SHUTDOWN_GRACE_MS), says so on /health, still answers, and asks every client to close its connection', async () => {
    app.app.get(Draining).begin();
    try {
      const health = await request(app.http).get('/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'draining', database: { status: 'up' } });
      expect(health.headers.connection).toBe('close');

      const missions = await request(app.http)
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .send({ query: '{ missions(first: 1) { edges { node { id } } } }' });
      expect(missions.status).toBe(200);
      expect(missions.body.errors).toBeUndefined();
      expect(missions.body.data.missions.edges).toEqual(expect.any(Array));
      expect(missions.headers.connection).toBe('close');
    } finally {
      await app.restart(); // a new application, not draining
    }
  });
});

describe('query limits', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ GRAPHQL_MAX_DEPTH: '2', GRAPHQL_MAX_ALIASES: '3' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('refuses queries deeper than the limit, and too many aliases, without running them', async () => {
    const registered = await app.graphql(`mutation ($input: RegisterInput!) { register(input: $input) { accessToken refreshToken } }`, {
      input: aRegistration(),
    });
    const { accessToken, refreshToken } = registered.data?.register;
    const withinDepth = await app.graphql(`mutation ($t: String!) { refreshSession(refreshToken: $t) { refreshToken } }`, {
      t: refreshToken,
    });
    expect(withinDepth.errors).toBeUndefined();
    const tokens = await app.count('refresh_tokens');
    const tooDeep = await app.graphql(`mutation ($t: String!) { refreshSession(refreshToken: $t) { user { id } } }`, {
      t: withinDepth.data?.refreshSession.refreshToken,
    });
    expect(errorCodes(tooDeep)).toEqual(['BAD_USER_INPUT']);
    expect(tooDeep.errors?.[0].message).toMatch(/depth/i);
    expect(await app.count('refresh_tokens')).toBe(tokens);

    const aliases = Array.from({ length: 5 }, (_, i) => `a${i}: me { id }`).join(' ');
    expect(errorCodes(await app.graphql(`{ ${aliases} }`, {}, accessToken))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('production mode', () => {
  it('turns GraphQL introspection off', async () => {
    const app = await TestApp.start(PRODUCTION_ENV);
    try {
      const response = await app.graphql('{ __schema { queryType { name } } }');
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors?.[0].message).toMatch(/introspection/i);
    } finally {
      await app.close();
    }
  });
});
