import { aSignedInUser } from './support/accounts.builders';
import { errorCodes, PRODUCTION_TEST_ENV as PRODUCTION_ENV, TestApp } from './support/test-app';

describe('query hardening', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ GRAPHQL_MAX_ALIASES: '15' });
  });
  afterAll(() => app.close());

  it('counts __typename aliases against the alias limit like any other', async () => {
    const within = Array.from({ length: 15 }, (_, i) => `t${i}: __typename`).join(' ');
    expect((await app.graphql(`{ ${within} }`)).data).toMatchObject({ t0: 'Query', t14: 'Query' });
    const beyond = Array.from({ length: 16 }, (_, i) => `t${i}: __typename`).join(' ');
    const refused = await app.graphql(`{ ${beyond} }`);
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0].message).toMatch(/aliases/i);
  });

  it('suggests names outside production, where the schema is public anyway', async () => {
    const response = await app.graphql(`{ missions(filter: { category: FURNITURE_ASSEMBL }) { edges { cursor } } }`);
    expect(response.errors![0].message).toMatch(/Did you mean the enum value "FURNITURE_ASSEMBLY"/);
  });
});

describe('errors in production', () => {
  let app: TestApp;
  let accessToken: string;
  beforeAll(async () => {
    app = await TestApp.start(PRODUCTION_ENV);
    ({ accessToken } = await aSignedInUser(app));
  });
  afterAll(() => app.close());

  /** What to misspell, and the name graphql-js would suggest for it. */
  const attempts: [string, string, Record<string, unknown>, string][] = [
    ['an enum value in a literal', `{ missions(filter: { category: FURNITURE_ASSEMBL }) { edges { cursor } } }`, {}, 'FURNITURE_ASSEMBLY'],
    [
      'an enum value in a variable',
      `query ($f: MissionFilter) { missions(filter: $f) { edges { cursor } } }`,
      { f: { category: 'FURNITURE_ASSEMBL' } },
      'FURNITURE_ASSEMBLY',
    ],
    [
      'an input field in a variable',
      `query ($f: MissionFilter) { missions(filter: $f) { edges { cursor } } }`,
      { f: { categori: 'HANDYMAN' } },
      '"category"',
    ],
    ['a field', `{ me { emial } }`, {}, '"email"'],
    ['an argument', `{ missions(frist: 2) { edges { cursor } } }`, {}, '"first"'],
    ['a type', `query ($f: MissionFiltr) { missions(filter: $f) { edges { cursor } } }`, {}, '"MissionFilter"'],
    ['a role', `mutation { grantRole(userId: "00000000-0000-4000-8000-000000000000", role: ADMN) { id } }`, {}, 'ADMIN'],
  ];

  it.each(attempts)('suggests no name for a misspelt %s', async (_what, query, variables, suggestion) => {
    const response = await app.graphql(query, variables, accessToken);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    for (const error of response.errors!) {
      expect(error.message).not.toMatch(/did you mean/i);
      expect(error.message).not.toContain(suggestion);
    }
  });
});
