/**
 * The seeder's data, generated: plausible French clients, verified providers, missions over France,
 * bids and ratings, consistent as the services would leave them (a mission's bid count = its live bids, one live bid
 * per provider and mission, assignment fields on ASSIGNED…, delivery and completion times on
 * COMPLETED, ratings published as the double-blind rules publish them, reputations that add up).
 *
 * Pure apart from the ids: one seeded random source drives every draw, so a seed and a `now` always
 * give the same data. Rows carry the entities' property names (times as ISO strings), which
 * bulk-insert.ts maps to columns through the entities' metadata.
 */
import { randomUUID } from 'node:crypto';
import { toPublicCoordinate } from '@marketplace/missions';
import { completeSiret } from '@marketplace/providers';
import {
  BID_MESSAGES,
  CANCELLATION_REASONS,
  COMMENTS_ON_CLIENTS,
  COMMENTS_ON_PROVIDERS,
  FIRST_NAMES,
  FRENCH_CITIES,
  FrenchCity,
  LAST_NAMES,
  MISSION_CATEGORIES,
  MISSION_TEMPLATES,
  MissionTemplate,
  PROVIDER_HEADLINES,
  REPLIES,
  SeedCategory,
  STREET_NAMES,
} from './french-catalogue';
import { aFrenchPhone, fillPlaceholders, jitterAround, pick, pickWeighted, Random } from './random';

export const SEED_EMAIL_DOMAIN = 'seed.example';

const DAY_MS = 86_400_000;
const MISSION_SPREAD_KM = 8;
const SERVICE_AREA_SPREAD_KM = 5;
/** What a provider asks for a mission whose template suggests no price. */
const DEFAULT_PRICE_CENTS = 8_000;
const MIN_AMOUNT_CENTS = 500;
const MAX_AMOUNT_CENTS = 1_000_000;

/** Shares of COMPLETED missions rated by both parties, and by one only (published when the window closed). */
const RATED_BY_BOTH = 0.7;
const RATED_BY_ONE = 0.15;
const REPLIED = 0.05;
/** Cumulative shares of the scores 1 to 5: most jobs go well. */
const SCORE_SHARES = [0.04, 0.08, 0.17, 0.42, 1];

export interface SeedPlan {
  clients: number;
  providers: number;
  missions: number;
}

export function seedPlan(missions: number): SeedPlan {
  return { clients: Math.max(20, Math.round(missions / 10)), providers: Math.max(10, Math.round(missions / 100)), missions };
}

/** Run 1 uses `client-1@seed.example`; later runs `client-1-run2@seed.example`, so a re-run never collides. */
export function seedEmail(kind: 'client' | 'provider', index: number, run: number): string {
  return `${kind}-${index}${run === 1 ? '' : `-run${run}`}@${SEED_EMAIL_DOMAIN}`;
}

/** 13 random digits and the check digit that makes the 14 a valid SIRET. */
export function aSiret(random: Random): string {
  let payload = '';
  for (let i = 0; i < 13; i++) payload += String(Math.min(9, Math.floor(random() * 10)));
  return completeSiret(payload);
}

// ---------------------------------------------------------------------------------------------
// Rows: the entities' properties, times as ISO strings, enums as their names.

export interface UserRow {
  id: string;
  email: string;
  passwordHash: string;
  displayName: string;
  phone: string | null;
  roles: string[];
  /** Demo users are verified at sign-up, so that they can bid and accept. */
  emailVerifiedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface ProviderProfileRow {
  userId: string;
  headline: string;
  bio: string | null;
  categories: SeedCategory[];
  city: string;
  postcode: string;
  latitude: number;
  longitude: number;
  radiusKm: number;
  hourlyRateCents: number | null;
  siret: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface IdentityVerificationRow {
  userId: string;
  status: 'APPROVED';
  documentType: 'ID_CARD';
  legalName: string;
  dateOfBirth: string;
  submittedAt: string;
  decidedAt: string;
}

export type SeedMissionStatus = 'OPEN' | 'ASSIGNED' | 'COMPLETED' | 'CANCELLED';
export type SeedBidStatus = 'PENDING' | 'ACCEPTED' | 'DECLINED';

export interface MissionRow {
  id: string;
  clientId: string;
  title: string;
  description: string;
  category: SeedCategory;
  status: SeedMissionStatus;
  address: string;
  city: string;
  postcode: string;
  latitude: number;
  longitude: number;
  publicLatitude: number;
  publicLongitude: number;
  budgetCents: number | null;
  preferredStart: string | null;
  preferredEnd: string | null;
  bidCount: number;
  assignedProviderId: string | null;
  acceptedBidId: string | null;
  deliveredAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  cancellationReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface BidRow {
  id: string;
  missionId: string;
  providerId: string;
  amountCents: number;
  message: string;
  estimatedHours: number | null;
  status: SeedBidStatus;
  createdAt: string;
  updatedAt: string;
}

export type SeedRatingRole = 'PROVIDER' | 'CLIENT';

/** `role` is the rated user's role in the mission: the client rates the provider (PROVIDER), and back. */
export interface RatingRow {
  id: string;
  missionId: string;
  missionCompletedAt: string;
  authorId: string;
  subjectId: string;
  role: SeedRatingRole;
  score: number;
  comment: string | null;
  reply: string | null;
  repliedAt: string | null;
  publishedAt: string;
  createdAt: string;
}

/** Counts and score sums of a user's published, not hidden ratings, per role (the `reputations` row). */
export interface ReputationRow {
  userId: string;
  asProviderCount: number;
  asProviderScoreSum: number;
  asClientCount: number;
  asClientScoreSum: number;
}

/** The marketplace rules the generated history must respect (from the configuration). */
export interface SeedRules {
  ratingWindowDays: number;
  autoCompleteDays: number;
}

export interface SeededProvider {
  id: string;
  city: string;
}

/** Who already exists when missions are generated: clients post them, providers bid. */
export interface SeedWorld {
  clientIds: string[];
  providers: SeededProvider[];
  providersByCity: Map<string, SeededProvider[]>;
  now: number;
  rules: SeedRules;
}

// ---------------------------------------------------------------------------------------------
// Generators: pure apart from the ids, driven by one seeded random source.

const between = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const roundTo = (value: number, step: number): number => Math.round(value / step) * step;
const iso = (ms: number): string => new Date(Math.round(ms)).toISOString();
const chance = (random: Random, probability: number): boolean => random() < probability;

function aPerson(random: Random): { first: string; last: string } {
  return { first: pick(random, FIRST_NAMES), last: pick(random, LAST_NAMES) };
}

function aUser(random: Random, email: string, roles: string[], passwordHash: string, createdAt: number): UserRow {
  const { first, last } = aPerson(random);
  return {
    id: randomUUID(),
    email,
    passwordHash,
    displayName: `${first} ${last}`,
    phone: chance(random, 0.4) ? aFrenchPhone(random) : null,
    roles,
    emailVerifiedAt: iso(createdAt),
    createdAt: iso(createdAt),
    updatedAt: iso(createdAt),
  };
}

/** Clients joined between 60 and 180 days ago, before any seeded mission. */
export function aClient(random: Random, index: number, run: number, passwordHash: string, now: number): UserRow {
  return aUser(random, seedEmail('client', index, run), ['CLIENT'], passwordHash, now - (60 + random() * 120) * DAY_MS);
}

export interface ProviderSeed {
  user: UserRow;
  profile: ProviderProfileRow;
  verification: IdentityVerificationRow;
}

/** A provider with a profile near a weighted city and an identity a moderator approved, so they can bid. */
export function aProvider(random: Random, index: number, run: number, passwordHash: string, now: number): ProviderSeed {
  const joinedAt = now - (61 + random() * 300) * DAY_MS;
  const user = aUser(random, seedEmail('provider', index, run), ['CLIENT', 'PROVIDER'], passwordHash, joinedAt);
  const city = pickWeighted(random, FRENCH_CITIES);
  const centre = jitterAround(random, city, SERVICE_AREA_SPREAD_KM);
  const categories = distinct(random, MISSION_CATEGORIES, between(random, 1, 3));
  const radiusKm = between(random, 10, 50);
  const submittedAt = joinedAt + random() * DAY_MS;
  const age = 19 + random() * 46;
  return {
    user,
    profile: {
      userId: user.id,
      headline: pick(random, PROVIDER_HEADLINES[categories[0]]),
      bio: chance(random, 0.6) ? `Basé à ${city.name}, j'interviens dans un rayon de ${radiusKm} km. Devis gratuit, réponse rapide.` : null,
      categories,
      city: city.name,
      postcode: city.postcode,
      latitude: centre.latitude,
      longitude: centre.longitude,
      radiusKm,
      hourlyRateCents: chance(random, 0.6) ? roundTo(between(random, 1_500, 6_000), 100) : null,
      siret: chance(random, 0.5) ? aSiret(random) : null,
      createdAt: iso(joinedAt),
      updatedAt: iso(joinedAt),
    },
    verification: {
      userId: user.id,
      status: 'APPROVED',
      documentType: 'ID_CARD',
      legalName: user.displayName,
      dateOfBirth: iso(now - age * 365.25 * DAY_MS).slice(0, 10),
      submittedAt: iso(submittedAt),
      decidedAt: iso(submittedAt + (0.1 + random() * 2) * DAY_MS),
    },
  };
}

/** `count` different items (fewer if there are not that many), in the order drawn. */
function distinct<T>(random: Random, items: readonly T[], count: number): T[] {
  const wanted = Math.min(count, items.length);
  const chosen = new Set<T>();
  while (chosen.size < wanted) chosen.add(pick(random, items));
  return [...chosen];
}

export function seedWorld(clientIds: string[], providers: SeededProvider[], now: number, rules: SeedRules): SeedWorld {
  const providersByCity = new Map<string, SeededProvider[]>();
  for (const provider of providers) {
    const local = providersByCity.get(provider.city);
    if (local) local.push(provider);
    else providersByCity.set(provider.city, [provider]);
  }
  return { clientIds, providers, providersByCity, now, rules };
}

/** Mostly providers of the mission's town, as in life; anyone when the town has too few. */
function biddersFor(random: Random, world: SeedWorld, city: string, count: number): SeededProvider[] {
  const local = world.providersByCity.get(city);
  const pool = local && local.length >= count && chance(random, 0.85) ? local : world.providers;
  return distinct(random, pool, count);
}

function aStatus(random: Random): SeedMissionStatus {
  const draw = random();
  if (draw < 0.8) return 'OPEN';
  if (draw < 0.88) return 'ASSIGNED';
  if (draw < 0.95) return 'COMPLETED';
  return 'CANCELLED';
}

function typicalPrice(template: MissionTemplate, budgetCents: number | null): number {
  if (budgetCents !== null) return budgetCents;
  return template.budgetCents ? (template.budgetCents.min + template.budgetCents.max) / 2 : DEFAULT_PRICE_CENTS;
}

const clampAmount = (cents: number): number => Math.min(MAX_AMOUNT_CENTS, Math.max(MIN_AMOUNT_CENTS, cents));

/** Providers choose their price: around the budget or the usual price, a little under or over. */
function aBidAmount(random: Random, price: number): number {
  return clampAmount(roundTo(price * (0.75 + random() * 0.6), 100));
}

function anEstimate(random: Random): number | null {
  if (!chance(random, 0.7)) return null;
  return Math.min(200, Math.max(0.25, roundTo(0.5 + random() * random() * 24, 0.25)));
}

export interface MissionSeed {
  mission: MissionRow;
  bids: BidRow[];
  ratings: RatingRow[];
}

/**
 * A mission and its bids, consistent as the services would leave them: OPEN with 0–4 pending bids;
 * ASSIGNED or COMPLETED with one accepted bid and the others declined; CANCELLED (from OPEN) with
 * its pending bids declined. bidCount counts the live (pending or accepted) bids. A COMPLETED
 * mission was delivered, then confirmed (or auto-completed), and carries its ratings.
 */
export function aMission(random: Random, world: SeedWorld): MissionSeed {
  const { now } = world;
  const city: FrenchCity = pickWeighted(random, FRENCH_CITIES);
  const point = jitterAround(random, city, MISSION_SPREAD_KM);
  const category = pick(random, MISSION_CATEGORIES);
  const template = pick(random, MISSION_TEMPLATES[category]);
  const fill = { city: city.name, n: between(random, 2, 8) };
  const budgetCents =
    template.budgetCents && chance(random, 0.7)
      ? clampAmount(roundTo(between(random, template.budgetCents.min, template.budgetCents.max), 500))
      : null;
  const createdAt = now - random() * 60 * DAY_MS;
  const status = aStatus(random);
  const id = randomUUID();

  const bidderCount = status === 'OPEN' ? between(random, 0, 4) : status === 'CANCELLED' ? between(random, 0, 2) : between(random, 1, 4);
  const cancelledAt = status === 'CANCELLED' ? createdAt + random() * (now - createdAt) : null;
  const biddingEnds = cancelledAt ?? Math.min(now, createdAt + 3 * DAY_MS);
  const price = typicalPrice(template, budgetCents);
  const bids: BidRow[] = biddersFor(random, world, city.name, bidderCount).map((provider) => {
    const placedAt = iso(createdAt + random() * (biddingEnds - createdAt));
    return {
      id: randomUUID(),
      missionId: id,
      providerId: provider.id,
      amountCents: aBidAmount(random, price),
      message: fillPlaceholders(pick(random, BID_MESSAGES), { city: city.name, n: between(random, 2, 12) }),
      estimatedHours: anEstimate(random),
      status: 'PENDING',
      createdAt: placedAt,
      updatedAt: placedAt,
    };
  });

  const assigned = status === 'ASSIGNED' || status === 'COMPLETED';
  const lastBidAt = bids.reduce((latest, bid) => Math.max(latest, Date.parse(bid.createdAt)), createdAt);
  const decidedAt = cancelledAt ?? (assigned ? lastBidAt + random() * (now - lastBidAt) * 0.5 : lastBidAt);
  if (assigned || status === 'CANCELLED') {
    bids.forEach((bid, index) => {
      bid.status = assigned && index === 0 ? 'ACCEPTED' : 'DECLINED';
      bid.updatedAt = iso(decidedAt);
    });
  }
  const preferredStart = status === 'OPEN' && chance(random, 0.3) ? roundTo(now + (1 + random() * 29) * DAY_MS, 3_600_000) : null;
  // Delivered some time after acceptance; confirmed by the client, at the latest by auto-completion.
  const deliveredAt = status === 'COMPLETED' ? decidedAt + random() * (now - decidedAt) * 0.8 : null;
  const completedAt =
    deliveredAt === null ? null : deliveredAt + random() * Math.min(world.rules.autoCompleteDays * DAY_MS, now - deliveredAt);
  const updatedAt = completedAt ?? decidedAt;
  const clientId = pick(random, world.clientIds);

  return {
    mission: {
      id,
      clientId,
      title: fillPlaceholders(template.title, fill),
      description: fillPlaceholders(template.description, fill),
      category,
      status,
      address: `${between(random, 1, 150)} ${pick(random, STREET_NAMES)}`,
      city: city.name,
      postcode: city.postcode,
      latitude: point.latitude,
      longitude: point.longitude,
      publicLatitude: toPublicCoordinate(point.latitude),
      publicLongitude: toPublicCoordinate(point.longitude),
      budgetCents,
      preferredStart: preferredStart === null ? null : iso(preferredStart),
      preferredEnd: preferredStart === null ? null : iso(preferredStart + between(random, 2, 8) * 3_600_000),
      bidCount: status === 'OPEN' ? bids.length : assigned ? 1 : 0,
      assignedProviderId: assigned ? bids[0].providerId : null,
      acceptedBidId: assigned ? bids[0].id : null,
      deliveredAt: deliveredAt === null ? null : iso(deliveredAt),
      completedAt: completedAt === null ? null : iso(completedAt),
      cancelledAt: cancelledAt === null ? null : iso(cancelledAt),
      cancellationReason: cancelledAt !== null && chance(random, 0.5) ? pick(random, CANCELLATION_REASONS) : null,
      createdAt: iso(createdAt),
      updatedAt: iso(Math.max(createdAt, updatedAt)),
    },
    bids,
    ratings: completedAt === null ? [] : ratingsOf(random, world, { id, clientId, providerId: bids[0].providerId, completedAt }),
  };
}

/**
 * The ratings of a completed mission as the double-blind rules leave them: most are rated by both
 * parties within the window (both published when the second rated); some by one party only, published
 * when the window closed (only once it has: before, such a rating would still be private and waiting
 * for its publication job); the rest not at all.
 */
function ratingsOf(
  random: Random,
  { now, rules }: SeedWorld,
  mission: { id: string; clientId: string; providerId: string; completedAt: number },
): RatingRow[] {
  const windowClosesAt = mission.completedAt + rules.ratingWindowDays * DAY_MS;
  const ratedUntil = Math.min(windowClosesAt, now);
  const ratedAt = () => mission.completedAt + random() * (ratedUntil - mission.completedAt);
  const draw = random();
  if (draw < RATED_BY_BOTH) {
    const [byClient, byProvider] = [ratedAt(), ratedAt()];
    const publishedAt = Math.max(byClient, byProvider);
    return [
      aRating(random, mission, 'PROVIDER', byClient, publishedAt, now),
      aRating(random, mission, 'CLIENT', byProvider, publishedAt, now),
    ];
  }
  if (draw < RATED_BY_BOTH + RATED_BY_ONE && windowClosesAt <= now) {
    return [aRating(random, mission, chance(random, 0.6) ? 'PROVIDER' : 'CLIENT', ratedAt(), windowClosesAt, now)];
  }
  return [];
}

function aRating(
  random: Random,
  mission: { id: string; clientId: string; providerId: string; completedAt: number },
  role: SeedRatingRole,
  createdAt: number,
  publishedAt: number,
  now: number,
): RatingRow {
  const scoreDraw = random();
  const score = SCORE_SHARES.findIndex((share) => scoreDraw < share) + 1;
  const comments = (role === 'PROVIDER' ? COMMENTS_ON_PROVIDERS : COMMENTS_ON_CLIENTS)[score >= 4 ? 'good' : score === 3 ? 'mixed' : 'bad'];
  const replied = chance(random, REPLIED);
  return {
    id: randomUUID(),
    missionId: mission.id,
    missionCompletedAt: iso(mission.completedAt),
    authorId: role === 'PROVIDER' ? mission.clientId : mission.providerId,
    subjectId: role === 'PROVIDER' ? mission.providerId : mission.clientId,
    role,
    score,
    comment: chance(random, 0.6) ? pick(random, comments) : null,
    reply: replied ? pick(random, REPLIES) : null,
    repliedAt: replied ? iso(publishedAt + random() * (now - publishedAt)) : null,
    publishedAt: iso(publishedAt),
    createdAt: iso(createdAt),
  };
}

/** Adds published, not hidden ratings to their subjects' reputations (every seeded rating is both). */
export function countInReputations(reputations: Map<string, ReputationRow>, ratings: readonly RatingRow[]): void {
  for (const rating of ratings) {
    let row = reputations.get(rating.subjectId);
    if (!row) {
      row = { userId: rating.subjectId, asProviderCount: 0, asProviderScoreSum: 0, asClientCount: 0, asClientScoreSum: 0 };
      reputations.set(rating.subjectId, row);
    }
    if (rating.role === 'PROVIDER') {
      row.asProviderCount++;
      row.asProviderScoreSum += rating.score;
    } else {
      row.asClientCount++;
      row.asClientScoreSum += rating.score;
    }
  }
}
