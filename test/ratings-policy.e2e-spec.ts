/**
 * Ratings transparency (Code de la consommation L. 111-7-2, D. 111-17 to D. 111-19): the published
 * policy, written from the rules applied; the closed list of reasons a rating is hidden for, told to
 * its author; the date of the mission beside each rating; the chronological orders.
 */
import { Clock } from '@marketplace/common';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { aProvider } from './support/marketplace.builders';
import { aCompletedMission } from './support/payments.builders';
import { errorCodes, TestApp } from './support/test-app';

const POLICY = `query ($locale: Locale) {
  reviewPolicy(locale: $locale) { locale title ratingWindowDays considerationGiven sections { key title text } hideReasons { code label } }
}`;
const RATE = `mutation ($input: RateMissionInput!) { rateMission(input: $input) { id missionCompletedAt } }`;
const HIDE = `mutation ($id: ID!, $reasonCode: RatingHideReason, $detail: String, $reason: String) {
  hideRating(id: $id, reasonCode: $reasonCode, detail: $detail, reason: $reason) { id }
}`;
const NOTIFICATIONS = `{ notifications(first: 20) { edges { node { kind text mission { id } } } } }`;
const RECEIVED = `query ($id: ID!, $orderBy: RatingOrder, $after: String) {
  user(id: $id) { ratingsReceived(orderBy: $orderBy, first: 1, after: $after) { edges { node { id publishedAt } } pageInfo { hasNextPage endCursor } } }
}`;

describe('ratings transparency', () => {
  let app: TestApp;
  let moderator: SignedInUser;
  beforeAll(async () => {
    app = await TestApp.start({ RATING_WINDOW_DAYS: '10' });
    moderator = await aUserWithRole(app, 'MODERATOR');
  });
  afterAll(() => app.close());
  afterEach(() => jest.restoreAllMocks());

  const rate = async (user: SignedInUser, missionId: string, score: number) => {
    const response = await app.graphql(RATE, { input: { missionId, score, comment: 'Un commentaire.' } }, user.accessToken);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.rateMission as { id: string; missionCompletedAt: string };
  };
  /** A mission both sides rated: the client's rating of the provider is published. */
  const aPublishedRating = async (provider?: SignedInUser) => {
    const mission = await aCompletedMission(app, provider);
    const [byClient] = await Promise.all([rate(mission.client, mission.missionId, 2), rate(mission.provider, mission.missionId, 5)]);
    return { ...mission, ratingId: byClient.id, missionCompletedAt: byClient.missionCompletedAt };
  };
  const hiddenState = async (ratingId: string) =>
    (
      await app.dataSource.query(
        `SELECT hidden_at IS NOT NULL AS hidden, hidden_reason_code AS code, hidden_reason AS detail FROM ratings WHERE id = $1`,
        [ratingId],
      )
    )[0];

  describe('reviewPolicy', () => {
    it('says, to anyone, in French by default, how ratings work, from the configured window and the closed list of reasons', async () => {
      const policy = (await app.graphql(POLICY, {})).data!.reviewPolicy;
      expect(policy).toMatchObject({
        locale: 'FR',
        title: 'Comment fonctionnent les avis',
        ratingWindowDays: 10,
        considerationGiven: false,
      });
      expect(policy.sections.map((section: { key: string }) => section.key)).toEqual([
        'VERIFICATION',
        'PUBLICATION',
        'DATES_AND_ORDER',
        'EDITING_AND_REPLIES',
        'CONSIDERATION',
        'RETENTION',
        'HIDING',
        'REPORTING',
      ]);
      const text = (key: string) => policy.sections.find((section: { key: string }) => section.key === key).text as string;
      expect(text('PUBLICATION')).toContain('au plus tard 10 jours après la fin de la mission');
      expect(text('VERIFICATION')).toContain('mission payée via la plateforme et terminée');
      expect(text('CONSIDERATION')).toContain('Aucune contrepartie');
      expect(policy.hideReasons.map((reason: { code: string }) => reason.code)).toEqual([
        'ABUSIVE',
        'PERSONAL_DATA',
        'NOT_ABOUT_THE_MISSION',
        'NOT_GENUINE',
        'ADVERTISING',
        'ILLEGAL',
        'TERMS_BREACH',
      ]);
      for (const { label } of policy.hideReasons) expect(text('HIDING')).toContain(label);
    });

    it('answers in the language asked, else in the signed-in viewer’s', async () => {
      expect((await app.graphql(POLICY, { locale: 'EN' })).data!.reviewPolicy).toMatchObject({ locale: 'EN', title: 'How ratings work' });
      const english = await aSignedInUser(app, { locale: 'EN' });
      const policy = (await app.graphql(POLICY, {}, english.accessToken)).data!.reviewPolicy;
      expect(policy.locale).toBe('EN');
      expect(policy.sections.find((section: { key: string }) => section.key === 'PUBLICATION').text).toContain(
        "at the latest 10 days after the mission's completion",
      );
      expect((await app.graphql(POLICY, { locale: 'FR' }, english.accessToken)).data!.reviewPolicy.locale).toBe('FR');
      expect(errorCodes(await app.graphql(POLICY, { locale: 'DE' }))).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('hiding a rating for a reason of the closed list', () => {
    it("records the code and the detail, and tells the rating's author both, in their language, in the statement of reasons alone", async () => {
      const { client, missionId, ratingId } = await aPublishedRating();
      const hidden = await app.graphql(
        HIDE,
        { id: ratingId, reasonCode: 'PERSONAL_DATA', detail: 'Numéro de téléphone du prestataire' },
        moderator.accessToken,
      );
      expect(hidden.errors).toBeUndefined();
      expect(await hiddenState(ratingId)).toEqual({ hidden: true, code: 'PERSONAL_DATA', detail: 'Numéro de téléphone du prestataire' });

      const notices = (await app.graphql(NOTIFICATIONS, {}, client.accessToken)).data!.notifications.edges.map((edge: any) => edge.node);
      expect(notices.map((notice: { kind: string }) => notice.kind)).not.toContain('RATING_HIDDEN');
      expect(notices.find((notice: { kind: string }) => notice.kind === 'MODERATION_DECISION')).toEqual({
        kind: 'MODERATION_DECISION',
        text: expect.stringContaining(
          "Motif : données personnelles d'un tiers (coordonnées, adresse, informations privées) — Numéro de téléphone du prestataire.",
        ),
        mission: { id: missionId },
      });
      const log = await app.graphql(`{ moderationLog(first: 1) { edges { node { action reason } } } }`, {}, moderator.accessToken);
      expect(log.data!.moderationLog.edges[0].node).toEqual({
        action: 'HIDE_RATING',
        reason: 'PERSONAL_DATA: Numéro de téléphone du prestataire',
      });
    });

    it('tells an English-speaking author in English, with the label alone when there is no detail', async () => {
      const provider = await aProvider(app);
      const mission = await aCompletedMission(app, provider);
      await app.graphql(`mutation { updateProfile(input: { locale: EN }) { id } }`, {}, mission.provider.accessToken);
      const [, byProvider] = await Promise.all([rate(mission.client, mission.missionId, 4), rate(mission.provider, mission.missionId, 1)]);
      expect((await app.graphql(HIDE, { id: byProvider.id, reasonCode: 'ADVERTISING' }, moderator.accessToken)).errors).toBeUndefined();
      const notices = (await app.graphql(NOTIFICATIONS, {}, mission.provider.accessToken)).data!.notifications.edges.map(
        (edge: any) => edge.node,
      );
      expect(notices.find((notice: { kind: string }) => notice.kind === 'MODERATION_DECISION').text).toContain(
        'Reason: advertising, links or solicitation. Facts: ADVERTISING —',
      );
    });

    it('still takes the former free-text reason alone, as TERMS_BREACH with that text as its detail', async () => {
      const { client, ratingId } = await aPublishedRating();
      expect((await app.graphql(HIDE, { id: ratingId, reason: 'Propos déplacés' }, moderator.accessToken)).errors).toBeUndefined();
      expect(await hiddenState(ratingId)).toEqual({ hidden: true, code: 'TERMS_BREACH', detail: 'Propos déplacés' });
      const notices = (await app.graphql(NOTIFICATIONS, {}, client.accessToken)).data!.notifications.edges.map((edge: any) => edge.node);
      expect(notices.find((notice: { kind: string }) => notice.kind === 'MODERATION_DECISION').text).toContain('— Propos déplacés.');
    });

    it('refuses no reason, a reason outside the list, both forms at once, a detail without a code, and changes nothing', async () => {
      const { client, ratingId } = await aPublishedRating();
      for (const variables of [
        {},
        { reasonCode: 'I_DONT_LIKE_IT' },
        { reasonCode: 'ABUSIVE', reason: 'Insultes' },
        { detail: 'Insultes' },
        { reasonCode: 'ABUSIVE', detail: 'x' },
      ]) {
        expect(errorCodes(await app.graphql(HIDE, { id: ratingId, ...variables }, moderator.accessToken))).toEqual(['BAD_USER_INPUT']);
      }
      expect(await hiddenState(ratingId)).toEqual({ hidden: false, code: null, detail: null });
      const notices = (await app.graphql(NOTIFICATIONS, {}, client.accessToken)).data!.notifications.edges.map(
        (edge: any) => edge.node.kind,
      );
      expect(notices).not.toContain('MODERATION_DECISION');
    });
  });

  it('shows beside each rating the date of the mission it is about', async () => {
    const { missionId, missionCompletedAt } = await aPublishedRating();
    const [{ completed_at: completedAt }] = await app.dataSource.query(`SELECT completed_at FROM missions WHERE id = $1`, [missionId]);
    expect(missionCompletedAt).toBe((completedAt as Date).toISOString());
  });

  it('lists the ratings a user received newest first by default, or oldest first, each order paged to the end without a gap or a repeat', async () => {
    const provider = await aProvider(app);
    const base = Date.now();
    const published: string[] = [];
    // Two at the same instant: the id breaks the tie, in both orders.
    for (const offset of [0, 60_000, 60_000, 120_000]) {
      const mission = await aCompletedMission(app, provider);
      jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(base + offset));
      const [byClient] = await Promise.all([rate(mission.client, mission.missionId, 3), rate(mission.provider, mission.missionId, 3)]);
      jest.restoreAllMocks();
      published.push(byClient.id);
    }
    const pagedThrough = async (orderBy?: string) => {
      const seen: { id: string; publishedAt: string }[] = [];
      let after: string | undefined;
      for (let page = 0; page < 10; page++) {
        const response = await app.graphql(RECEIVED, { id: provider.id, orderBy, after });
        expect(response.errors).toBeUndefined();
        const { edges, pageInfo } = response.data!.user.ratingsReceived;
        seen.push(...edges.map((edge: any) => edge.node));
        if (!pageInfo.hasNextPage) break;
        after = pageInfo.endCursor;
      }
      return seen;
    };
    const byKey = (a: { id: string; publishedAt: string }, b: { id: string; publishedAt: string }) =>
      a.publishedAt.localeCompare(b.publishedAt) || a.id.localeCompare(b.id);

    const oldest = await pagedThrough('OLDEST_FIRST');
    expect(oldest.map((rating) => rating.id).sort()).toEqual([...published].sort());
    expect(oldest).toEqual([...oldest].sort(byKey));
    const newest = await pagedThrough();
    expect(newest).toEqual([...oldest].reverse());
    expect(await pagedThrough('NEWEST_FIRST')).toEqual(newest);
    expect(new Set(oldest.map((rating) => rating.publishedAt)).size).toBe(3);
  });
});
