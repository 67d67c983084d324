import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { runMigrations } from 'graphile-worker';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from '../../libs/platform/src/embedded-postgres';
import { SnakeNamingStrategy } from '../../libs/database/src/snake-naming.strategy';
import { migrations } from '../../migrations';
import { TEMPLATE_DATABASE, TestDatabaseServer } from './test-database';

declare global {
  var testDatabaseServer: { stop(): Promise<void>; dataDir: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL ?? (await startThrowAwayPostgres());
  process.env.TEST_DATABASE_ADMIN_URL = adminUrl;
  await createTemplateDatabase(new TestDatabaseServer(adminUrl));
}

/** A PostgreSQL cluster for this run only, in a temporary directory on a free port. */
async function startThrowAwayPostgres(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'marketplace-test-pg-'));
  const server = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    database: 'postgres',
    password: randomBytes(18).toString('base64url'),
    unsafeFastWrites: true,
  });
  globalThis.testDatabaseServer = { stop: () => server.stop(), dataDir };
  return server.adminUrl;
}

/** The migrated template each test file's database is cloned from (TestDatabaseServer.cloneTemplate), on `server`. */
export async function createTemplateDatabase(server: TestDatabaseServer): Promise<void> {
  await server.recreate(TEMPLATE_DATABASE);
  const url = server.urlOf(TEMPLATE_DATABASE);
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    migrations,
    namingStrategy: new SnakeNamingStrategy(),
    migrationsTransactionMode: 'each',
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
  await runMigrations({ connectionString: url });
  // A template must have no open connections when it is cloned.
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.end();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
