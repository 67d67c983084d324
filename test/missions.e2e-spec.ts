import { randomUUID } from 'node:crypto';
import { aSignedInUser, SignedInUser } from './support/accounts.builders';
import { aBid, aMission, aMissionInput, aProvider, MISSION_FIELDS } from './support/marketplace.builders';
import { errorCodes, TestApp } from './support/test-app';

const POST = `mutation ($input: PostMissionInput!) { postMission(input: $input) { ${MISSION_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateMissionInput!) { updateMission(id: $id, input: $input) { ${MISSION_FIELDS} } }`;
const CANCEL = `mutation ($id: ID!, $reason: String) { cancelMission(id: $id, reason: $reason) { id status bidCount } }`;
const MISSION = `query ($id: ID!) { mission(id: $id) { ${MISSION_FIELDS} } }`;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('missions', () => {
  let app: TestApp;
  let client: SignedInUser;

  beforeAll(async () => {
    app = await TestApp.start();
    client = await aSignedInUser(app, { displayName: 'Claire Dubois' });
  });
  afterAll(() => app.close());

  async function missionRow(id: string) {
    const [row] = await app.dataSource.query(
      `SELECT title, description, status, budget_cents, preferred_start, preferred_end FROM missions WHERE id = $1`,
      [id],
    );
    return row;
  }

  it('posts a mission that shows its exact address and point to its client only', async () => {
    const window = { preferredStart: inDays(3), preferredEnd: inDays(4) };
    const posted = await app.graphql(POST, { input: aMissionInput(window) }, client.accessToken);
    expect(posted.errors).toBeUndefined();
    const mission = posted.data!.postMission;
    expect(mission).toMatchObject({
      title: 'Monter une armoire PAX',
      category: 'FURNITURE_ASSEMBLY',
      status: 'OPEN',
      budgetCents: 8000,
      currency: 'EUR',
      bidCount: 0,
      preferredStart: window.preferredStart,
      preferredEnd: window.preferredEnd,
      address: '12 rue Oberkampf',
      exactLocation: { latitude: 48.864716, longitude: 2.371387 },
      location: { city: 'Paris', postcode: '75011', latitude: 48.86, longitude: 2.37 },
      distanceKm: null,
      client: { id: client.id, displayName: 'Claire Dubois' },
    });

    const stranger = await aSignedInUser(app);
    for (const token of [stranger.accessToken, undefined]) {
      const seen = (await app.graphql(MISSION, { id: mission.id }, token)).data!.mission;
      expect(seen).toMatchObject({ title: mission.title, address: null, exactLocation: null, location: mission.location });
    }
  });

  it.each([
    [
      'west of Greenwich, halfway between two public points',
      { latitude: 47.2185, longitude: -1.555 },
      { latitude: 47.22, longitude: -1.56 },
    ],
    ['a halfway point just under its decimal in binary', { latitude: 1.005, longitude: -0.125 }, { latitude: 1.01, longitude: -0.13 }],
  ])('rounds the public point as the database does, %s', async (_case, point, publicPoint) => {
    const location = { address: '3 quai de la Fosse', city: 'Nantes', postcode: '44000', ...point };
    const posted = await app.graphql(POST, { input: aMissionInput({ location }) }, client.accessToken);
    expect(posted.errors).toBeUndefined();
    expect(posted.data!.postMission).toMatchObject({ exactLocation: point, location: { city: 'Nantes', ...publicPoint } });
  });

  it("lists the client's own missions, newest first, by status", async () => {
    const owner = await aSignedInUser(app);
    const older = await aMission(app, owner, { title: 'Tondre la pelouse' });
    const newer = await aMission(app, owner, { title: 'Nettoyer les vitres' });
    await app.graphql(CANCEL, { id: older }, owner.accessToken);
    const all = await app.graphql(`{ myMissions { edges { node { id status } } pageInfo { hasNextPage } } }`, {}, owner.accessToken);
    expect(all.data!.myMissions.edges.map((edge: any) => [edge.node.id, edge.node.status])).toEqual([
      [newer, 'OPEN'],
      [older, 'CANCELLED'],
    ]);
    const page = await app.graphql(
      `{ myMissions(status: OPEN, first: 1) { edges { node { id } } pageInfo { hasNextPage } } }`,
      {},
      owner.accessToken,
    );
    expect(page.data!.myMissions).toEqual({ edges: [{ node: { id: newer } }], pageInfo: { hasNextPage: false } });
    expect(errorCodes(await app.graphql(`{ myMissions { edges { node { id } } } }`))).toEqual(['UNAUTHENTICATED']);
  });

  describe('editing', () => {
    it('lets the client change text, budget and window while the mission is open and has no bid', async () => {
      const id = await aMission(app, client);
      const changes = { title: 'Monter deux armoires PAX', budgetCents: null, preferredStart: inDays(2), preferredEnd: inDays(5) };
      const updated = await app.graphql(UPDATE, { id, input: changes }, client.accessToken);
      expect(updated.errors).toBeUndefined();
      expect(updated.data!.updateMission).toMatchObject({ ...changes, description: aMissionInput().description });
    });

    it('refuses edits by anyone else, once a bid exists, and once the mission is cancelled', async () => {
      const id = await aMission(app, client);
      const stranger = await aSignedInUser(app);
      expect(errorCodes(await app.graphql(UPDATE, { id, input: { title: 'Pirate title' } }, stranger.accessToken))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await app.graphql(UPDATE, { id: randomUUID(), input: { title: 'Nothing here' } }, client.accessToken))).toEqual([
        'NOT_FOUND',
      ]);

      const provider = await aProvider(app);
      const bidId = await aBid(app, provider, id);
      expect(errorCodes(await app.graphql(UPDATE, { id, input: { title: 'Changed after a bid' } }, client.accessToken))).toEqual([
        'CONFLICT',
      ]);
      await app.graphql(`mutation ($id: ID!) { withdrawBid(id: $id) { id } }`, { id: bidId }, provider.accessToken);
      expect(
        (await app.graphql(UPDATE, { id, input: { title: 'Changed once the bid is gone' } }, client.accessToken)).errors,
      ).toBeUndefined();

      await app.graphql(CANCEL, { id }, client.accessToken);
      expect(errorCodes(await app.graphql(UPDATE, { id, input: { title: 'Changed when cancelled' } }, client.accessToken))).toEqual([
        'CONFLICT',
      ]);
      expect((await missionRow(id)).title).toBe('Changed once the bid is gone');
    });

    it.each([
      ['a title of 4 characters', { title: 'Abcd' }],
      ['a cleared title', { title: null }],
      ['a description of 19 characters', { description: 'x'.repeat(19) }],
      ['a budget of 499 cents', { budgetCents: 499 }],
      ['a fractional budget', { budgetCents: 1000.5 }],
      ['a start in the past', { preferredStart: inDays(-1) }],
      ['an end before the start', { preferredStart: inDays(3), preferredEnd: inDays(2) }],
      ['a date that is not one', { preferredStart: 'next tuesday' }],
    ])('refuses %s and changes nothing', async (_case, input) => {
      const id = await aMission(app, client);
      const before = await missionRow(id);
      expect(errorCodes(await app.graphql(UPDATE, { id, input }, client.accessToken))).toEqual(['BAD_USER_INPUT']);
      expect(await missionRow(id)).toEqual(before);
    });
  });

  describe('cancelling', () => {
    it('lets the client cancel an open mission, declining its pending bids', async () => {
      const id = await aMission(app, client);
      const provider = await aProvider(app);
      const bidId = await aBid(app, provider, id);
      const cancelled = await app.graphql(CANCEL, { id, reason: "Finalement un ami m'aide." }, client.accessToken);
      expect(cancelled.data!.cancelMission).toEqual({ id, status: 'CANCELLED', bidCount: 0 });
      const [bid] = await app.dataSource.query(`SELECT status FROM bids WHERE id = $1`, [bidId]);
      expect(bid.status).toBe('DECLINED');
      expect(errorCodes(await app.graphql(CANCEL, { id }, client.accessToken))).toEqual(['CONFLICT']);
    });

    it('refuses cancellation by anyone else and bad ids, and lets the assigned provider call off an assigned mission', async () => {
      const id = await aMission(app, client);
      const stranger = await aSignedInUser(app);
      expect(errorCodes(await app.graphql(CANCEL, { id }, stranger.accessToken))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await app.graphql(CANCEL, { id: 'm-1' }, client.accessToken))).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await app.graphql(CANCEL, { id, reason: 'x'.repeat(1001) }, client.accessToken))).toEqual(['BAD_USER_INPUT']);

      const provider = await aProvider(app);
      const otherProvider = await aProvider(app);
      await aBid(app, otherProvider, id);
      await app.graphql(`mutation ($id: ID!) { acceptBid(id: $id) { id } }`, { id: await aBid(app, provider, id) }, client.accessToken);
      expect(errorCodes(await app.graphql(CANCEL, { id }, otherProvider.accessToken))).toEqual(['FORBIDDEN']);
      expect((await missionRow(id)).status).toBe('ASSIGNED');

      const cancelled = await app.graphql(CANCEL, { id, reason: 'Je suis malade, désolé.' }, provider.accessToken);
      expect(cancelled.data!.cancelMission).toEqual({ id, status: 'CANCELLED', bidCount: 1 });
      expect(errorCodes(await app.graphql(CANCEL, { id }, client.accessToken))).toEqual(['CONFLICT']);
    });
  });

  describe('bad input', () => {
    const location = aMissionInput().location;
    it.each([
      ['a title of 121 characters', { title: 'x'.repeat(121) }],
      ['a NUL character in the address', { location: { ...location, address: '12 rue\u0000 Oberkampf' } }],
      ['a description of 5001 characters', { description: 'x'.repeat(5001) }],
      ['a latitude of 90.01', { location: { ...location, latitude: 90.01 } }],
      ['a latitude of -91', { location: { ...location, latitude: -91 } }],
      ['a longitude of 180.5', { location: { ...location, longitude: 180.5 } }],
      ['a latitude given as a string', { location: { ...location, latitude: '48.86' } }],
      ['an empty address', { location: { ...location, address: '  ' } }],
      ['a postcode that is not one', { location: { ...location, postcode: '<script>' } }],
      ['a budget over 1,000,000 cents', { budgetCents: 1_000_001 }],
      ['a negative budget', { budgetCents: -500 }],
      ['an unknown category', { category: 'PLUMBING' }],
      ['a start in the past', { preferredStart: inDays(-2) }],
      ['an end before the start', { preferredStart: inDays(2), preferredEnd: inDays(1) }],
    ])('refuses a mission with %s, and posts nothing', async (_case, overrides) => {
      const before = await app.count('missions');
      const response = await app.graphql(POST, { input: aMissionInput(overrides) }, client.accessToken);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(await app.count('missions')).toBe(before);
    });

    it('needs a signed-in client to post', async () => {
      expect(errorCodes(await app.graphql(POST, { input: aMissionInput() }))).toEqual(['UNAUTHENTICATED']);
    });
  });
});
