/**
 * `npm run cli -- seed [--missions N]`: plausible French demo and benchmark data (clients, verified
 * providers, missions over France, bids, ratings and reputations), fast enough for a million missions
 * on a small machine.
 *
 * It writes with bulk SQL rather than through the services: rows are generated in JS (ids included,
 * so missions and bids reference each other without round trips) and sent in batches of 5,000 as
 * `INSERT … SELECT … FROM unnest($1::uuid[], …)`, one transaction per batch, two batches in flight.
 * The database still checks every constraint; the generator keeps the invariants the services keep
 * (bid_count = live bids, one live bid per provider and mission, assignment fields on ASSIGNED…,
 * delivery and completion times on COMPLETED, ratings published as the double-blind rules publish
 * them, and each user's reputation equal to the published ratings they received, checked at the end).
 *
 * Data is deterministic for a given run number (the random source is seeded); ids and times are not.
 * Running it again adds a new run beside the previous ones: its emails carry `-run<k>`.
 */
import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { PasswordHasher } from '@marketplace/accounts';
import { APP_CONFIG, AppConfig } from '@marketplace/config';
import { completeSiret } from '@marketplace/providers';
import {
  aFrenchPhone,
  BID_MESSAGES,
  fillPlaceholders,
  FIRST_NAMES,
  FRENCH_CITIES,
  FrenchCity,
  jitterAround,
  LAST_NAMES,
  MISSION_CATEGORIES,
  MISSION_TEMPLATES,
  MissionTemplate,
  pick,
  pickWeighted,
  PROVIDER_HEADLINES,
  Random,
  SeedCategory,
  seededRandom,
  STREET_NAMES,
} from './french-catalogue';
import { formatDuration, ProgressBar } from './progress-bar';

export const SEED_PASSWORD = 'seed-password-123';
export const DEFAULT_MISSIONS = 1_000;
export const MAX_MISSIONS = 5_000_000;
const SEED_EMAIL_DOMAIN = 'seed.example';
const BASE_SEED = 20_240_601;
const BATCH_SIZE = 5_000;
/** Two batches in flight keep both cores of the target machine busy (PostgreSQL does most of the work). */
const BATCHES_IN_FLIGHT = 2;
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

const COMMENTS_ON_PROVIDERS: Record<'good' | 'mixed' | 'bad', readonly string[]> = {
  good: [
    'Rapide, soigneux et très sympathique. Je recommande !',
    'Travail impeccable, à l’heure et propre.',
    'Great job, would hire again.',
  ],
  mixed: ['Le travail est fait, mais avec du retard.', 'Correct, sans plus : quelques finitions à reprendre.'],
  bad: ['Arrivé avec deux heures de retard et travail bâclé.', 'Pas du tout le résultat attendu, déçu.'],
};
const COMMENTS_ON_CLIENTS: Record<'good' | 'mixed' | 'bad', readonly string[]> = {
  good: [
    'Client accueillant, consignes claires, paiement sans souci.',
    'Très bon contact, je reviendrai avec plaisir.',
    'Friendly and well organised.',
  ],
  mixed: ['Mission plus longue que décrite, mais client agréable.', 'Quelques changements de dernière minute.'],
  bad: ["L'accès au logement n'était pas prévu, deux heures perdues.", 'Description très éloignée de la réalité.'],
};
const REPLIES: readonly string[] = [
  'Merci beaucoup pour votre retour !',
  'Merci, au plaisir de retravailler ensemble.',
  'Désolé pour ce contretemps.',
];

const CANCELLATION_REASONS: readonly string[] = [
  "Finalement, je m'en occupe moi-même.",
  'Le projet est reporté à plus tard.',
  "J'ai trouvé quelqu'un par le bouche-à-oreille.",
  'Plans changed, sorry!',
];

export interface SeedOptions {
  missions: number;
}

const USAGE = `usage: seed [--missions N]   (N a whole number from 1 to ${MAX_MISSIONS.toLocaleString('en-US')}, default ${DEFAULT_MISSIONS})`;

/** `[]`, `['--missions', '500']` or `['--missions=500']`; anything else is a usage error. */
export function parseSeedArguments(args: readonly string[]): SeedOptions {
  if (args.length === 0) return { missions: DEFAULT_MISSIONS };
  const [flag, ...rest] = args[0].split('=');
  const value = rest.length > 0 ? rest.join('=') : args[1];
  const expected = rest.length > 0 ? 1 : 2;
  if (flag !== '--missions' || value === undefined || args.length !== expected || !/^\d+$/.test(value)) throw new Error(USAGE);
  const missions = Number(value);
  if (missions < 1 || missions > MAX_MISSIONS) throw new Error(USAGE);
  return { missions };
}

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
// Rows, as the tables want them (timestamps as ISO strings, enums as their names).

interface UserRow {
  id: string;
  email: string;
  passwordHash: string;
  displayName: string;
  phone: string | null;
  roles: string;
  createdAt: string;
}

interface ProviderProfileRow {
  userId: string;
  headline: string;
  bio: string | null;
  categories: string;
  city: string;
  postcode: string;
  latitude: number;
  longitude: number;
  radiusKm: number;
  hourlyRateCents: number | null;
  siret: string | null;
  createdAt: string;
}

interface IdentityVerificationRow {
  userId: string;
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

interface SeededProvider {
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

function aUser(random: Random, email: string, roles: string, passwordHash: string, createdAt: number): UserRow {
  const { first, last } = aPerson(random);
  return {
    id: randomUUID(),
    email,
    passwordHash,
    displayName: `${first} ${last}`,
    phone: chance(random, 0.4) ? aFrenchPhone(random) : null,
    roles,
    createdAt: iso(createdAt),
  };
}

/** Clients joined between 60 and 180 days ago, before any seeded mission. */
export function aClient(random: Random, index: number, run: number, passwordHash: string, now: number): UserRow {
  return aUser(random, seedEmail('client', index, run), 'CLIENT', passwordHash, now - (60 + random() * 120) * DAY_MS);
}

export interface ProviderSeed {
  user: UserRow;
  profile: ProviderProfileRow;
  verification: IdentityVerificationRow;
}

/** A provider with a profile near a weighted city and an identity a moderator approved, so they can bid. */
export function aProvider(random: Random, index: number, run: number, passwordHash: string, now: number): ProviderSeed {
  const joinedAt = now - (61 + random() * 300) * DAY_MS;
  const user = aUser(random, seedEmail('provider', index, run), 'CLIENT,PROVIDER', passwordHash, joinedAt);
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
      categories: categories.join(','),
      city: city.name,
      postcode: city.postcode,
      latitude: centre.latitude,
      longitude: centre.longitude,
      radiusKm,
      hourlyRateCents: chance(random, 0.6) ? roundTo(between(random, 1_500, 6_000), 100) : null,
      siret: chance(random, 0.5) ? aSiret(random) : null,
      createdAt: iso(joinedAt),
    },
    verification: {
      userId: user.id,
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
  return template.budgetCents ? (template.budgetCents[0] + template.budgetCents[1]) / 2 : DEFAULT_PRICE_CENTS;
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
 * its pending bids declined. bid_count counts the live (pending or accepted) bids. A COMPLETED
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
    template.budgetCents && chance(random, 0.7) ? clampAmount(roundTo(between(random, ...template.budgetCents), 500)) : null;
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
  mission: { id: string; clientId: string; providerId: string },
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

/** `make(1)` … `make(count)`, generated lazily in batches of BATCH_SIZE. */
function* inBatches<T>(count: number, make: (index: number) => T): Generator<T[]> {
  for (let start = 0; start < count; start += BATCH_SIZE) {
    const batch: T[] = [];
    for (let i = start; i < Math.min(count, start + BATCH_SIZE); i++) batch.push(make(i + 1));
    yield batch;
  }
}

// ---------------------------------------------------------------------------------------------
// Bulk writes: one INSERT … SELECT … FROM unnest(<one array per column>) per table and batch.

interface ColumnSource<Row> {
  type: string;
  from: (row: Row) => unknown;
  /** The SQL that turns the unnested value into the column's value, when it is not the value itself. */
  as?: string;
}

/** Columns computed in SQL from the others (e.g. the public point, exactly as its CHECK computes it). */
type DerivedColumns = Record<string, string>;

export interface BulkInsert<Row> {
  sql: string;
  params(rows: readonly Row[]): unknown[][];
}

export function bulkInsert<Row>(table: string, columns: Record<string, ColumnSource<Row>>, derived: DerivedColumns = {}): BulkInsert<Row> {
  const names = Object.keys(columns);
  const arrays = names.map((name, index) => `$${index + 1}::${columns[name].type}[]`);
  const targets = [...names, ...Object.keys(derived)];
  const values = [...names.map((name) => columns[name].as ?? `r.${name}`), ...Object.values(derived)];
  return {
    sql: `INSERT INTO ${table} (${targets.join(', ')}) SELECT ${values.join(', ')} FROM unnest(${arrays.join(', ')}) AS r(${names.join(', ')})`,
    params: (rows) => names.map((name) => rows.map(columns[name].from)),
  };
}

const USERS = bulkInsert<UserRow>(
  'users',
  {
    id: { type: 'uuid', from: (u) => u.id },
    email: { type: 'text', from: (u) => u.email },
    password_hash: { type: 'text', from: (u) => u.passwordHash },
    display_name: { type: 'text', from: (u) => u.displayName },
    phone: { type: 'text', from: (u) => u.phone },
    roles: { type: 'text', from: (u) => u.roles, as: `string_to_array(r.roles, ',')::user_role[]` },
    created_at: { type: 'timestamptz', from: (u) => u.createdAt },
  },
  { updated_at: 'r.created_at' },
);

const PROVIDER_PROFILES = bulkInsert<ProviderProfileRow>(
  'provider_profiles',
  {
    user_id: { type: 'uuid', from: (p) => p.userId },
    headline: { type: 'text', from: (p) => p.headline },
    bio: { type: 'text', from: (p) => p.bio },
    // A 2-D array would be flattened by unnest: categories travel as 'A,B' and are split in SQL.
    categories: { type: 'text', from: (p) => p.categories, as: `string_to_array(r.categories, ',')::mission_category[]` },
    city: { type: 'text', from: (p) => p.city },
    postcode: { type: 'text', from: (p) => p.postcode },
    latitude: { type: 'float8', from: (p) => p.latitude },
    longitude: { type: 'float8', from: (p) => p.longitude },
    radius_km: { type: 'int', from: (p) => p.radiusKm },
    hourly_rate_cents: { type: 'int', from: (p) => p.hourlyRateCents },
    siret: { type: 'text', from: (p) => p.siret },
    created_at: { type: 'timestamptz', from: (p) => p.createdAt },
  },
  { updated_at: 'r.created_at' },
);

const IDENTITY_VERIFICATIONS = bulkInsert<IdentityVerificationRow>(
  'identity_verifications',
  {
    user_id: { type: 'uuid', from: (v) => v.userId },
    legal_name: { type: 'text', from: (v) => v.legalName },
    date_of_birth: { type: 'date', from: (v) => v.dateOfBirth },
    submitted_at: { type: 'timestamptz', from: (v) => v.submittedAt },
    decided_at: { type: 'timestamptz', from: (v) => v.decidedAt },
  },
  { status: `'APPROVED'`, document_type: `'ID_CARD'` },
);

const MISSIONS = bulkInsert<MissionRow>(
  'missions',
  {
    id: { type: 'uuid', from: (m) => m.id },
    client_id: { type: 'uuid', from: (m) => m.clientId },
    title: { type: 'text', from: (m) => m.title },
    description: { type: 'text', from: (m) => m.description },
    category: { type: 'mission_category', from: (m) => m.category },
    status: { type: 'mission_status', from: (m) => m.status },
    address: { type: 'text', from: (m) => m.address },
    city: { type: 'text', from: (m) => m.city },
    postcode: { type: 'text', from: (m) => m.postcode },
    latitude: { type: 'float8', from: (m) => m.latitude },
    longitude: { type: 'float8', from: (m) => m.longitude },
    budget_cents: { type: 'int', from: (m) => m.budgetCents },
    preferred_start: { type: 'timestamptz', from: (m) => m.preferredStart },
    preferred_end: { type: 'timestamptz', from: (m) => m.preferredEnd },
    bid_count: { type: 'int', from: (m) => m.bidCount },
    assigned_provider_id: { type: 'uuid', from: (m) => m.assignedProviderId },
    accepted_bid_id: { type: 'uuid', from: (m) => m.acceptedBidId },
    delivered_at: { type: 'timestamptz', from: (m) => m.deliveredAt },
    completed_at: { type: 'timestamptz', from: (m) => m.completedAt },
    cancelled_at: { type: 'timestamptz', from: (m) => m.cancelledAt },
    cancellation_reason: { type: 'text', from: (m) => m.cancellationReason },
    created_at: { type: 'timestamptz', from: (m) => m.createdAt },
    updated_at: { type: 'timestamptz', from: (m) => m.updatedAt },
  },
  // The same expression as the missions_public_point CHECK, so the check holds exactly.
  { public_latitude: 'round(r.latitude::numeric, 2)::float8', public_longitude: 'round(r.longitude::numeric, 2)::float8' },
);

const BIDS = bulkInsert<BidRow>('bids', {
  id: { type: 'uuid', from: (b) => b.id },
  mission_id: { type: 'uuid', from: (b) => b.missionId },
  provider_id: { type: 'uuid', from: (b) => b.providerId },
  amount_cents: { type: 'int', from: (b) => b.amountCents },
  message: { type: 'text', from: (b) => b.message },
  estimated_hours: { type: 'float8', from: (b) => b.estimatedHours },
  status: { type: 'bid_status', from: (b) => b.status },
  created_at: { type: 'timestamptz', from: (b) => b.createdAt },
  updated_at: { type: 'timestamptz', from: (b) => b.updatedAt },
});

const RATINGS = bulkInsert<RatingRow>('ratings', {
  id: { type: 'uuid', from: (r) => r.id },
  mission_id: { type: 'uuid', from: (r) => r.missionId },
  author_id: { type: 'uuid', from: (r) => r.authorId },
  subject_id: { type: 'uuid', from: (r) => r.subjectId },
  role: { type: 'rating_role', from: (r) => r.role },
  score: { type: 'smallint', from: (r) => r.score },
  comment: { type: 'text', from: (r) => r.comment },
  reply: { type: 'text', from: (r) => r.reply },
  replied_at: { type: 'timestamptz', from: (r) => r.repliedAt },
  published_at: { type: 'timestamptz', from: (r) => r.publishedAt },
  created_at: { type: 'timestamptz', from: (r) => r.createdAt },
});

const REPUTATIONS = bulkInsert<ReputationRow>('reputations', {
  user_id: { type: 'uuid', from: (r) => r.userId },
  as_provider_count: { type: 'int', from: (r) => r.asProviderCount },
  as_provider_score_sum: { type: 'bigint', from: (r) => r.asProviderScoreSum },
  as_client_count: { type: 'int', from: (r) => r.asClientCount },
  as_client_score_sum: { type: 'bigint', from: (r) => r.asClientScoreSum },
});

async function write<Row>(runner: QueryRunner, insert: BulkInsert<Row>, rows: readonly Row[]): Promise<void> {
  if (rows.length > 0) await runner.query(insert.sql, insert.params(rows));
}

async function inTransaction(runner: QueryRunner, work: () => Promise<void>): Promise<void> {
  await runner.startTransaction();
  try {
    // Seed data can be regenerated: no need to wait for each batch's WAL flush.
    await runner.query('SET LOCAL synchronous_commit = off');
    await work();
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  }
}

/**
 * Writes each batch in its own transaction, on up to BATCHES_IN_FLIGHT connections: the next batch
 * is generated while PostgreSQL inserts the previous ones. Stops at the first failure.
 */
async function writeBatches<T>(
  db: DataSource,
  batches: Iterable<T[]>,
  writeBatch: (runner: QueryRunner, batch: T[]) => Promise<void>,
  progress: ProgressBar,
): Promise<void> {
  const runners = Array.from({ length: BATCHES_IN_FLIGHT }, () => db.createQueryRunner());
  const free = [...runners];
  const inFlight = new Set<Promise<QueryRunner>>();
  try {
    for (const batch of batches) {
      if (free.length === 0) free.push(await Promise.race(inFlight));
      const runner = free.pop()!;
      const task: Promise<QueryRunner> = inTransaction(runner, () => writeBatch(runner, batch)).then(() => {
        inFlight.delete(task);
        progress.advance(batch.length);
        return runner;
      });
      task.catch(() => undefined); // observed by the race or the final wait; this only silences the early warning
      inFlight.add(task);
    }
    await Promise.all(inFlight);
  } finally {
    await Promise.allSettled(inFlight);
    await Promise.all(runners.map((runner) => runner.release()));
  }
}

// ---------------------------------------------------------------------------------------------
// The command.

/** The next run number: 1 on an empty database, else one more than the highest seeded run. */
async function nextRun(db: DataSource): Promise<number> {
  const [row] = (await db.query(
    `SELECT max(coalesce(substring(email FROM '-run([0-9]+)@seed\\.example$')::int, 1)) AS run
       FROM users WHERE email LIKE '%@${SEED_EMAIL_DOMAIN}'`,
  )) as { run: number | null }[];
  return (row.run ?? 0) + 1;
}

export interface SeedSummary {
  run: number;
  clients: number;
  providers: number;
  missions: number;
  bids: number;
  ratings: number;
  reputations: number;
  missionsByStatus: Record<SeedMissionStatus, number>;
  elapsedMs: number;
}

/** What every step of one seeding run shares. */
interface SeedRun {
  db: DataSource;
  run: number;
  random: Random;
  passwordHash: string;
  now: number;
}

export async function seed(app: INestApplicationContext, options: SeedOptions): Promise<string> {
  const startedAt = performance.now();
  const db = app.get(DataSource);
  const plan = seedPlan(options.missions);
  const run = await nextRun(db);
  if (run > 1) process.stderr.write(`Seed data from earlier runs found: adding run ${run}, emails like ${seedEmail('client', 1, run)}\n`);
  // One argon2id hash for every seeded user: hashing each would take longer than all the inserts.
  const passwordHash = await app.get(PasswordHasher).hash(SEED_PASSWORD);
  const context: SeedRun = { db, run, random: seededRandom(BASE_SEED + run), passwordHash, now: Date.now() };
  const { ratingWindowDays, autoCompleteDays } = app.get<AppConfig>(APP_CONFIG);

  const users = new ProgressBar('users      ', plan.clients + plan.providers);
  const clientIds = await seedClients(context, plan.clients, users);
  const providers = await seedProviders(context, plan.providers, users);
  users.finish();
  const world = seedWorld(clientIds, providers, context.now, { ratingWindowDays, autoCompleteDays });
  const { missionsByStatus, bids, ratings, reputations } = await seedMissions(context, world, plan.missions);
  await seedReputations(context, reputations);

  process.stderr.write('Updating planner statistics (ANALYZE)…\n');
  await db.query('ANALYZE users, provider_profiles, identity_verifications, missions, bids, ratings, reputations');
  return summarize({
    ...plan,
    run,
    bids,
    ratings,
    reputations: reputations.length,
    missionsByStatus,
    elapsedMs: performance.now() - startedAt,
  });
}

async function seedClients({ db, random, run, passwordHash, now }: SeedRun, count: number, progress: ProgressBar): Promise<string[]> {
  const ids: string[] = [];
  const clients = inBatches(count, (index) => aClient(random, index, run, passwordHash, now));
  const remember = (batch: UserRow[]) => ids.push(...batch.map((user) => user.id));
  await writeBatches(db, tap(clients, remember), (runner, batch) => write(runner, USERS, batch), progress);
  return ids;
}

async function seedProviders(
  { db, random, run, passwordHash, now }: SeedRun,
  count: number,
  progress: ProgressBar,
): Promise<SeededProvider[]> {
  const seeded: SeededProvider[] = [];
  const providers = inBatches(count, (index) => aProvider(random, index, run, passwordHash, now));
  const remember = (batch: ProviderSeed[]) => seeded.push(...batch.map((p) => ({ id: p.user.id, city: p.profile.city })));
  const writeProviders = async (runner: QueryRunner, batch: ProviderSeed[]) => {
    const [users, profiles, verifications] = [batch.map((p) => p.user), batch.map((p) => p.profile), batch.map((p) => p.verification)];
    await write(runner, USERS, users);
    await write(runner, PROVIDER_PROFILES, profiles);
    await write(runner, IDENTITY_VERIFICATIONS, verifications);
  };
  await writeBatches(db, tap(providers, remember), writeProviders, progress);
  return seeded;
}

interface SeededMissions {
  missionsByStatus: Record<SeedMissionStatus, number>;
  bids: number;
  ratings: number;
  /** What the ratings add up to, per rated user of this run. */
  reputations: ReputationRow[];
}

async function seedMissions({ db, random }: SeedRun, world: SeedWorld, count: number): Promise<SeededMissions> {
  const missionsByStatus: Record<SeedMissionStatus, number> = { OPEN: 0, ASSIGNED: 0, COMPLETED: 0, CANCELLED: 0 };
  const reputations = new Map<string, ReputationRow>();
  let bids = 0;
  let ratings = 0;
  const tally = (batch: MissionSeed[]) => {
    for (const seeded of batch) {
      missionsByStatus[seeded.mission.status]++;
      bids += seeded.bids.length;
      ratings += seeded.ratings.length;
      countInReputations(reputations, seeded.ratings);
    }
  };
  const writeMissions = async (runner: QueryRunner, batch: MissionSeed[]) => {
    const [missions, missionBids, missionRatings] = [
      batch.map((s) => s.mission),
      batch.flatMap((s) => s.bids),
      batch.flatMap((s) => s.ratings),
    ];
    await write(runner, MISSIONS, missions);
    await write(runner, BIDS, missionBids);
    await write(runner, RATINGS, missionRatings);
  };
  const progress = new ProgressBar('missions   ', count);
  const missions = inBatches(count, () => aMission(random, world));
  await writeBatches(db, tap(missions, tally), writeMissions, progress);
  progress.finish();
  return { missionsByStatus, bids, ratings, reputations: [...reputations.values()] };
}

/**
 * The reputations of this run's rated users (all new, so plain inserts), then a check over the whole
 * database that every reputation equals the published, not hidden ratings its user received.
 */
async function seedReputations({ db }: SeedRun, reputations: ReputationRow[]): Promise<void> {
  const progress = new ProgressBar('reputations', reputations.length);
  const batches = inBatches(reputations.length, (index) => reputations[index - 1]);
  await writeBatches(db, batches, (runner, batch) => write(runner, REPUTATIONS, batch), progress);
  progress.finish();
  const [{ mismatched }] = (await db.query(REPUTATIONS_MISMATCHED)) as { mismatched: number }[];
  if (mismatched > 0) throw new Error(`${mismatched} reputation(s) do not match the published ratings their users received.`);
}

const REPUTATIONS_MISMATCHED = `
  WITH received AS (
    SELECT subject_id AS user_id,
           count(*) FILTER (WHERE role = 'PROVIDER') AS as_provider_count,
           coalesce(sum(score) FILTER (WHERE role = 'PROVIDER'), 0) AS as_provider_score_sum,
           count(*) FILTER (WHERE role = 'CLIENT') AS as_client_count,
           coalesce(sum(score) FILTER (WHERE role = 'CLIENT'), 0) AS as_client_score_sum
      FROM ratings WHERE published_at IS NOT NULL AND hidden_at IS NULL GROUP BY subject_id)
  SELECT count(*)::int AS mismatched
    FROM received FULL JOIN reputations r USING (user_id)
   WHERE (coalesce(received.as_provider_count, 0), coalesce(received.as_provider_score_sum, 0),
          coalesce(received.as_client_count, 0), coalesce(received.as_client_score_sum, 0))
         IS DISTINCT FROM
         (coalesce(r.as_provider_count, 0), coalesce(r.as_provider_score_sum, 0), coalesce(r.as_client_count, 0), coalesce(r.as_client_score_sum, 0))`;

/** Lets the caller see each batch as it is generated (to keep ids), before it is written. */
function* tap<T>(batches: Iterable<T[]>, see: (batch: T[]) => void): Generator<T[]> {
  for (const batch of batches) {
    see(batch);
    yield batch;
  }
}

export function summarize(summary: SeedSummary): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const statuses = Object.entries(summary.missionsByStatus)
    .map(([status, total]) => `${n(total)} ${status.toLowerCase()}`)
    .join(', ');
  return [
    `Seeded run ${summary.run} in ${formatDuration(summary.elapsedMs)} (${(summary.elapsedMs / 1000).toFixed(1)} s)` +
      (summary.run > 1 ? `; earlier seed data was kept and this run's emails end in -run${summary.run}:` : ':'),
    `  users     ${n(summary.clients + summary.providers)} (${n(summary.clients)} clients, ${n(summary.providers)} providers with an approved identity)`,
    `  missions  ${n(summary.missions)} (${statuses})`,
    `  bids      ${n(summary.bids)}`,
    `  ratings   ${n(summary.ratings)} (published; ${n(summary.reputations)} users with a reputation)`,
    `Log in as ${seedEmail('client', 1, summary.run)} or ${seedEmail('provider', 1, summary.run)}, password: ${SEED_PASSWORD}`,
  ].join('\n');
}
