/**
 * What an operator reads: one JSON line per HTTP request, naming the GraphQL operation, its type,
 * the error codes answered, the status and the request id, and nothing a client sent in secret.
 */
import request from 'supertest';
import { aSignedInUser } from './support/accounts.builders';
import { TestApp } from './support/test-app';

interface LogLine {
  level: number;
  time: number;
  msg: string;
  [field: string]: unknown;
}

describe('request logs', () => {
  const written: string[] = [];
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ LOG_LEVEL: 'log' }, { logs: { write: (line: string) => written.push(line) } });
  });
  afterAll(() => app.close());

  const lines = (): LogLine[] => written.map((line) => JSON.parse(line) as LogLine);
  const lineOf = (requestId: string) => lines().filter((line) => line.requestId === requestId);

  async function send(body: Record<string, unknown>, token?: string) {
    const call = request(app.http).post('/graphql').set('Content-Type', 'application/json');
    if (token) call.set('Authorization', `Bearer ${token}`);
    const response = await call.send(body);
    // pino-http writes the line once the response has finished.
    await new Promise(setImmediate);
    return { requestId: response.headers['x-request-id'] as string, body: response.body };
  }

  it("logs a named GraphQL operation with its name, type, status, duration, error codes and the request's id", async () => {
    const user = await aSignedInUser(app);
    const refused = await send({
      query: 'mutation SignIn($input: LoginInput!) { login(input: $input) { accessToken } }',
      variables: { input: { email: user.email, password: 'not the password at all' } },
    });
    const me = await send({ query: 'query WhoAmI { me { id } }' }, user.accessToken);
    const bad = await send({ query: 'query OneMission { mission(id: "not-a-uuid") { id } }' });

    expect(lineOf(refused.requestId)).toEqual([
      expect.objectContaining({
        level: 30,
        time: expect.any(Number),
        method: 'POST',
        url: '/graphql',
        status: 200,
        durationMs: expect.any(Number),
        operationName: 'SignIn',
        operationType: 'mutation',
        errorCodes: [refused.body.errors[0].extensions.code],
        msg: 'POST /graphql 200',
      }),
    ]);
    expect(lineOf(me.requestId)).toEqual([expect.objectContaining({ operationName: 'WhoAmI', operationType: 'query', status: 200 })]);
    expect(lineOf(me.requestId)[0]).not.toHaveProperty('errorCodes');
    expect(lineOf(bad.requestId)).toEqual([expect.objectContaining({ operationName: 'OneMission', errorCodes: ['BAD_USER_INPUT'] })]);
  });

  it('never writes a password, an email, a token or a header a client sent', async () => {
    const password = 'correct horse battery staple';
    const user = await aSignedInUser(app, { password });
    const login = await send({
      query: 'mutation SignIn($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }',
      variables: { input: { email: user.email, password } },
    });
    await send({ query: 'query WhoAmI { me { id } }' }, login.body.data.login.accessToken);

    const everything = written.join('');
    for (const secret of [password, user.email, user.accessToken, login.body.data.login.accessToken, login.body.data.login.refreshToken]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toMatch(/bearer|authorization|cookie/i);
  });

  it("writes Nest's own logs as JSON lines too: numeric level, a string message, the context as a field, no colour codes", () => {
    const started = lines().find((line) => line.context === 'NestApplication');
    expect(started).toMatchObject({ level: 30, msg: expect.stringContaining('started') });
    expect(lines().every((line) => typeof line.msg === 'string' && typeof line.level === 'number')).toBe(true);
    expect(written.join('')).not.toMatch(/\u001b\[/);
  });
});
