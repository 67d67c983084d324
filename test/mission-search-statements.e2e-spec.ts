/**
 * No N+1: a page of missions, with what a listing screen shows of each (client, their profile and
 * identity and reputation, the viewer's own bid, the bids), costs a fixed number of SQL statements, whether it
 * holds 20 missions or 100.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { aSignedInUser, SignedInUser } from './support/accounts.builders';
import { aBid, aMission, aProvider } from './support/marketplace.builders';
import { StatementCounter } from './support/statement-counter';
import { TestApp } from './support/test-app';

const MARSEILLE = { latitude: 43.2965, longitude: 5.3698 };
const CATEGORY = 'HANDYMAN';
const MISSION_COUNT = 125;
const MAX_STATEMENTS = 8;

const SEARCH = `query ($filter: MissionFilter, $first: Int) {
  missions(filter: $filter, first: $first) {
    edges { cursor node { id title distanceKm bidCount location { city latitude longitude }
      client { id displayName isIdentityVerified reputation { asClient { average count } } providerProfile { headline } } myBid { id amountCents } } }
    pageInfo { hasNextPage endCursor } } }`;

const MY_MISSIONS = `query ($first: Int) {
  myMissions(first: $first) {
    edges { node { id bids { edges { node { id provider { displayName isIdentityVerified reputation { asProvider { average count } } } } } } } }
    pageInfo { hasNextPage endCursor } } }`;

interface Measured {
  body: { data?: Record<string, any>; errors?: unknown[] };
  statements: string[];
}

async function inBatches<T>(items: T[], size: number, run: (item: T, index: number) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map((item, offset) => run(item, start + offset)));
  }
}

describe('the SQL statements one GraphQL request runs', () => {
  let app: TestApp;
  let counter: StatementCounter;
  let clients: SignedInUser[];
  let providers: SignedInUser[];
  let missionIds: string[];

  beforeAll(async () => {
    app = await TestApp.start();
    counter = new StatementCounter(app.http);
    providers = [await aProvider(app), await aProvider(app), await aProvider(app)];
    // One client is also a (not yet verified) provider, so some clients have a provider profile to load.
    clients = [...(await Promise.all([1, 2, 3, 4].map(() => aSignedInUser(app)))), await aProvider(app, { verified: false })];

    missionIds = [];
    await inBatches(Array.from({ length: MISSION_COUNT }), 10, async (_item, index) => {
      const latitude = MARSEILLE.latitude + (index % 11) * 0.002;
      const longitude = MARSEILLE.longitude + Math.floor(index / 11) * 0.002;
      // Half of them by the first client, whose own list is checked too; the rest by the four others.
      const owner = index % 2 === 0 ? clients[0] : clients[1 + (Math.floor(index / 2) % 4)];
      missionIds[index] = await aMission(app, owner, {
        title: `Petits travaux n°${index + 1}`,
        category: CATEGORY,
        location: { address: `${index + 1} rue de la République`, city: 'Marseille', postcode: '13002', latitude, longitude },
      });
    });
    // A couple of bids on every third mission, from two or three providers.
    const bids = missionIds.flatMap((missionId, index) =>
      index % 3 === 0 ? providers.slice(0, 2 + (index % 2)).map((provider, rank) => ({ provider, missionId, rank })) : [],
    );
    await inBatches(bids, 10, ({ provider, missionId, rank }) => aBid(app, provider, missionId, { amountCents: 9_000 + rank * 500 }));
  });

  afterAll(async () => {
    counter.detach();
    await app.close();
  });

  /**
   * Runs one request, counting the statements sent to PostgreSQL on its behalf (not the worker's, nor another request's).
   * The viewer's sign-in was checked just before (`warm`): what is counted is the request's own work.
   */
  async function measured(query: string, variables: Record<string, unknown>, token: string, { warm = true } = {}): Promise<Measured> {
    if (warm)
      await request(app.http)
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .set('Authorization', `Bearer ${token}`)
        .send({ query: '{ me { id } }' });
    const requestId = `statements-${randomBytes(8).toString('hex')}`;
    const { result, statements } = await counter.count(requestId, () =>
      request(app.http)
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .set('Authorization', `Bearer ${token}`)
        .set('X-Request-Id', requestId)
        .send({ query, variables }),
    );
    return { body: result.body, statements: statements.map((statement) => statement.text) };
  }

  function expectAFullPage(result: Measured, field: string, size: number): any[] {
    expect(result.body.errors).toBeUndefined();
    const connection = result.body.data?.[field];
    expect(connection.edges).toHaveLength(size);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    return connection.edges.map((edge: { node: unknown }) => edge.node);
  }

  it("checks a sign-in in one statement, then not again while the instance's cache of it lasts", async () => {
    const viewer = await aSignedInUser(app);
    const cold = await measured('{ me { id } }', {}, viewer.accessToken, { warm: false });
    const warm = await measured('{ me { id } }', {}, viewer.accessToken);
    expect(cold.body.errors).toBeUndefined();
    expect(cold.statements.filter((statement) => statement.includes('refresh_tokens'))).toHaveLength(1);
    expect(warm.body.errors).toBeUndefined();
    expect(warm.statements.filter((statement) => statement.includes('refresh_tokens'))).toHaveLength(0);
    expect(warm.statements).toHaveLength(cold.statements.length - 1);
  });

  it('has more than 100 open missions to list in the category near the point', async () => {
    const [row] = await app.dataSource.query(`SELECT count(*)::int AS n FROM missions WHERE category = $1 AND status = 'OPEN'`, [CATEGORY]);
    expect(row.n).toBe(MISSION_COUNT);
    expect(await app.count('bids')).toBeGreaterThan(80);
  });

  it('lists missions near a point in as many statements for 100 as for 20, and few', async () => {
    const viewer = providers[0];
    const filter = { near: MARSEILLE, radiusKm: 10, category: CATEGORY };
    const twenty = await measured(SEARCH, { filter, first: 20 }, viewer.accessToken);
    const hundred = await measured(SEARCH, { filter, first: 100 }, viewer.accessToken);

    expectAFullPage(twenty, 'missions', 20);
    const nodes = expectAFullPage(hundred, 'missions', 100);
    expect(nodes.filter((node) => node.myBid !== null).length).toBeGreaterThan(10);
    expect(nodes.some((node) => node.client.providerProfile !== null)).toBe(true);
    expect(nodes.every((node) => node.distanceKm !== null && node.distanceKm <= 10)).toBe(true);
    expect(nodes.every((node) => typeof node.client.reputation.asClient.count === 'number')).toBe(true);
    // Clients' reputations come with the clients' own statement (UserBatchJoins), not one of their own.
    expect(hundred.statements.filter((statement) => statement.includes('"reputations"'))).toHaveLength(1);
    expect(hundred.statements.some((statement) => statement.startsWith('SELECT "user_id"'))).toBe(false);

    expect(hundred.statements.length).toBeGreaterThan(0);
    expect(twenty.statements).toHaveLength(hundred.statements.length);
    expect(hundred.statements.length).toBeLessThanOrEqual(MAX_STATEMENTS);
  });

  it('lists the newest missions in as many statements for 100 as for 20, and few', async () => {
    const viewer = providers[0];
    const filter = { category: CATEGORY };
    const twenty = await measured(SEARCH, { filter, first: 20 }, viewer.accessToken);
    const hundred = await measured(SEARCH, { filter, first: 100 }, viewer.accessToken);

    expectAFullPage(twenty, 'missions', 20);
    const nodes = expectAFullPage(hundred, 'missions', 100);
    expect(nodes.filter((node) => node.myBid !== null).length).toBeGreaterThan(10);
    expect(nodes.every((node) => node.distanceKm === null)).toBe(true);

    expect(hundred.statements.length).toBeGreaterThan(0);
    expect(twenty.statements).toHaveLength(hundred.statements.length);
    expect(hundred.statements.length).toBeLessThanOrEqual(MAX_STATEMENTS);
  });

  it("lists a client's own missions with their bids in as many statements for all of them as for a page of 20, and few", async () => {
    const client = clients[0];
    const twenty = await measured(MY_MISSIONS, { first: 20 }, client.accessToken);
    const all = await measured(MY_MISSIONS, { first: 100 }, client.accessToken);

    expect(twenty.body.errors).toBeUndefined();
    expect(twenty.body.data?.myMissions.edges).toHaveLength(20);
    expect(twenty.body.data?.myMissions.pageInfo.hasNextPage).toBe(true);
    expect(all.body.errors).toBeUndefined();
    const nodes = all.body.data?.myMissions.edges.map((edge: { node: { bids: { edges: unknown[] } } }) => edge.node);
    expect(nodes).toHaveLength(Math.ceil(MISSION_COUNT / 2));
    expect(nodes.filter((node: { bids: { edges: unknown[] } }) => node.bids.edges.length >= 2).length).toBeGreaterThan(10);

    expect(all.statements.length).toBeGreaterThan(0);
    expect(twenty.statements).toHaveLength(all.statements.length);
    expect(all.statements.length).toBeLessThanOrEqual(MAX_STATEMENTS);
  });
  it('places a bid and tells its client in one transaction of few statements, the email written later by a job', async () => {
    const missionId = await aMission(app, clients[0], { category: CATEGORY });
    const placed = await measured(
      `mutation ($input: PlaceBidInput!) { placeBid(input: $input) { id amountCents } }`,
      { input: { missionId, amountCents: 9_500, message: 'Disponible demain matin, avec mes outils.' } },
      providers[0].accessToken,
    );
    expect(placed.body.errors).toBeUndefined();
    const inserts = placed.statements.filter((statement) => /INSERT INTO "?(bids|notifications)"?/.test(statement));
    expect(inserts).toHaveLength(2);
    expect(placed.statements.some((statement) => /email_outbox|notification_preferences/.test(statement))).toBe(false);
    expect(placed.statements.length).toBeLessThanOrEqual(12);

    await app.runJobs();
    const [email] = await app.dataSource.query(`SELECT kind FROM email_outbox WHERE user_id = $1 AND kind = 'NEW_BID'`, [clients[0].id]);
    expect(email).toEqual({ kind: 'NEW_BID' });
  });
});
