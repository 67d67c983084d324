import { Clock } from '@marketplace/common';
import { randomUUID } from 'node:crypto';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { aBid, aMission, aProvider } from './support/marketplace.builders';
import { aCompletedMission, aDeliveredMission, anAssignedMission, AssignedMission } from './support/payments.builders';
import { errorCodes, TestApp } from './support/test-app';

const RATING_FIELDS = 'id role score comment reply publishedAt createdAt author { id } subject { id } mission { id }';
const RATE = `mutation ($input: RateMissionInput!) { rateMission(input: $input) { ${RATING_FIELDS} } }`;
const REPLY = `mutation ($id: ID!, $reply: String!) { replyToRating(ratingId: $id, reply: $reply) { id reply } }`;
const HIDE = `mutation ($id: ID!) { hideRating(id: $id, reason: "Propos injurieux") { id } }`;
const MISSION_RATINGS = `query ($id: ID!) { mission(id: $id) { ratings { id score role } myRating { id score publishedAt } } }`;
const RECEIVED = `query ($id: ID!, $as: RatingRole) {
  user(id: $id) {
    reputation { asProvider { average count } asClient { average count } }
    ratingsReceived(as: $as) { edges { node { id score comment reply role } } pageInfo { hasNextPage } }
  }
}`;

describe('two-way, double-blind ratings', () => {
  let app: TestApp;
  let moderator: SignedInUser;
  beforeAll(async () => {
    app = await TestApp.start();
    moderator = await aUserWithRole(app, 'MODERATOR');
  });
  afterAll(() => app.close());

  const rate = (user: SignedInUser, missionId: string, score: number, comment?: string) =>
    app.graphql(RATE, { input: { missionId, score, comment } }, user.accessToken);
  const missionRatings = async (missionId: string, viewer?: SignedInUser) =>
    (await app.graphql(MISSION_RATINGS, { id: missionId }, viewer?.accessToken)).data!.mission;
  const received = async (user: SignedInUser, viewer?: SignedInUser, as?: string) =>
    (await app.graphql(RECEIVED, { id: user.id, as }, viewer?.accessToken)).data!.user;
  const ratingCount = async () => (await app.dataSource.query(`SELECT count(*)::int AS n FROM ratings`))[0].n as number;

  it("keeps a rating blind until the other side rates: neither side sees the other's, through any query", async () => {
    const { client, provider, missionId } = await aCompletedMission(app);
    const byClient = await rate(client, missionId, 4, 'Travail propre, un peu en retard.');
    expect(byClient.errors).toBeUndefined();
    const rating = byClient.data!.rateMission;
    expect(rating).toMatchObject({
      role: 'PROVIDER',
      score: 4,
      publishedAt: null,
      author: { id: client.id },
      subject: { id: provider.id },
    });

    expect(await missionRatings(missionId, client)).toEqual({ ratings: [], myRating: { id: rating.id, score: 4, publishedAt: null } });
    expect(await missionRatings(missionId, provider)).toEqual({ ratings: [], myRating: null });
    expect(await missionRatings(missionId, moderator)).toEqual({ ratings: [], myRating: null });
    for (const viewer of [provider, client, moderator, undefined]) {
      const seen = await received(provider, viewer);
      expect(seen.ratingsReceived.edges).toEqual([]);
      expect(seen.reputation.asProvider).toEqual({ average: null, count: 0 });
    }
    expect(errorCodes(await app.graphql(REPLY, { id: rating.id, reply: 'Merci !' }, provider.accessToken))).toEqual(['NOT_FOUND']);
    const report = `mutation ($id: ID!) { report(target: RATING, targetId: $id, reason: "Je conteste cette note") { id } }`;
    expect(errorCodes(await app.graphql(report, { id: rating.id }, provider.accessToken))).toEqual(['NOT_FOUND']);
  });

  it('publishes both ratings at once when the second side rates, even at the same instant, and counts them once', async () => {
    const { client, provider, missionId } = await aCompletedMission(app);
    const [byClient, byProvider] = await Promise.all([
      rate(client, missionId, 5, 'Parfait.'),
      rate(provider, missionId, 3, 'Client peu disponible.'),
    ]);
    expect(byClient.errors ?? byProvider.errors).toBeUndefined();

    const [{ published, distinct_times: distinctTimes }] = await app.dataSource.query(
      `SELECT count(*) FILTER (WHERE published_at IS NOT NULL)::int AS published, count(DISTINCT published_at)::int AS distinct_times FROM ratings WHERE mission_id = $1`,
      [missionId],
    );
    expect({ published, distinctTimes }).toEqual({ published: 2, distinctTimes: 1 });
    const everyone = await missionRatings(missionId);
    expect(everyone.ratings.map((r: any) => [r.role, r.score]).sort()).toEqual([
      ['CLIENT', 3],
      ['PROVIDER', 5],
    ]);
    expect((await received(provider)).reputation.asProvider).toEqual({ average: 5, count: 1 });
    expect((await received(client)).reputation.asClient).toEqual({ average: 3, count: 1 });
    expect((await received(client)).reputation.asProvider).toEqual({ average: null, count: 0 });
  });

  it('publishes a lone rating when the window closes, through the real job', async () => {
    const { client, provider, missionId } = await aCompletedMission(app);
    await rate(provider, missionId, 2, 'Adresse introuvable, client absent.');
    await app.runJobs({ dueNow: true });
    expect((await received(client)).ratingsReceived.edges).toEqual([]);

    const clock = jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 14 * 86_400_000 + 60_000));
    try {
      await app.runJobs({ dueNow: true });
      expect(errorCodes(await rate(client, missionId, 5))).toEqual(['CONFLICT']);
    } finally {
      clock.mockRestore();
    }
    const seen = await received(client, undefined, 'CLIENT');
    expect(seen.ratingsReceived.edges.map((edge: any) => edge.node.score)).toEqual([2]);
    expect(seen.reputation.asClient).toEqual({ average: 2, count: 1 });
  });

  it("shows a provider's reputation on their bids", async () => {
    const provider = await aProvider(app);
    const first = await aCompletedMission(app, provider);
    const second = await aCompletedMission(app, provider);
    await Promise.all([rate(first.client, first.missionId, 5), rate(first.provider, first.missionId, 5)]);
    await Promise.all([rate(second.client, second.missionId, 4), rate(second.provider, second.missionId, 4)]);

    const client = await aSignedInUser(app);
    const missionId = await aMission(app, client);
    await aBid(app, provider, missionId);
    const bids = await app.graphql(
      `query ($id: ID!) { mission(id: $id) { bids { edges { node { provider { id reputation { asProvider { average count } } } } } } } }`,
      { id: missionId },
      client.accessToken,
    );
    expect(bids.data!.mission.bids.edges[0].node.provider.reputation.asProvider).toEqual({ average: 4.5, count: 2 });
  });

  it('lets the rated user reply once to a published rating', async () => {
    const { client, provider, missionId } = await aCompletedMission(app);
    const [byClient] = await Promise.all([rate(client, missionId, 2, 'Meuble mal monté.'), rate(provider, missionId, 5)]);
    const ratingId = byClient.data!.rateMission.id;
    expect(errorCodes(await app.graphql(REPLY, { id: ratingId, reply: 'Je me réponds ?' }, client.accessToken))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.graphql(REPLY, { id: ratingId, reply: 'x'.repeat(1001) }, provider.accessToken))).toEqual([
      'BAD_USER_INPUT',
    ]);
    const replied = await app.graphql(
      REPLY,
      { id: ratingId, reply: 'La notice était fausse, je suis revenu gratuitement.' },
      provider.accessToken,
    );
    expect(replied.data!.replyToRating.reply).toBe('La notice était fausse, je suis revenu gratuitement.');
    expect(errorCodes(await app.graphql(REPLY, { id: ratingId, reply: 'Encore une chose.' }, provider.accessToken))).toEqual(['CONFLICT']);
    expect((await received(provider)).ratingsReceived.edges[0].node.reply).toBe('La notice était fausse, je suis revenu gratuitement.');
  });

  it('lets moderators hide a rating: out of lists and reputation, reports actioned, logged', async () => {
    const { client, provider, missionId } = await aCompletedMission(app);
    const [byClient] = await Promise.all([rate(client, missionId, 1, 'Escroc !!!'), rate(provider, missionId, 4)]);
    const ratingId = byClient.data!.rateMission.id;
    const report = await app.graphql(
      `mutation ($id: ID!) { report(target: RATING, targetId: $id, reason: "Insulte publique") { id } }`,
      { id: ratingId },
      provider.accessToken,
    );
    expect(report.errors).toBeUndefined();
    expect((await received(provider)).reputation.asProvider).toEqual({ average: 1, count: 1 });

    expect(errorCodes(await app.graphql(HIDE, { id: ratingId }, provider.accessToken))).toEqual(['FORBIDDEN']);
    expect((await app.graphql(HIDE, { id: ratingId }, moderator.accessToken)).errors).toBeUndefined();
    expect(errorCodes(await app.graphql(HIDE, { id: ratingId }, moderator.accessToken))).toEqual(['CONFLICT']);
    expect(errorCodes(await app.graphql(HIDE, { id: randomUUID() }, moderator.accessToken))).toEqual(['NOT_FOUND']);

    const after = await received(provider);
    expect(after.reputation.asProvider).toEqual({ average: null, count: 0 });
    expect(after.ratingsReceived.edges).toEqual([]);
    expect((await missionRatings(missionId)).ratings.map((r: any) => r.role)).toEqual(['CLIENT']);
    const reports = await app.graphql(`{ reports(status: ACTIONED) { edges { node { id } } } }`, {}, moderator.accessToken);
    expect(reports.data!.reports.edges.map((edge: any) => edge.node.id)).toContain(report.data!.report.id);
    const log = await app.graphql(`{ moderationLog(first: 1) { edges { node { action targetId reason } } } }`, {}, moderator.accessToken);
    expect(log.data!.moderationLog.edges[0].node).toEqual({ action: 'HIDE_RATING', targetId: ratingId, reason: 'Propos injurieux' });
  });

  it('lets both sides rate a mission a moderator completed by paying the provider', async () => {
    const mission: AssignedMission = await aDeliveredMission(app);
    await app.graphql(
      `mutation ($id: ID!) { openDispute(missionId: $id, reason: "Le travail est incomplet.") { id } }`,
      { id: mission.missionId },
      mission.client.accessToken,
    );
    await app.graphql(
      `mutation ($id: ID!) { resolveDispute(missionId: $id, resolution: PAY_PROVIDER, note: "Travail conforme") { id } }`,
      { id: mission.missionId },
      moderator.accessToken,
    );
    expect((await rate(mission.client, mission.missionId, 3)).errors).toBeUndefined();
  });

  describe('bad input', () => {
    it('refuses rating an uncompleted or cancelled mission, one is not part of, or twice, and changes nothing', async () => {
      const assigned = await anAssignedMission(app);
      const before = await ratingCount();
      expect(errorCodes(await rate(assigned.client, assigned.missionId, 5))).toEqual(['CONFLICT']);
      await app.graphql(`mutation ($id: ID!) { cancelMission(id: $id) { id } }`, { id: assigned.missionId }, assigned.client.accessToken);
      expect(errorCodes(await rate(assigned.client, assigned.missionId, 5))).toEqual(['CONFLICT']);

      const completed = await aCompletedMission(app);
      const stranger = await aSignedInUser(app);
      expect(errorCodes(await rate(stranger, completed.missionId, 5))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await rate(completed.client, randomUUID(), 5))).toEqual(['NOT_FOUND']);
      expect(await ratingCount()).toBe(before);

      await rate(completed.client, completed.missionId, 4);
      expect(errorCodes(await rate(completed.client, completed.missionId, 1))).toEqual(['CONFLICT']);
      expect(await ratingCount()).toBe(before + 1);
    });

    it.each([
      ['a score of 0', { score: 0 }],
      ['a score of 6', { score: 6 }],
      ['a score of 4.5', { score: 4.5 }],
      ['a comment of 1001 characters', { comment: 'x'.repeat(1001) }],
      ['a mission id that is not one', { missionId: 'mission-1' }],
    ])('refuses %s', async (_case, overrides) => {
      const { client, missionId } = await aCompletedMission(app);
      const before = await ratingCount();
      expect(errorCodes(await app.graphql(RATE, { input: { missionId, score: 4, ...overrides } }, client.accessToken))).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect(await ratingCount()).toBe(before);
    });

    it('refuses a rating after the window closed', async () => {
      const { client, missionId } = await aCompletedMission(app);
      const clock = jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 15 * 86_400_000));
      try {
        expect(errorCodes(await rate(client, missionId, 5))).toEqual(['CONFLICT']);
      } finally {
        clock.mockRestore();
      }
    });
  });
});
