import { AddressInfo } from 'node:net';
import request from 'supertest';
import { aSignedInUser } from './support/accounts.builders';
import { TestBrowser } from './support/browser';
import { aMission } from './support/marketplace.builders';
import { PRODUCTION_ENV, TestApp } from './support/test-app';

const QUERY = '{ missions(first: 1) { edges { node { title } } } }';

describe('the GraphQL IDE', () => {
  let app: TestApp;
  let browser: TestBrowser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([TestApp.start(), TestBrowser.launch()]);
  });
  afterAll(() => Promise.all([app?.close(), browser?.close()]));

  it('opens GraphiQL at GET /graphql, runs a typed query and shows its result, all from this server under its CSP', async () => {
    await aMission(app, await aSignedInUser(app), { title: 'Monter une étagère depuis GraphiQL' });
    const { port } = app.http.address() as AddressInfo;
    const { page, foreignRequests, errors } = await browser.open(`http://127.0.0.1:${port}/graphql`);
    const sent: { contentType?: string; body: unknown }[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST' && new URL(req.url()).pathname === '/graphql')
        sent.push({ contentType: req.headers()['content-type'], body: req.postDataJSON() });
    });

    const editor = page.locator('.graphiql-query-editor .CodeMirror');
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(QUERY);
    await page.keyboard.press('Escape');
    await page.locator('.graphiql-execute-button').click();

    const result = page.locator('.graphiql-response .CodeMirror');
    await result.getByText('Monter une étagère depuis GraphiQL').waitFor({ timeout: 5000 });
    expect(
      JSON.parse(await result.evaluate((element) => (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue())),
    ).toEqual({
      data: { missions: { edges: [{ node: { title: 'Monter une étagère depuis GraphiQL' } }] } },
    });
    expect(sent).toContainEqual({ contentType: 'application/json', body: expect.objectContaining({ query: QUERY }) });
    expect(foreignRequests).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('leaves GET /graphql to Apollo for anything but a browser page', async () => {
    const query = await request(app.http)
      .get('/graphql')
      .query({ query: '{ __typename }' })
      .set('Accept', 'application/json')
      .set('Apollo-Require-Preflight', 'true');
    expect(query.body).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('in production', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start(PRODUCTION_ENV);
  });
  afterAll(() => app?.close());

  it('serves no developer tools: GET /graphql from a browser is a GraphQL request, refused without its CSRF header', async () => {
    const page = await request(app.http).get('/graphql').set('Accept', 'text/html');
    expect(page.status).toBe(400);
    expect(page.text).not.toMatch(/graphiql/i);
    expect((await request(app.http).get('/graphiql/graphiql.js')).status).toBe(404);
    expect((await request(app.http).get('/openapi.json')).status).toBe(404);
  });
});
