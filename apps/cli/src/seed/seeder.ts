/**
 * `npm run cli -- seed [--missions N]`: plausible French demo and benchmark data (clients, verified
 * providers, missions over France, bids, ratings and reputations), fast enough for a million missions
 * on a small machine.
 *
 * It writes with bulk SQL rather than through the services: rows are generated in JS by
 * generation.ts from the data in data/ (ids included, so missions and bids reference each other
 * without round trips) and sent in batches of 5,000 by bulk-insert.ts, one transaction per batch,
 * two batches in flight. The database still checks every constraint, and each user's reputation is
 * checked at the end against the published ratings they received.
 *
 * Data is deterministic for a given run number (the random source is seeded); ids and times are not.
 * Running it again adds a new run beside the previous ones: its emails carry `-run<k>`.
 */
import { PasswordHasher, User } from '@marketplace/accounts';
import { Bid } from '@marketplace/bids';
import { APP_CONFIG, AppConfig } from '@marketplace/config';
import { IdentityVerification } from '@marketplace/identity';
import { Mission } from '@marketplace/missions';
import { ProviderProfile } from '@marketplace/providers';
import { Rating, RatingRole, Reputation } from '@marketplace/ratings';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { insertRows } from './bulk-insert';
import {
  aClient,
  aMission,
  aProvider,
  countInReputations,
  MissionSeed,
  ProviderSeed,
  ReputationRow,
  SEED_EMAIL_DOMAIN,
  SeededProvider,
  SeedMissionStatus,
  seedEmail,
  seedPlan,
  seedWorld,
  SeedWorld,
  UserRow,
} from './generation';
import { SingleBar } from 'cli-progress';
import { startProgress } from './progress';
import { Random, seededRandom } from './random';

export const SEED_PASSWORD = 'seed-password-123';
/** The tables the seeder writes, each through its entity. */
const SEEDED_ENTITIES = [User, ProviderProfile, IdentityVerification, Mission, Bid, Rating, Reputation];
const BASE_SEED = 20_240_601;
const BATCH_SIZE = 5_000;
/** Two batches in flight keep both cores of the target machine busy (PostgreSQL does most of the work). */
const BATCHES_IN_FLIGHT = 2;

export interface SeedOptions {
  missions: number;
}

/** `make(1)` … `make(count)`, generated lazily in batches of BATCH_SIZE. */
function* inBatches<T>(count: number, make: (index: number) => T): Generator<T[]> {
  for (let start = 0; start < count; start += BATCH_SIZE) {
    const batch: T[] = [];
    for (let i = start; i < Math.min(count, start + BATCH_SIZE); i++) batch.push(make(i + 1));
    yield batch;
  }
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
  progress: SingleBar,
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
        progress.increment(batch.length);
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
  const row = await db
    .getRepository(User)
    .createQueryBuilder('user')
    .select(`max(coalesce(substring(user.email FROM '-run([0-9]+)@seed\\.example$')::int, 1))`, 'run')
    .where('user.email LIKE :seeded', { seeded: `%@${SEED_EMAIL_DOMAIN}` })
    .getRawOne<{ run: number | null }>();
  return (row?.run ?? 0) + 1;
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

  const users = startProgress('users      ', plan.clients + plan.providers);
  const clientIds = await seedClients(context, plan.clients, users);
  const providers = await seedProviders(context, plan.providers, users);
  users.stop();
  const world = seedWorld(clientIds, providers, context.now, { ratingWindowDays, autoCompleteDays });
  const { missionsByStatus, bids, ratings, reputations } = await seedMissions(context, world, plan.missions);
  await seedReputations(context, reputations);

  process.stderr.write('Updating planner statistics (ANALYZE)…\n');
  await db.query(`ANALYZE ${SEEDED_ENTITIES.map((entity) => `"${db.getMetadata(entity).tableName}"`).join(', ')}`);
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

async function seedClients({ db, random, run, passwordHash, now }: SeedRun, count: number, progress: SingleBar): Promise<string[]> {
  const ids: string[] = [];
  const clients = inBatches(count, (index) => aClient(random, index, run, passwordHash, now));
  const remember = (batch: UserRow[]) => ids.push(...batch.map((user) => user.id));
  await writeBatches(db, tap(clients, remember), (runner, batch) => insertRows(runner, User, batch), progress);
  return ids;
}

async function seedProviders(
  { db, random, run, passwordHash, now }: SeedRun,
  count: number,
  progress: SingleBar,
): Promise<SeededProvider[]> {
  const seeded: SeededProvider[] = [];
  const providers = inBatches(count, (index) => aProvider(random, index, run, passwordHash, now));
  const remember = (batch: ProviderSeed[]) => seeded.push(...batch.map((p) => ({ id: p.user.id, city: p.profile.city })));
  const writeProviders = async (runner: QueryRunner, batch: ProviderSeed[]) => {
    const [users, profiles, verifications] = [batch.map((p) => p.user), batch.map((p) => p.profile), batch.map((p) => p.verification)];
    await insertRows(runner, User, users);
    await insertRows(runner, ProviderProfile, profiles);
    await insertRows(runner, IdentityVerification, verifications);
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
    await insertRows(runner, Mission, missions);
    await insertRows(runner, Bid, missionBids);
    await insertRows(runner, Rating, missionRatings);
  };
  const progress = startProgress('missions   ', count);
  const missions = inBatches(count, () => aMission(random, world));
  await writeBatches(db, tap(missions, tally), writeMissions, progress);
  progress.stop();
  return { missionsByStatus, bids, ratings, reputations: [...reputations.values()] };
}

/**
 * The reputations of this run's rated users (all new, so plain inserts), then a check over the whole
 * database that every reputation equals the published, not hidden ratings its user received.
 */
async function seedReputations({ db }: SeedRun, reputations: ReputationRow[]): Promise<void> {
  const progress = startProgress('reputations', reputations.length);
  const batches = inBatches(reputations.length, (index) => reputations[index - 1]);
  await writeBatches(db, batches, (runner, batch) => insertRows(runner, Reputation, batch), progress);
  progress.stop();
  const mismatched = await countMismatchedReputations(db);
  if (mismatched > 0) throw new Error(`${mismatched} reputation(s) do not match the published ratings their users received.`);
}

/** Every user's reputation against the published, not hidden ratings they received, over the whole database. */
async function countMismatchedReputations(db: DataSource): Promise<number> {
  const received = await db
    .getRepository(Rating)
    .createQueryBuilder('rating')
    .select('rating.subjectId', 'userId')
    .addSelect('(count(*) FILTER (WHERE rating.role = :provider))::int', 'asProviderCount')
    .addSelect('(coalesce(sum(rating.score) FILTER (WHERE rating.role = :provider), 0))::int', 'asProviderScoreSum')
    .addSelect('(count(*) FILTER (WHERE rating.role = :client))::int', 'asClientCount')
    .addSelect('(coalesce(sum(rating.score) FILTER (WHERE rating.role = :client), 0))::int', 'asClientScoreSum')
    .where('rating.publishedAt IS NOT NULL AND rating.hiddenAt IS NULL')
    .groupBy('rating.subjectId')
    .setParameters({ provider: RatingRole.PROVIDER, client: RatingRole.CLIENT })
    .getRawMany<ReputationRow>();
  const expected = new Map(received.map((row) => [row.userId, row]));
  const zero = { asProviderCount: 0, asProviderScoreSum: 0, asClientCount: 0, asClientScoreSum: 0 };
  const figures = ({ asProviderCount, asProviderScoreSum, asClientCount, asClientScoreSum }: Omit<ReputationRow, 'userId'>) =>
    `${asProviderCount}/${asProviderScoreSum}/${asClientCount}/${asClientScoreSum}`;
  let mismatched = 0;
  for (const reputation of await db.getRepository(Reputation).find()) {
    if (figures(reputation) !== figures(expected.get(reputation.userId) ?? zero)) mismatched++;
    expected.delete(reputation.userId);
  }
  return mismatched + expected.size;
}

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
    `Seeded run ${summary.run} in ${(summary.elapsedMs / 1000).toFixed(1)} s` +
      (summary.run > 1 ? `; earlier seed data was kept and this run's emails end in -run${summary.run}:` : ':'),
    `  users     ${n(summary.clients + summary.providers)} (${n(summary.clients)} clients, ${n(summary.providers)} providers with an approved identity)`,
    `  missions  ${n(summary.missions)} (${statuses})`,
    `  bids      ${n(summary.bids)}`,
    `  ratings   ${n(summary.ratings)} (published; ${n(summary.reputations)} users with a reputation)`,
    `Log in as ${seedEmail('client', 1, summary.run)} or ${seedEmail('provider', 1, summary.run)}, password: ${SEED_PASSWORD}`,
  ].join('\n');
}
