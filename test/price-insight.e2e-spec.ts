/**
 * The fair-price insight (issue #19): quartiles of the bids accepted in a category and area over the
 * last 12 months, from the aggregate the refresh job rebuilds, checked against the same figures
 * computed straight from the bids; never from fewer than 10 distinct providers and 10 distinct clients.
 */
import { Clock } from '@marketplace/common';
import { JobQueue } from '@marketplace/jobs';
import { REFRESH_PRICE_INSIGHT } from '@marketplace/platform';
import { PriceInsightService } from '@marketplace/price-insight';
import { aSignedInUser, SignedInUser } from './support/accounts.builders';
import { aBid, aMission, aProvider } from './support/marketplace.builders';
import { errorCodes, TestApp } from './support/test-app';

const INSIGHT = `query ($category: MissionCategory!, $near: GeoPointInput!, $radiusKm: Float) {
  priceInsight(category: $category, near: $near, radiusKm: $radiusKm) {
    category near { latitude longitude } radiusKm p25AmountCents medianAmountCents p75AmountCents medianHourlyAmountCents currency since computedAt
  }
}`;
const MISSION_INSIGHT = `query ($id: ID!) { mission(id: $id) { priceInsight { medianAmountCents radiusKm } } }`;

/** On the 0.05° grid, so the area answered for is centred on it. */
const CENTRE = { latitude: 45.5, longitude: 4.5 };
/** 0.09° of latitude is 10.02 km on earthdistance's sphere: just outside 10 km. 0.08° is 8.9 km, inside. */
const JUST_OUTSIDE = { latitude: 45.59, longitude: 4.5 };
const JUST_INSIDE = { latitude: 45.42, longitude: 4.5 };
const MONTH_MS = 30 * 86_400_000;
/** The tests that post a dozen missions, bids and acceptances through the API. */
const BUILDING_MS = 120_000;

interface Accepted {
  client: SignedInUser;
  provider: SignedInUser;
  missionId: string;
  bidId: string;
}

describe('fair-price insight', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Providers bid without an identity check here: the sample needs many of them, not their documents.
    app = await TestApp.start({ BIDDING_REQUIRES_VERIFIED_IDENTITY: 'false' });
  });
  afterAll(() => app.close());
  afterEach(() => jest.restoreAllMocks());

  const refresh = async () => {
    await app.dataSource.transaction((manager) => app.app.get(JobQueue).enqueue(manager, REFRESH_PRICE_INSIGHT, {}));
    await app.runJobs();
  };
  const insight = async (viewer: SignedInUser, variables: Record<string, unknown>) => {
    const response = await app.graphql(INSIGHT, { category: 'GARDENING', near: CENTRE, radiusKm: 10, ...variables }, viewer.accessToken);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.priceInsight;
  };
  /** A mission at `point`, a bid on it, accepted: one more provider and client in the sample, unless given. */
  const anAcceptedBid = async (
    point: { latitude: number; longitude: number },
    amountCents: number,
    { estimatedHours = 2 as number | null, category = 'GARDENING', client = undefined as SignedInUser | undefined } = {},
  ): Promise<Accepted> => {
    const [owner, provider] = await Promise.all([client ?? aSignedInUser(app), aProvider(app, { verified: false })]);
    const missionId = await aMission(app, owner, {
      category,
      budgetCents: null,
      location: { address: '1 chemin des Vignes', city: 'Saint-Étienne', postcode: '42000', ...point },
    });
    const bidId = await aBid(app, provider, missionId, { amountCents, estimatedHours });
    const accepted = await app.graphql(`mutation ($id: ID!) { acceptBid(id: $id) { id } }`, { id: bidId }, owner.accessToken);
    if (accepted.errors) throw new Error(JSON.stringify(accepted.errors));
    return { client: owner, provider, missionId, bidId };
  };
  const manyAcceptedBids = async (
    count: number,
    amountOf: (index: number) => number,
    options: Parameters<typeof anAcceptedBid>[2] = {},
  ) => {
    const made: Accepted[] = [];
    for (let start = 0; start < count; start += 4) {
      const batch = Array.from({ length: Math.min(4, count - start) }, (_, offset) => start + offset);
      // Spread over the 10 km: distinct public points, so the sample is the union of several cells.
      const pointOf = (index: number) => ({
        latitude: CENTRE.latitude + ((index % 5) - 2) * 0.015,
        longitude: CENTRE.longitude + (index % 3) * 0.02,
      });
      made.push(...(await Promise.all(batch.map((index) => anAcceptedBid(pointOf(index), amountOf(index), options)))));
    }
    return made;
  };

  /** The same figures straight from the bids: accepted, in the category, within the radius of the area's centre, in the window. */
  const directly = async (area: { latitude: number; longitude: number; radiusKm: number }, since: string, until: string) => {
    const [row] = await app.dataSource.query(
      `SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY b.amount_cents) AS quartiles,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY round(b.amount_cents / b.estimated_hours)) AS hourly
         FROM bids b JOIN missions m ON m.id = b.mission_id
        WHERE b.status = 'ACCEPTED' AND m.category = 'GARDENING'
          AND earth_distance(ll_to_earth($1, $2), ll_to_earth(m.public_latitude, m.public_longitude)) <= $3
          AND b.updated_at > $4 AND b.updated_at <= $5`,
      [area.latitude, area.longitude, area.radiusKm * 1000, since, until],
    );
    const euros = (cents: number) => Math.round(cents / 100) * 100;
    const [p25, median, p75] = (row.quartiles as number[]).map(euros);
    return { p25AmountCents: p25, medianAmountCents: median, p75AmountCents: p75, medianHourlyAmountCents: euros(row.hourly) };
  };

  let viewer: SignedInUser;
  let sample: Accepted[];

  it(
    'says nothing from 9 providers and 9 clients, then, with the 10th, the quartiles computed straight from the bids',
    async () => {
      viewer = await aSignedInUser(app);
      sample = await manyAcceptedBids(9, (index) => 6_000 + index * 1_750);
      // Just beyond the radius, and dear: it would move every quartile if it were counted.
      await anAcceptedBid(JUST_OUTSIDE, 900_000);
      await refresh();
      expect(await insight(viewer, {})).toBeNull();

      sample.push(await anAcceptedBid(JUST_INSIDE, 21_000));
      await refresh();
      const answer = await insight(viewer, {});
      expect(answer).toMatchObject({ category: 'GARDENING', near: CENTRE, radiusKm: 10, currency: 'EUR' });
      expect(answer).toMatchObject(await directly({ ...CENTRE, radiusKm: 10 }, answer.since, answer.computedAt));
      expect(answer.p75AmountCents).toBeLessThan(30_000);
      expect(Date.parse(answer.computedAt) - Date.parse(answer.since)).toBeGreaterThan(11 * MONTH_MS);
    },
    BUILDING_MS,
  );

  it('counts the bid beyond 10 km in the 20 km area, as the direct computation does', async () => {
    const wider = await insight(viewer, { radiusKm: 20 });
    expect(wider).toMatchObject({ radiusKm: 20, ...(await directly({ ...CENTRE, radiusKm: 20 }, wider.since, wider.computedAt)) });
    expect(wider.p75AmountCents).toBeGreaterThan((await insight(viewer, {})).p75AmountCents);
  });

  it('answers for a snapped area, whatever the exact point and radius asked, and to the euro', async () => {
    const asked = await insight(viewer, {});
    expect(await insight(viewer, { near: { latitude: 45.512, longitude: 4.489 }, radiusKm: 7.5 })).toEqual(asked);
    for (const amount of [asked.p25AmountCents, asked.medianAmountCents, asked.p75AmountCents, asked.medianHourlyAmountCents]) {
      expect(amount % 100).toBe(0);
    }
  });

  it(
    'gives the hourly median only when the bids that estimated hours come from 10 providers and 10 clients too',
    async () => {
      // Two more parties, with no hours: amounts from 12 of each, hours from 10 of each.
      sample.push(...(await manyAcceptedBids(2, (index) => 9_000 + index * 500, { estimatedHours: null })));
      await refresh();
      const answer = await insight(viewer, {});
      expect(answer).toMatchObject(await directly({ ...CENTRE, radiusKm: 10 }, answer.since, answer.computedAt));

      // One of the estimating providers' missions is cancelled: 9 estimating parties are left, the amounts still have 11.
      const [estimating] = sample;
      await app.graphql(
        `mutation ($id: ID!) { cancelMission(id: $id) { id } }`,
        { id: estimating.missionId },
        estimating.client.accessToken,
      );
      await refresh();
      const fewer = await insight(viewer, {});
      expect(fewer.medianHourlyAmountCents).toBeNull();
      expect(fewer.medianAmountCents).toEqual(expect.any(Number));
    },
    BUILDING_MS,
  );

  it(
    'counts distinct clients, not bids: one client hiring ten providers is one client',
    async () => {
      const client = await aSignedInUser(app);
      const far = { latitude: 47.0, longitude: 1.0 };
      for (let index = 0; index < 10; index++) await anAcceptedBid(far, 10_000 + index * 100, { client });
      await refresh();
      expect(await insight(viewer, { near: far })).toBeNull();
    },
    BUILDING_MS,
  );

  it('leaves out bids accepted more than 12 months before the refresh', async () => {
    jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 12 * MONTH_MS));
    await refresh();
    expect(await insight(viewer, {})).not.toBeNull();
    jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 13 * MONTH_MS));
    await refresh();
    expect(await insight(viewer, {})).toBeNull();
    jest.restoreAllMocks();
    await refresh();
  });

  it('refreshes concurrently without a conflict: the second waits for the first', async () => {
    const service = app.app.get(PriceInsightService);
    const [first, second] = await Promise.all([service.refresh(), service.refresh()]);
    expect(first).toBe(second);
    const [{ cells }] = await app.dataSource.query(`SELECT count(*)::int AS cells FROM price_insight_cells`);
    expect(cells).toBe(first);
  });

  it("shows a mission's insight to its client and to providers who may bid, to nobody else", async () => {
    const client = await aSignedInUser(app);
    const missionId = await aMission(app, client, {
      category: 'GARDENING',
      location: { address: '2 chemin des Vignes', city: 'Saint-Étienne', postcode: '42000', ...CENTRE },
    });
    const shown = async (who?: SignedInUser, id = missionId) =>
      (await app.graphql(MISSION_INSIGHT, { id }, who?.accessToken)).data!.mission.priceInsight;
    const expected = { medianAmountCents: (await insight(viewer, {})).medianAmountCents, radiusKm: 10 };
    expect(await shown(client)).toEqual(expected);
    expect(await shown(await aProvider(app, { verified: false }))).toEqual(expected);
    expect(await shown(viewer)).toBeNull();
    expect(await shown()).toBeNull();
    // Assigned: its client still sees it; no provider may bid any more.
    const [, assigned] = sample;
    expect(await shown(assigned.client, assigned.missionId)).toEqual(expected);
    expect(await shown(await aProvider(app, { verified: false }), assigned.missionId)).toBeNull();
  });

  it('refuses an anonymous viewer, a radius off the range and an unknown category', async () => {
    expect(errorCodes(await app.graphql(INSIGHT, { category: 'GARDENING', near: CENTRE }))).toEqual(['UNAUTHENTICATED']);
    for (const radiusKm of [0, -3, 50.5, 1000]) {
      expect(errorCodes(await app.graphql(INSIGHT, { category: 'GARDENING', near: CENTRE, radiusKm }, viewer.accessToken))).toEqual([
        'BAD_USER_INPUT',
      ]);
    }
    expect(errorCodes(await app.graphql(INSIGHT, { category: 'ASTROLOGY', near: CENTRE }, viewer.accessToken))).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(await app.graphql(INSIGHT, { category: 'GARDENING', near: { latitude: 91, longitude: 0 } }, viewer.accessToken)),
    ).toEqual(['BAD_USER_INPUT']);
  });
});
