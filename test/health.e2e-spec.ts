/**
 * The health routes as orchestrators use them: `/health/live` for restarts, `/health/ready` for
 * traffic (database, migrations of this build, draining), `/health` as before. A release whose
 * migrations have not run yet is not ready until `npm run cli -- migrate` applied them.
 */
import request from 'supertest';
import { migrate } from '../apps/cli/src/commands';
import { Draining } from '../apps/api/src/draining';
import { TestApp } from './support/test-app';

describe('health', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  it('is live and ready on a migrated database, and /health answers as it always did', async () => {
    const live = await request(app.http).get('/health/live').expect(200);
    expect(live.body).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number) });
    const ready = await request(app.http).get('/health/ready').expect(200);
    expect(ready.body).toEqual({
      status: 'ready',
      database: { status: 'up', latencyMs: expect.any(Number) },
      migrations: { status: 'applied' },
    });
    expect((await request(app.http).get('/health').expect(200)).body).toMatchObject({ status: 'ok', database: { status: 'up' } });
  });

  it('is live but not ready while a migration of this build is missing, and ready once the release command applied it', async () => {
    // The database as the previous release left it: the newest migration undone.
    const newest = app.dataSource.migrations.at(-1)!.name!;
    await app.dataSource.undoLastMigration({ transaction: 'each' });
    // A replica of the new release, started without migrating (MIGRATE_ON_START=false).
    await app.restart({ operations: { ...app.config.operations, migrateOnStart: false } });

    const waiting = await request(app.http).get('/health/ready').expect(503);
    expect(waiting.body).toMatchObject({
      status: 'not_ready',
      database: { status: 'up' },
      migrations: { status: 'pending', pending: [newest] },
    });
    await request(app.http).get('/health/live').expect(200);

    const context = { config: app.config, stripe: {} };
    expect(await migrate(app.app, context)).toBe(`Applied 1 migration(s), oldest first:\n  ${newest}`);
    expect(await migrate(app.app, context)).toMatch(/^No pending migration: the database has all \d+ of this build\.$/);
    expect((await request(app.http).get('/health/ready').expect(200)).body.migrations).toEqual({ status: 'applied' });
  });

  it('is not ready while draining for a shutdown, and still live', async () => {
    app.app.get(Draining).begin();
    expect((await request(app.http).get('/health/ready').expect(503)).body.status).toBe('draining');
    await request(app.http).get('/health/live').expect(200);
    expect((await request(app.http).get('/health').expect(503)).body.status).toBe('draining');
  });
});
