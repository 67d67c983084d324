import { randomUUID } from 'node:crypto';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { aBid, aBidInput, aMission, aProvider } from './support/marketplace.builders';
import { errorCodes, TestApp } from './support/test-app';

const HIDE = `mutation ($id: ID!, $reason: String!) { hideMission(id: $id, reason: $reason) { id status } }`;
const REPORT = `mutation ($id: ID!) { report(target: MISSION, targetId: $id, reason: "Annonce frauduleuse") { id status target targetId } }`;
const MISSION = `query ($id: ID!) { mission(id: $id) { id title } }`;
const SEARCH = `{ missions(first: 100) { edges { node { id } } } }`;

describe('moderation of missions', () => {
  let app: TestApp;
  let client: SignedInUser;
  let moderator: SignedInUser;

  beforeAll(async () => {
    app = await TestApp.start();
    [client, moderator] = await Promise.all([aSignedInUser(app), aUserWithRole(app, 'MODERATOR')]);
  });
  afterAll(() => app.close());

  const searchIds = async () => (await app.graphql(SEARCH)).data!.missions.edges.map((edge: any) => edge.node.id);

  it('lets users report a mission, and moderators hide it: out of search, seen only by its client and moderators, logged', async () => {
    const id = await aMission(app, client);
    const reporter = await aSignedInUser(app);
    const report = await app.graphql(REPORT, { id }, reporter.accessToken);
    expect(report.data!.report).toMatchObject({ status: 'OPEN', target: 'MISSION', targetId: id });
    expect(await searchIds()).toContain(id);

    const hidden = await app.graphql(HIDE, { id, reason: 'Annonce frauduleuse' }, moderator.accessToken);
    expect(hidden.data!.hideMission).toEqual({ id, status: 'OPEN' });
    expect(await searchIds()).not.toContain(id);
    expect((await app.graphql(MISSION, { id }, reporter.accessToken)).data!.mission).toBeNull();
    expect((await app.graphql(MISSION, { id })).data!.mission).toBeNull();
    expect((await app.graphql(MISSION, { id }, client.accessToken)).data!.mission.id).toBe(id);
    expect((await app.graphql(MISSION, { id }, moderator.accessToken)).data!.mission.id).toBe(id);

    const reports = await app.graphql(`{ reports(status: ACTIONED) { edges { node { id } } } }`, {}, moderator.accessToken);
    expect(reports.data!.reports.edges.map((edge: any) => edge.node.id)).toContain(report.data!.report.id);
    const log = await app.graphql(
      `{ moderationLog { edges { node { action targetId reason moderator { id } } } } }`,
      {},
      moderator.accessToken,
    );
    expect(log.data!.moderationLog.edges[0].node).toEqual({
      action: 'HIDE_MISSION',
      targetId: id,
      reason: 'Annonce frauduleuse',
      moderator: { id: moderator.id },
    });

    expect(errorCodes(await app.graphql(HIDE, { id, reason: 'Encore' }, moderator.accessToken))).toEqual(['CONFLICT']);
  });

  it('takes no more bids on a hidden mission, and its client cannot accept one', async () => {
    const id = await aMission(app, client);
    const provider = await aProvider(app);
    const bidId = await aBid(app, provider, id);
    await app.graphql(HIDE, { id, reason: 'Contenu interdit' }, moderator.accessToken);
    const late = await aProvider(app);
    expect(
      errorCodes(
        await app.graphql(
          `mutation ($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
          { input: aBidInput(id) },
          late.accessToken,
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(errorCodes(await app.graphql(`mutation ($id: ID!) { acceptBid(id: $id) { id } }`, { id: bidId }, client.accessToken))).toEqual([
      'CONFLICT',
    ]);
  });

  it('refuses hiding by a non-moderator, without a reason, or of a mission that does not exist', async () => {
    const id = await aMission(app, client);
    expect(errorCodes(await app.graphql(HIDE, { id, reason: 'Je n’aime pas' }, client.accessToken))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.graphql(HIDE, { id, reason: '' }, moderator.accessToken))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await app.graphql(HIDE, { id: randomUUID(), reason: 'Fraude' }, moderator.accessToken))).toEqual(['NOT_FOUND']);
    expect(await searchIds()).toContain(id);
    expect(errorCodes(await app.graphql(REPORT, { id: randomUUID() }, client.accessToken))).toEqual(['NOT_FOUND']);
  });

  it("withdraws a suspended user's open missions and pending bids, and leaves assigned work alone", async () => {
    const suspect = await aProvider(app);
    const openMission = await aMission(app, suspect);
    const bidder = await aProvider(app);
    const bidOnTheirMission = await aBid(app, bidder, openMission);
    const othersMission = await aMission(app, client);
    await aBid(app, suspect, othersMission);
    const assignedMission = await aMission(app, client);
    const acceptedBid = await aBid(app, suspect, assignedMission);
    await app.graphql(`mutation ($id: ID!) { acceptBid(id: $id) { id } }`, { id: acceptedBid }, client.accessToken);

    const suspended = await app.graphql(
      `mutation ($id: ID!) { suspendUser(id: $id, reason: "Fraude avérée") { isSuspended } }`,
      { id: suspect.id },
      moderator.accessToken,
    );
    expect(suspended.data!.suspendUser.isSuspended).toBe(true);

    const statuses = async (sql: string, params: unknown[]) => (await app.dataSource.query(sql, params)).map((row: any) => row.status);
    expect(await statuses(`SELECT status FROM missions WHERE id = $1`, [openMission])).toEqual(['CANCELLED']);
    expect(await statuses(`SELECT status FROM bids WHERE id = $1`, [bidOnTheirMission])).toEqual(['DECLINED']);
    expect(await statuses(`SELECT status FROM bids WHERE provider_id = $1 AND mission_id = $2`, [suspect.id, othersMission])).toEqual([
      'WITHDRAWN',
    ]);
    expect(await statuses(`SELECT status FROM missions WHERE id = $1`, [assignedMission])).toEqual(['ASSIGNED']);
    expect(await statuses(`SELECT status FROM bids WHERE id = $1`, [acceptedBid])).toEqual(['ACCEPTED']);
    const [{ bid_count: bidCount }] = await app.dataSource.query(`SELECT bid_count FROM missions WHERE id = $1`, [othersMission]);
    expect(bidCount).toBe(0);
  });
});
