/**
 * What a cached client (Apollo Client's normalized cache, Relay) relies on: a viewer that is null
 * rather than an error, pages that say where they are, the search's distance on its edge, and
 * mutations whose answer carries everything they changed.
 */
import { randomUUID } from 'node:crypto';
import { aSignedInUser, SignedInUser } from './support/accounts.builders';
import { aBid, aMission, aProvider, aProviderProfileInput } from './support/marketplace.builders';
import { errorCodes, TestApp } from './support/test-app';

const PARIS = { latitude: 48.8566, longitude: 2.3522 };
const VINCENNES = { latitude: 48.8474, longitude: 2.4394 };

describe('a schema for cached clients', () => {
  let app: TestApp;
  let client: SignedInUser;
  beforeAll(async () => {
    app = await TestApp.start();
    client = await aSignedInUser(app);
  });
  afterAll(() => app.close());

  it('answers me with null to an anonymous viewer, and the rest of the query with it', async () => {
    await aMission(app, client);
    const response = await app.graphql(`{ me { id } missions(first: 1) { edges { node { id } } } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.me).toBeNull();
    expect(response.data!.missions.edges).toHaveLength(1);
  });

  it('puts the distance on the search edge: two searches from two points keep their own', async () => {
    const missionId = await aMission(app, client);
    const SEARCH = `query ($near: GeoPointInput) { missions(first: 100, filter: { near: $near, radiusKm: 30 }) { edges { distanceKm node { id } } } }`;
    const distanceFrom = async (near: typeof PARIS) =>
      ((await app.graphql(SEARCH, { near })).data!.missions.edges as { distanceKm: number; node: { id: string } }[]).find(
        (edge) => edge.node.id === missionId,
      )!.distanceKm;
    const fromParis = await distanceFrom(PARIS);
    const fromVincennes = await distanceFrom(VINCENNES);
    expect(fromParis).toBeGreaterThan(0);
    expect(fromVincennes).toBeGreaterThan(0);
    expect(fromParis).not.toBeCloseTo(fromVincennes, 1);
    const unsorted = await app.graphql(`{ missions(first: 1) { edges { distanceKm } } }`);
    expect(unsorted.data!.missions.edges[0].distanceKm).toBeNull();
  });

  it('says where a page is: its first cursor, and whether rows come before it', async () => {
    for (let i = 0; i < 3; i++) await aMission(app, client);
    const PAGE = `query ($after: String) { myMissions(first: 2, after: $after) { edges { cursor } pageInfo { hasPreviousPage hasNextPage startCursor endCursor } } }`;
    const first = (await app.graphql(PAGE, {}, client.accessToken)).data!.myMissions;
    expect(first.pageInfo).toEqual({
      hasPreviousPage: false,
      hasNextPage: true,
      startCursor: first.edges[0].cursor,
      endCursor: first.edges[1].cursor,
    });
    const second = (await app.graphql(PAGE, { after: first.pageInfo.endCursor }, client.accessToken)).data!.myMissions;
    expect(second.pageInfo).toMatchObject({ hasPreviousPage: true, startCursor: second.edges[0].cursor });
  });

  it('returns the provider, now a PROVIDER, with the profile upsertProviderProfile made', async () => {
    const user = await aSignedInUser(app);
    const response = await app.graphql(
      `mutation ($input: ProviderProfileInput!) { upsertProviderProfile(input: $input) { id headline user { id roles providerProfile { id } } } }`,
      { input: aProviderProfileInput() },
      user.accessToken,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.upsertProviderProfile).toEqual({
      id: user.id,
      headline: aProviderProfileInput().headline,
      user: { id: user.id, roles: expect.arrayContaining(['CLIENT', 'PROVIDER']), providerProfile: { id: user.id } },
    });
  });

  it('returns the bids acceptBid declined in its answer, as cancelMission does', async () => {
    const [provider, other, third] = await Promise.all([aProvider(app), aProvider(app), aProvider(app)]);
    const BIDS = 'status bids { edges { node { id status } } }';
    const accepted = await aMission(app, client);
    const chosen = await aBid(app, provider, accepted);
    const declined = await aBid(app, other, accepted);
    const acceptance = await app.graphql(`mutation ($id: ID!) { acceptBid(id: $id) { ${BIDS} } }`, { id: chosen }, client.accessToken);
    expect(acceptance.errors).toBeUndefined();
    expect(acceptance.data!.acceptBid.bids.edges.map((edge: { node: unknown }) => edge.node)).toEqual(
      expect.arrayContaining([
        { id: chosen, status: 'ACCEPTED' },
        { id: declined, status: 'DECLINED' },
      ]),
    );

    const cancelled = await aMission(app, client);
    const pending = await aBid(app, third, cancelled);
    const cancellation = await app.graphql(
      `mutation ($id: ID!) { cancelMission(id: $id) { ${BIDS} } }`,
      { id: cancelled },
      client.accessToken,
    );
    expect(cancellation.data!.cancelMission).toEqual({
      status: 'CANCELLED',
      bids: { edges: [{ node: { id: pending, status: 'DECLINED' } }] },
    });
  });

  it('refetches any node by its id with its type, and refuses bad ids or too many', async () => {
    const missionId = await aMission(app, client);
    const response = await app.graphql(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Mission { title } ... on User { displayName } } }`,
      { ids: [client.id, missionId, randomUUID()] },
      client.accessToken,
    );
    expect(response.data!.nodes).toEqual([
      { __typename: 'User', id: client.id, displayName: client.displayName },
      { __typename: 'Mission', id: missionId, title: expect.any(String) },
      null,
    ]);
    expect(errorCodes(await app.graphql(`{ node(id: "not-a-uuid") { id } }`))).toEqual(['BAD_USER_INPUT']);
    const tooMany = Array.from({ length: 101 }, () => randomUUID());
    expect(errorCodes(await app.graphql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: tooMany }))).toEqual(['BAD_USER_INPUT']);
  });
});
