/**
 * A hidden mission is seen by its client, its assigned provider and moderators only, whatever the
 * path to it (issue #13): `mission(id)`, and the ratings and bids that lead to it.
 */
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { aBid, aMission, aProvider } from './support/marketplace.builders';
import { aCompletedMission } from './support/payments.builders';
import { errorCodes, TestApp } from './support/test-app';

const HIDE = `mutation ($id: ID!) { hideMission(id: $id, reason: "Contenu interdit") { id } }`;
const RATE = `mutation ($input: RateMissionInput!) { rateMission(input: $input) { id } }`;
const RATINGS_RECEIVED = `query ($id: ID!) { user(id: $id) { ratingsReceived { edges { node { id mission { id title } } } } } }`;
const MY_BIDS = `{ myBids { edges { node { id mission { id title } } } } }`;

describe('a hidden mission, through its relations', () => {
  let app: TestApp;
  let moderator: SignedInUser;
  let stranger: SignedInUser;

  beforeAll(async () => {
    app = await TestApp.start();
    [moderator, stranger] = await Promise.all([aUserWithRole(app, 'MODERATOR'), aSignedInUser(app)]);
  });
  afterAll(() => app.close());

  const hide = async (missionId: string) =>
    expect(errorCodes(await app.graphql(HIDE, { id: missionId }, moderator.accessToken))).toEqual([]);
  const missionsOfRatingsReceived = async (user: SignedInUser, viewer?: SignedInUser) =>
    (await app.graphql(RATINGS_RECEIVED, { id: user.id }, viewer?.accessToken)).data!.user.ratingsReceived.edges.map(
      (edge: any) => edge.node.mission,
    );
  const missionsOfMyBids = async (provider: SignedInUser) =>
    (await app.graphql(MY_BIDS, {}, provider.accessToken)).data!.myBids.edges.map((edge: any) => edge.node.mission);

  it('keeps its title out of the ratings its parties received, for anyone but them and moderators', async () => {
    const { client, provider, missionId } = await aCompletedMission(app);
    const clientRating = (await app.graphql(RATE, { input: { missionId, score: 5 } }, client.accessToken)).data!.rateMission.id;
    await app.graphql(RATE, { input: { missionId, score: 4 } }, provider.accessToken);
    await hide(missionId);

    const seen = [{ id: missionId, title: 'Monter une armoire PAX' }];
    for (const rated of [provider, client]) {
      expect(await missionsOfRatingsReceived(rated)).toEqual([]);
      expect(await missionsOfRatingsReceived(rated, stranger)).toEqual([]);
      for (const viewer of [client, provider, moderator]) expect(await missionsOfRatingsReceived(rated, viewer)).toEqual(seen);
    }
    const reportIt = `mutation ($id: ID!) { report(target: RATING, targetId: $id, reason: "Cette note est injuste.") { id } }`;
    expect(errorCodes(await app.graphql(reportIt, { id: clientRating }, stranger.accessToken))).toEqual(['NOT_FOUND']);
  });

  it('takes it out of the bids of providers who were not hired, who can no longer change or withdraw them', async () => {
    const client = await aSignedInUser(app);
    const [bidder, otherBidder] = await Promise.all([aProvider(app), aProvider(app)]);
    const missionId = await aMission(app, client);
    const [bidId] = await Promise.all([aBid(app, bidder, missionId), aBid(app, otherBidder, missionId)]);
    await hide(missionId);

    expect(await missionsOfMyBids(bidder)).toEqual([]);
    const rowsBefore = await app.dataSource.query(`SELECT * FROM bids WHERE mission_id = $1 ORDER BY id`, [missionId]);
    const update = `mutation ($id: ID!) { updateBid(id: $id, input: { amountCents: 9000 }) { id mission { title } } }`;
    const withdraw = `mutation ($id: ID!) { withdrawBid(id: $id) { id mission { title } } }`;
    for (const operation of [update, withdraw]) {
      const refused = await app.graphql(operation, { id: bidId }, bidder.accessToken);
      expect(errorCodes(refused)).toEqual(['NOT_FOUND']);
      expect(JSON.stringify(refused)).not.toContain('armoire');
    }
    expect(await app.dataSource.query(`SELECT * FROM bids WHERE mission_id = $1 ORDER BY id`, [missionId])).toEqual(rowsBefore);

    const clientView = await app.graphql(
      `query ($id: ID!) { mission(id: $id) { bids { edges { node { mission { title } } } } } }`,
      { id: missionId },
      client.accessToken,
    );
    expect(clientView.data!.mission.bids.edges).toEqual([
      { node: { mission: { title: 'Monter une armoire PAX' } } },
      { node: { mission: { title: 'Monter une armoire PAX' } } },
    ]);
  });

  it('leaves it to the hired provider through their bid, not to the provider whose bid was declined', async () => {
    const client = await aSignedInUser(app);
    const [hired, declined] = await Promise.all([aProvider(app), aProvider(app)]);
    const missionId = await aMission(app, client);
    const [hiredBid] = await Promise.all([aBid(app, hired, missionId), aBid(app, declined, missionId)]);
    expect(
      errorCodes(await app.graphql(`mutation ($id: ID!) { acceptBid(id: $id) { id } }`, { id: hiredBid }, client.accessToken)),
    ).toEqual([]);
    await hide(missionId);

    expect(await missionsOfMyBids(declined)).toEqual([]);
    expect(await missionsOfMyBids(hired)).toEqual([{ id: missionId, title: 'Monter une armoire PAX' }]);
  });
});
