/**
 * `npm run cli -- seed`: the demo data it writes is served by the API as any other, and it writes
 * every table through its entity's metadata, so the seeder holds no copy of the schema.
 */
import { User } from '@marketplace/accounts';
import { Bid } from '@marketplace/bids';
import { IdentityVerification } from '@marketplace/identity';
import { Mission } from '@marketplace/missions';
import { ProviderProfile } from '@marketplace/providers';
import { Rating, Reputation } from '@marketplace/ratings';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ObjectLiteral } from 'typeorm';
import { insertRows } from '../apps/cli/src/seed/bulk-insert';
import { aClient, aMission, aProvider, countInReputations, MissionSeed, ReputationRow, seedWorld } from '../apps/cli/src/seed/generation';
import { seededRandom } from '../apps/cli/src/seed/random';
import { seed, SEED_PASSWORD } from '../apps/cli/src/seed/seeder';
import { TestApp } from './support/test-app';

const SEEDED_ENTITIES = [User, ProviderProfile, IdentityVerification, Mission, Bid, Rating, Reputation];
const SEED_DIR = join(__dirname, '../apps/cli/src/seed');

const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`;
const ME = `{ me { isIdentityVerified providerProfile { categories serviceArea { city radiusKm } } } }`;
const NEAR_PARIS = `{ missions(filter: { near: { latitude: 48.8566, longitude: 2.3522 }, radiusKm: 30 }, first: 5) {
  edges { node { id title location { city latitude longitude } client { displayName } } } } }`;

describe('the seeder', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  it('seeds users, missions, bids and ratings the API serves, and a second run beside the first', async () => {
    expect(await seed(app.app, { missions: 300 })).toContain('missions  300');
    expect(await app.count('missions')).toBe(300);

    const login = await app.graphql(LOGIN, { input: { email: 'provider-1@seed.example', password: SEED_PASSWORD } });
    expect(login.errors).toBeUndefined();
    const me = (await app.graphql(ME, {}, login.data!.login.accessToken)).data!.me;
    expect(me.isIdentityVerified).toBe(true);
    expect(me.providerProfile.categories.length).toBeGreaterThanOrEqual(1);
    expect(me.providerProfile.serviceArea.radiusKm).toBeGreaterThanOrEqual(10);
    const near = await app.graphql(NEAR_PARIS);
    expect(near.errors).toBeUndefined();
    expect(near.data!.missions.edges.length).toBeGreaterThan(0);

    expect(await seed(app.app, { missions: 20 })).toContain('client-1-run2@seed.example');
    expect(await app.count('missions')).toBe(320);
  });

  it('writes each property of a row into the column its entity reads it from', async () => {
    const now = Date.now();
    const random = seededRandom(3);
    const client = { ...aClient(random, 1, 1, 'hash', now), email: 'roundtrip-client@example.com' };
    const provider = aProvider(random, 1, 1, 'hash', now);
    provider.user.email = 'roundtrip-provider@example.com';
    const world = seedWorld([client.id], [{ id: provider.user.id, city: provider.profile.city }], now, {
      ratingWindowDays: 14,
      autoCompleteDays: 7,
    });
    let completed: MissionSeed;
    do completed = aMission(random, world);
    while (completed.mission.status !== 'COMPLETED' || completed.ratings.length === 0);
    const reputations = new Map<string, ReputationRow>();
    countInReputations(reputations, completed.ratings);

    // Each entity, the rows written, and the property that finds one again.
    const written: [Function, ObjectLiteral[], string][] = [
      [User, [client, provider.user], 'id'],
      [ProviderProfile, [provider.profile], 'userId'],
      [IdentityVerification, [provider.verification], 'userId'],
      [Mission, [completed.mission], 'id'],
      [Bid, completed.bids, 'id'],
      [Rating, completed.ratings, 'id'],
      [Reputation, [...reputations.values()], 'userId'],
    ];
    const runner = app.dataSource.createQueryRunner();
    try {
      for (const [entity, rows] of written) await insertRows(runner, entity, rows);
    } finally {
      await runner.release();
    }

    for (const [entity, rows, key] of written) {
      for (const row of rows) {
        const stored = await app.dataSource.getRepository(entity).findOneByOrFail({ [key]: row[key] });
        // The password hash is never loaded (select: false).
        const loaded = Object.fromEntries(Object.entries(row).filter(([property]) => property !== 'passwordHash'));
        expect(JSON.parse(JSON.stringify(stored))).toMatchObject(loaded);
      }
    }
  });

  it('refuses a row property that no column of the entity holds, and writes nothing', async () => {
    const runner = app.dataSource.createQueryRunner();
    const before = await app.count('missions');
    try {
      await expect(insertRows(runner, Mission, [{ nickname: 'Monter une armoire' }])).rejects.toThrow(
        'Mission has no column to write nickname into',
      );
    } finally {
      await runner.release();
    }
    expect(await app.count('missions')).toBe(before);
  });

  it('keeps no copy of the schema: no column name of the tables it writes appears in its code', () => {
    const columnNames = SEEDED_ENTITIES.flatMap((entity) => app.dataSource.getMetadata(entity).columns)
      .map(({ databaseName, propertyName }) => (databaseName === propertyName ? null : databaseName))
      .filter((name): name is string => name !== null);
    const code = readdirSync(SEED_DIR)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
      .map((file) => readFileSync(join(SEED_DIR, file), 'utf8'))
      .join('\n');
    expect([...new Set(columnNames)].filter((name) => new RegExp(`\\b${name}\\b`).test(code))).toEqual([]);
  });
});
