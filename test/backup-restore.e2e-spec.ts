/**
 * `npm run cli -- backup` and `restore` on an embedded PostgreSQL of the test's own (its own data
 * directory and port, our migrations, a paid and completed mission with its ledger), while rows keep
 * being written: the restored cluster, started by a new server, holds the same rows, the same books
 * and the same migrations, and of the rows written during the backup an unbroken run from the first.
 * A backup with one byte changed is refused, as are a running server's data directory (or any
 * directory holding something) and an external DATABASE_URL.
 */
import { readOrCreateLocalSecrets } from '@marketplace/config';
import { restoreCluster } from '@marketplace/platform';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { withClient } from '../bench/database';
import { createTemplateDatabase } from './support/global-setup';
import { aCompletedMission } from './support/payments.builders';
import { buildWhenStale, freePort, PostgresProcess, startPostgresProcess } from './support/processes';
import { outputOf } from './support/running-api';
import { TestApp } from './support/test-app';
import { TestDatabaseServer } from './support/test-database';

const ROOT = join(__dirname, '..');

/** `npm run cli -- <args>` (the built CLI) with `env`. */
function cli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['dist/apps/cli/src/main.js', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return outputOf(child);
}

/**
 * Every logged table of the public schema but `except`, each as a digest of its rows in order.
 * Unlogged tables (the rate-limit counters) come back empty from any recovery, by design.
 */
async function tableDigests(url: string, except: string): Promise<Record<string, string>> {
  return withClient(url, async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND relpersistence = 'p' AND relname <> $1 ORDER BY 1`,
      [except],
    );
    const digests: Record<string, string> = {};
    for (const { name } of tables) {
      const table = client.escapeIdentifier(name);
      const { rows } = await client.query<{ digest: string }>(
        `SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${table} t`,
      );
      digests[name] = rows[0].digest;
    }
    return digests;
  });
}

const BALANCES = `SELECT account, sum(amount_cents)::int AS total FROM ledger_entries GROUP BY account ORDER BY account`;
const UNBALANCED_MOVEMENTS = `SELECT payment_id, movement, reference FROM ledger_entries GROUP BY 1, 2, 3 HAVING sum(amount_cents) <> 0`;

describe('backup and restore of the embedded PostgreSQL (npm run cli -- backup / restore)', () => {
  let work: string;
  let dataDir: string;
  let server: PostgresProcess;
  let app: TestApp;
  let databaseUrl: string;
  let env: NodeJS.ProcessEnv;
  let password: string;
  const backupDir = () => join(work, 'backup');

  beforeAll(async () => {
    buildWhenStale();
    work = mkdtempSync(join(tmpdir(), 'marketplace-backup-test-'));
    // Run as root, the server runs as the postgres user, which must reach the data directories inside.
    chmodSync(work, 0o755);
    dataDir = join(work, 'data');
    password = readOrCreateLocalSecrets(dataDir).embeddedPostgresPassword;
    const port = await freePort();
    server = await startPostgresProcess({
      dataDir: join(dataDir, 'postgres'),
      port,
      database: 'marketplace',
      password,
      unsafeFastWrites: true,
    });
    const databaseServer = new TestDatabaseServer(server.adminUrl);
    await createTemplateDatabase(databaseServer);
    app = await TestApp.start({}, { databaseServer });
    databaseUrl = (app.dataSource.options as { url: string }).url;
    await aCompletedMission(app);
    await app.runJobs();
    await app.dataSource.query('CREATE TABLE backup_probe (n integer PRIMARY KEY)');
    env = { DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(port) };
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('backs up while rows are written, restores into a new data directory, and a server on it holds the same data', async () => {
    // Rows 1, 2, 3… each committed on its own, with WAL segment switches, until the backup is done.
    const writer = new Client({ connectionString: databaseUrl });
    await writer.connect();
    let committed = 0;
    let writing = true;
    const writes = (async () => {
      let switches = 0;
      while (writing) {
        await writer.query('INSERT INTO backup_probe (n) VALUES ($1)', [committed + 1]);
        committed++;
        // Twice once the backup holds its slot, so that the WAL it copies usually spans several segments.
        if (committed % 20 === 0 && switches < 2) {
          const { rowCount } = await writer.query(`SELECT 1 FROM pg_replication_slots WHERE slot_name LIKE 'marketplace_backup_%'`);
          if (rowCount) switches += (await writer.query('SELECT pg_switch_wal()')).rowCount ?? 0;
        }
      }
    })();
    while (committed < 30) await new Promise((resolve) => setTimeout(resolve, 5));
    const committedBefore = committed;
    const backedUp = await cli(env, 'backup', backupDir());
    writing = false;
    await writes;
    await writer.end();
    expect(backedUp).toMatchObject({ code: 0, output: expect.stringMatching(/Backed up PostgreSQL 18\.\d+ into .*WAL from/) });
    const committedAfter = committed;
    expect(committedAfter).toBeGreaterThan(committedBefore);

    const manifest = JSON.parse(readFileSync(join(backupDir(), 'manifest.json'), 'utf8'));
    expect(manifest.server.version).toMatch(/^18\./);
    expect(manifest.wal.segments.length).toBeGreaterThanOrEqual(1);
    for (const segment of manifest.wal.segments)
      expect(manifest.files).toContainEqual(expect.objectContaining({ path: `pg_wal/${segment}` }));
    expect(manifest.files.map(({ path }: { path: string }) => path)).toEqual(
      expect.arrayContaining(['backup_label', 'PG_VERSION', 'global/pg_control']),
    );
    expect(manifest.files.map(({ path }: { path: string }) => path)).not.toContain('postmaster.pid');

    const restoredDir = join(work, 'restored', 'postgres');
    const restoring = await cli(env, 'restore', backupDir(), '--into', restoredDir);
    expect(restoring).toMatchObject({ code: 0, output: expect.stringContaining(`into ${restoredDir}`) });
    const restored = await startPostgresProcess({ dataDir: restoredDir, port: await freePort(), database: 'marketplace', password });
    try {
      const database = new URL(databaseUrl).pathname;
      const restoredUrl = Object.assign(new URL(restored.adminUrl), { pathname: database }).toString();
      const digests = await tableDigests(databaseUrl, 'backup_probe');
      expect(Object.keys(digests)).toEqual(expect.arrayContaining(['migrations', 'missions', 'payments', 'ledger_entries', 'users']));
      expect(await tableDigests(restoredUrl, 'backup_probe')).toEqual(digests);
      const books = await withClient(databaseUrl, (client) => client.query(BALANCES));
      expect(books.rows.length).toBeGreaterThan(0);
      await withClient(restoredUrl, async (client) => {
        expect((await client.query(BALANCES)).rows).toEqual(books.rows);
        expect((await client.query(UNBALANCED_MOVEMENTS)).rows).toEqual([]);
        expect((await client.query(`SELECT count(*)::int AS n FROM missions WHERE status = 'COMPLETED'`)).rows[0].n).toBe(1);
        // What was committed before the backup began is there; of the rest, an unbroken run from the first.
        const { rows } = await client.query<{ n: number; highest: number }>(
          'SELECT count(*)::int AS n, coalesce(max(n), 0) AS highest FROM backup_probe',
        );
        expect(rows[0].n).toBe(rows[0].highest);
        expect(rows[0].n).toBeGreaterThanOrEqual(committedBefore);
        expect(rows[0].n).toBeLessThanOrEqual(committedAfter);
      });
    } finally {
      await restored.stop();
    }
  }, 120_000);

  it("refuses the running server's data directory, and a backup with one byte changed, naming the file; writes nothing", async () => {
    await expect(restoreCluster(backupDir(), join(dataDir, 'postgres'))).rejects.toThrow(
      /PostgreSQL \(pid \d+, port \d+\) is running on .*restore never overwrites a data directory/,
    );
    const occupied = join(work, 'occupied');
    mkdirSync(occupied);
    writeFileSync(join(occupied, 'notes.txt'), 'kept');
    await expect(restoreCluster(backupDir(), occupied)).rejects.toThrow(/is not empty: move it aside first/);

    const manifest = JSON.parse(readFileSync(join(backupDir(), 'manifest.json'), 'utf8'));
    const { path } = manifest.files.find((file: { path: string; size: number }) => file.path.startsWith('base/') && file.size >= 8192);
    const file = join(backupDir(), 'data', path);
    const bytes = readFileSync(file);
    bytes[4000] ^= 0xff;
    writeFileSync(file, bytes);
    const target = join(work, 'tampered', 'postgres');
    const refusal = restoreCluster(backupDir(), target);
    await expect(refusal).rejects.toThrow('does not match its manifest; nothing was restored');
    await expect(refusal).rejects.toThrow(`${path} differs from the manifest`);
    expect(existsSync(target)).toBe(false);
  });

  it('sends an external DATABASE_URL to its own server tools, exit 1, nothing written', async () => {
    const target = join(work, 'external-backup');
    const refused = await cli({ ...env, DATABASE_URL: 'postgres://someone@127.0.0.1:1/marketplace' }, 'backup', target);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/DATABASE_URL is set: .*pg_basebackup, or pg_dump and pg_restore/);
    expect(existsSync(target)).toBe(false);
  });
});
