import { isValidSiret } from '@marketplace/providers';
import {
  aClient,
  aMission,
  aProvider,
  aSiret,
  countInReputations,
  MissionSeed,
  RatingRow,
  ReputationRow,
  seedEmail,
  seedPlan,
  seedWorld,
} from './generation';
import { seededRandom } from './random';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const DAY_MS = 86_400_000;
const LIVE = new Set(['PENDING', 'ACCEPTED']);
const RULES = { ratingWindowDays: 14, autoCompleteDays: 7 };

/** A small world (40 clients, 12 providers) and `count` missions drawn in it from `seed`. */
function someMissions(count: number, seed = 7): MissionSeed[] {
  const random = seededRandom(seed);
  const clients = Array.from({ length: 40 }, (_, i) => aClient(random, i + 1, 1, 'hash', NOW).id);
  const providers = Array.from({ length: 12 }, (_, i) => aProvider(random, i + 1, 1, 'hash', NOW)).map((p) => ({
    id: p.user.id,
    city: p.profile.city,
  }));
  const world = seedWorld(clients, providers, NOW, RULES);
  return Array.from({ length: count }, () => aMission(random, world));
}

describe('seedPlan', () => {
  it('has one client per 10 missions and one provider per 100, with a floor for small runs', () => {
    expect(seedPlan(1_000_000)).toEqual({ clients: 100_000, providers: 10_000, missions: 1_000_000 });
    expect(seedPlan(5)).toEqual({ clients: 20, providers: 10, missions: 5 });
  });
});

describe('seedEmail', () => {
  it('is plain for the first run and carries the run number after it, so a re-run never collides', () => {
    expect(seedEmail('client', 1, 1)).toBe('client-1@seed.example');
    expect(seedEmail('provider', 42, 3)).toBe('provider-42-run3@seed.example');
  });
});

describe('aSiret', () => {
  it('gives 14 digits with a valid Luhn checksum, as the providers library checks', () => {
    const random = seededRandom(1);
    for (let i = 0; i < 2_000; i++) {
      const siret = aSiret(random);
      expect(siret).toMatch(/^\d{14}$/);
      expect(isValidSiret(siret)).toBe(true);
    }
  });
});

/** The value as JSON, each id replaced by the order it first appears in: what stays the same from one draw to the next. */
function withoutIds(value: unknown): string {
  const order = new Map<string, number>();
  return JSON.stringify(value).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
    if (!order.has(id)) order.set(id, order.size);
    return `id-${order.get(id)}`;
  });
}

describe('a seeded draw', () => {
  it('gives the same users, missions, bids and ratings for the same seed and time, ids apart, and others for another seed', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      const clients = Array.from({ length: 30 }, (_, i) => aClient(random, i + 1, 1, 'hash', NOW));
      const providers = Array.from({ length: 8 }, (_, i) => aProvider(random, i + 1, 1, 'hash', NOW));
      const world = seedWorld(
        clients.map((client) => client.id),
        providers.map((provider) => ({ id: provider.user.id, city: provider.profile.city })),
        NOW,
        RULES,
      );
      return { clients, providers, missions: Array.from({ length: 200 }, () => aMission(random, world)) };
    };
    expect(withoutIds(draw(5))).toBe(withoutIds(draw(5)));
    expect(withoutIds(draw(5))).not.toBe(withoutIds(draw(6)));
  });
});

describe('aClient and aProvider', () => {
  it('makes lower-case emails and display names within the limits', () => {
    const random = seededRandom(3);
    const user = aClient(random, 7, 1, 'hash', NOW);
    expect(user).toMatchObject({ email: 'client-7@seed.example', roles: ['CLIENT'], passwordHash: 'hash' });
    expect(user.displayName.length).toBeGreaterThanOrEqual(2);
    expect(user.displayName.length).toBeLessThanOrEqual(60);
    expect(Date.parse(user.createdAt)).toBeLessThan(NOW - 60 * DAY_MS);
  });

  it('gives providers a valid profile and an approved identity of an adult, decided after it was submitted', () => {
    const random = seededRandom(4);
    for (let i = 1; i <= 300; i++) {
      const { user, profile, verification } = aProvider(random, i, 2, 'hash', NOW);
      expect(user.email).toBe(`provider-${i}-run2@seed.example`);
      expect(user.roles).toEqual(['CLIENT', 'PROVIDER']);
      if (user.phone !== null) expect(user.phone).toMatch(/^\+33[67]\d{8}$/);
      const { categories } = profile;
      expect(categories.length).toBeGreaterThanOrEqual(1);
      expect(categories.length).toBeLessThanOrEqual(3);
      expect(new Set(categories).size).toBe(categories.length);
      expect(profile.headline.length).toBeGreaterThanOrEqual(5);
      expect(profile.headline.length).toBeLessThanOrEqual(80);
      expect(profile.radiusKm).toBeGreaterThanOrEqual(10);
      expect(profile.radiusKm).toBeLessThanOrEqual(50);
      if (profile.siret !== null) expect(isValidSiret(profile.siret)).toBe(true);
      if (profile.hourlyRateCents !== null) expect(profile.hourlyRateCents).toBeGreaterThan(0);
      expect(verification.legalName).toBe(user.displayName);
      expect(Date.parse(verification.decidedAt)).toBeGreaterThan(Date.parse(verification.submittedAt));
      expect(Date.parse(verification.dateOfBirth)).toBeLessThan(NOW - 18 * 365.25 * DAY_MS);
    }
  });
});

describe('aMission', () => {
  const seeds = someMissions(4_000);

  it('keeps bid_count equal to the live (pending or accepted) bids', () => {
    for (const { mission, bids } of seeds) expect(mission.bidCount).toBe(bids.filter((bid) => LIVE.has(bid.status)).length);
  });

  it('never has two bids of one provider on a mission', () => {
    for (const { bids } of seeds) expect(new Set(bids.map((bid) => bid.providerId)).size).toBe(bids.length);
  });

  it('leaves open missions with 0 to 4 pending bids and no assignment', () => {
    const open = seeds.filter((s) => s.mission.status === 'OPEN');
    for (const { mission, bids } of open) {
      expect(bids.length).toBeLessThanOrEqual(4);
      expect(bids.every((bid) => bid.status === 'PENDING')).toBe(true);
      expect(mission).toMatchObject({ assignedProviderId: null, acceptedBidId: null, cancelledAt: null });
    }
    expect(new Set(open.map((s) => s.bids.length))).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('assigns ASSIGNED and COMPLETED missions to the provider of their one accepted bid; the others are declined', () => {
    for (const { mission, bids } of seeds.filter((s) => s.mission.status === 'ASSIGNED' || s.mission.status === 'COMPLETED')) {
      const accepted = bids.filter((bid) => bid.status === 'ACCEPTED');
      expect(accepted).toHaveLength(1);
      expect(mission.acceptedBidId).toBe(accepted[0].id);
      expect(mission.assignedProviderId).toBe(accepted[0].providerId);
      expect(bids.filter((bid) => bid.status !== 'ACCEPTED').every((bid) => bid.status === 'DECLINED')).toBe(true);
    }
  });

  it('dates cancelled missions and declines their bids', () => {
    for (const { mission, bids } of seeds.filter((s) => s.mission.status === 'CANCELLED')) {
      expect(mission.cancelledAt).not.toBeNull();
      expect(Date.parse(mission.cancelledAt!)).toBeGreaterThanOrEqual(Date.parse(mission.createdAt));
      expect(bids.every((bid) => bid.status === 'DECLINED')).toBe(true);
      expect(mission.assignedProviderId).toBeNull();
    }
  });

  it('draws statuses in about the intended proportions', () => {
    const share = (status: string) => seeds.filter((s) => s.mission.status === status).length / seeds.length;
    expect(share('OPEN')).toBeCloseTo(0.8, 1);
    expect(share('ASSIGNED')).toBeCloseTo(0.08, 1);
    expect(share('COMPLETED')).toBeCloseTo(0.07, 1);
    expect(share('CANCELLED')).toBeCloseTo(0.05, 1);
  });

  // Offenders are collected rather than asserted one by one: thousands of expect() calls are slow.
  it('stays within the limits the database checks', () => {
    const within = (value: number, min: number, max: number) => value >= min && value <= max;
    const badMissions = seeds
      .map((s) => s.mission)
      .filter(
        (m) =>
          !within(m.title.length, 5, 120) ||
          !within(m.description.length, 20, 5000) ||
          /\{(city|n)\}/.test(m.title + m.description) ||
          (m.budgetCents !== null && !within(m.budgetCents, 500, 1_000_000)) ||
          (m.preferredStart !== null &&
            !(Date.parse(m.preferredStart) > NOW && Date.parse(m.preferredEnd!) > Date.parse(m.preferredStart))),
      );
    const badBids = seeds
      .flatMap((s) => s.bids)
      .filter(
        (b) =>
          !Number.isInteger(b.amountCents) ||
          !within(b.amountCents, 500, 1_000_000) ||
          !within(b.message.length, 10, 2000) ||
          (b.estimatedHours !== null && !within(b.estimatedHours, 0.25, 200)),
      );
    expect(badMissions).toEqual([]);
    expect(badBids).toEqual([]);
  });

  it('spreads creation over the last 60 days, with bids after their mission and nothing in the future', () => {
    const outOfOrder = seeds.filter(({ mission, bids }) => {
      const created = Date.parse(mission.createdAt);
      return (
        created < NOW - 60 * DAY_MS ||
        created > NOW ||
        Date.parse(mission.updatedAt) < created ||
        bids.some((bid) => Date.parse(bid.createdAt) < created || Date.parse(bid.updatedAt) > NOW)
      );
    });
    expect(outOfOrder).toEqual([]);
    const createdDays = new Set(seeds.map((s) => Math.floor((NOW - Date.parse(s.mission.createdAt)) / DAY_MS)));
    expect(createdDays.size).toBe(60);
  });

  it('gives the same missions for the same seed', () => {
    const strip = (list: MissionSeed[]) => list.map((s) => [s.mission.title, s.mission.status, s.mission.latitude, s.bids.length]);
    expect(strip(someMissions(50, 11))).toEqual(strip(someMissions(50, 11)));
    expect(strip(someMissions(50, 11))).not.toEqual(strip(someMissions(50, 12)));
  });
});

describe('completed missions and their ratings', () => {
  const completed = someMissions(8_000, 21).filter((s) => s.mission.status === 'COMPLETED');
  const time = (iso: string | null) => Date.parse(iso!);

  it('dates delivery after acceptance and completion after delivery, at most AUTO_COMPLETE_DAYS later and not in the future', () => {
    expect(completed.length).toBeGreaterThan(400);
    const wrong = completed.filter(({ mission, bids }) => {
      const acceptedAt = time(bids.find((bid) => bid.status === 'ACCEPTED')!.updatedAt);
      const [deliveredAt, completedAt] = [time(mission.deliveredAt), time(mission.completedAt)];
      return (
        !(acceptedAt <= deliveredAt && deliveredAt <= completedAt && completedAt <= NOW) ||
        completedAt - deliveredAt > RULES.autoCompleteDays * DAY_MS ||
        time(mission.updatedAt) !== completedAt
      );
    });
    expect(wrong).toEqual([]);
  });

  it('gives delivery and completion times, and ratings, to completed missions only', () => {
    const others = someMissions(2_000, 22).filter((s) => s.mission.status !== 'COMPLETED');
    expect(
      others.every(({ mission, ratings }) => mission.deliveredAt === null && mission.completedAt === null && ratings.length === 0),
    ).toBe(true);
  });

  it('has each party rate the other at most once, within the window, with a score from 1 to 5', () => {
    const wrong = completed.filter(({ mission, ratings }) => {
      const provider = mission.assignedProviderId;
      const closesAt = time(mission.completedAt) + RULES.ratingWindowDays * DAY_MS;
      return (
        new Set(ratings.map((r) => r.authorId)).size !== ratings.length ||
        ratings.some(
          (r) =>
            r.missionId !== mission.id ||
            !(r.role === 'PROVIDER'
              ? r.authorId === mission.clientId && r.subjectId === provider
              : r.authorId === provider && r.subjectId === mission.clientId) ||
            !Number.isInteger(r.score) ||
            r.score < 1 ||
            r.score > 5 ||
            time(r.createdAt) < time(mission.completedAt) ||
            time(r.createdAt) > Math.min(closesAt, NOW) ||
            (r.comment !== null && r.comment.length > 1000),
        )
      );
    });
    expect(wrong).toEqual([]);
  });

  it('publishes both ratings at the second one, and a lone rating only once the window has closed', () => {
    const wrong = completed.filter(({ mission, ratings }) => {
      if (ratings.length === 2) {
        const secondAt = Math.max(...ratings.map((r) => time(r.createdAt)));
        return ratings.some((r) => time(r.publishedAt) !== secondAt);
      }
      const closesAt = time(mission.completedAt) + RULES.ratingWindowDays * DAY_MS;
      return ratings.length === 1 && (closesAt > NOW || time(ratings[0].publishedAt) !== closesAt);
    });
    expect(wrong).toEqual([]);
  });

  it('has most completed missions rated by both parties, some by one, some by none', () => {
    const share = (count: number) => completed.filter((s) => s.ratings.length === count).length / completed.length;
    expect(share(2)).toBeCloseTo(0.7, 1);
    expect(share(1)).toBeGreaterThan(0.03);
    expect(share(0)).toBeGreaterThan(0.1);
  });

  it('answers replies only on published ratings, before now', () => {
    const ratings = completed.flatMap((s) => s.ratings);
    const replied = ratings.filter((r) => r.reply !== null);
    expect(replied.length).toBeGreaterThan(0);
    expect(replied.filter((r) => !(time(r.publishedAt) <= time(r.repliedAt) && time(r.repliedAt) <= NOW))).toEqual([]);
    expect(ratings.filter((r) => (r.reply === null) !== (r.repliedAt === null))).toEqual([]);
  });
});

describe('countInReputations', () => {
  const aRating = (subjectId: string, role: 'PROVIDER' | 'CLIENT', score: number): RatingRow => ({
    id: `${subjectId}-${role}-${score}`,
    missionId: 'm',
    missionCompletedAt: '2026-01-01T00:00:00.000Z',
    authorId: 'someone',
    subjectId,
    role,
    score,
    comment: null,
    reply: null,
    repliedAt: null,
    publishedAt: '2025-05-01T00:00:00.000Z',
    createdAt: '2025-05-01T00:00:00.000Z',
  });

  it('counts and sums the scores each user received, per role, across batches', () => {
    const reputations = new Map<string, ReputationRow>();
    countInReputations(reputations, [aRating('ann', 'PROVIDER', 5), aRating('ann', 'PROVIDER', 3), aRating('bob', 'CLIENT', 4)]);
    countInReputations(reputations, [aRating('ann', 'CLIENT', 2)]);

    expect([...reputations.values()]).toEqual([
      { userId: 'ann', asProviderCount: 2, asProviderScoreSum: 8, asClientCount: 1, asClientScoreSum: 2 },
      { userId: 'bob', asProviderCount: 0, asProviderScoreSum: 0, asClientCount: 1, asClientScoreSum: 4 },
    ]);
  });

  it('matches the generated ratings exactly, within the bounds the database checks', () => {
    const ratings = someMissions(8_000, 23).flatMap((s) => s.ratings);
    const reputations = new Map<string, ReputationRow>();
    countInReputations(reputations, ratings);

    const wrong = [...reputations.values()].filter((row) => {
      const received = ratings.filter((r) => r.subjectId === row.userId);
      const of = (role: string) => received.filter((r) => r.role === role);
      const sum = (list: RatingRow[]) => list.reduce((total, r) => total + r.score, 0);
      return (
        row.asProviderCount !== of('PROVIDER').length ||
        row.asProviderScoreSum !== sum(of('PROVIDER')) ||
        row.asClientCount !== of('CLIENT').length ||
        row.asClientScoreSum !== sum(of('CLIENT')) ||
        row.asProviderScoreSum < row.asProviderCount ||
        row.asProviderScoreSum > 5 * row.asProviderCount ||
        row.asClientScoreSum < row.asClientCount ||
        row.asClientScoreSum > 5 * row.asClientCount
      );
    });
    expect(reputations.size).toBe(new Set(ratings.map((r) => r.subjectId)).size);
    expect(wrong).toEqual([]);
  });
});
