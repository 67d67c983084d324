/**
 * The bench's own embedded PostgreSQL (data under `.data/bench/`, apart from the developer's), tuned
 * for a database of a million missions, and the seeding step: the CLI's seeder, run only when the
 * database holds fewer missions than wanted.
 */
import { readOrCreateLocalSecrets } from '@marketplace/config';
import { RunningPostgres, startEmbeddedPostgres } from '@marketplace/platform';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import type { BenchOptions } from './options';
import type { BenchReport } from './report';

/**
 * Settings for a dedicated database server on this machine (24 GB of RAM, 2 cores): the whole database
 * (about 2.5 GB at a million missions) fits in shared buffers, as a production server's working set
 * would. Applied with ALTER SYSTEM (kept in the bench's data directory, postgresql.auto.conf) since
 * `startEmbeddedPostgres` takes no server settings. Durability is untouched: commits wait for the WAL flush.
 */
export const SERVER_SETTINGS: Record<string, string> = {
  shared_buffers: '4GB',
  effective_cache_size: '12GB',
  maintenance_work_mem: '256MB',
  // Seeding writes a few GB of WAL: fewer forced checkpoints.
  max_wal_size: '8GB',
  checkpoint_timeout: '15min',
};

export interface BenchDatabase {
  url: string;
  /** Its data directory (where postmaster.pid is). */
  dataDir: string;
  stop(): Promise<void>;
}

export async function startBenchDatabase(dataDir: string, port: number): Promise<BenchDatabase> {
  const postgresDir = join(dataDir, 'postgres');
  const password = readOrCreateLocalSecrets(dataDir).embeddedPostgresPassword;
  const start = () => startEmbeddedPostgres({ dataDir: postgresDir, port, database: 'marketplace', password });
  let server: RunningPostgres = await start();
  if (await applySettings(server.adminUrl)) {
    // shared_buffers only changes with a restart.
    await server.stop();
    server = await start();
  }
  return { url: server.url, dataDir: postgresDir, stop: () => server.stop() };
}

/** True when a setting was changed (a restart applies it). Values are written as SHOW prints them. */
async function applySettings(adminUrl: string): Promise<boolean> {
  return withClient(adminUrl, async (client) => {
    let changed = false;
    for (const [name, value] of Object.entries(SERVER_SETTINGS)) {
      const { rows } = await client.query<{ value: string }>('SELECT current_setting($1) AS value', [name]);
      if (rows[0].value === value) continue;
      await client.query(`ALTER SYSTEM SET ${name} = '${value}'`);
      changed = true;
    }
    return changed;
  });
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Loads every table and index into shared buffers (pg_prewarm, shipped with the embedded server): the
 * server was just (re)started, and a cold cache would be measured instead of the API. Gives the seconds taken.
 */
export async function prewarm(url: string): Promise<number> {
  const startedAt = performance.now();
  await withClient(url, async (client) => {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
    await client.query(`SELECT pg_prewarm(oid) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'i')`);
  });
  return Math.round((performance.now() - startedAt) / 100) / 10;
}

export async function countMissions(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass('public.missions') IS NOT NULL AS exists`);
    if (!rows[0].exists) return 0;
    // The planner's estimate would do for a skip decision, but an exact count is a few hundred ms.
    const count = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM missions');
    return count.rows[0].n;
  });
}

/** Seeds the missions `options.missions` asks for beyond those already there (none when there are enough). */
export async function seedIfNeeded(
  options: BenchOptions,
  env: NodeJS.ProcessEnv,
  databaseUrl: string,
  say: (line: string) => void,
): Promise<Omit<BenchReport['seeding'], 'prewarmSeconds'>> {
  const existing = await countMissions(databaseUrl);
  if (existing >= options.missions) {
    say(`${existing.toLocaleString('en-US')} missions already there: no seeding`);
    return { seededMissions: 0, seedSeconds: null };
  }
  const missing = options.missions - existing;
  say(`Seeding ${missing.toLocaleString('en-US')} missions (npm run cli -- seed)…`);
  const seedStartedAt = performance.now();
  await runSeeder(env, missing);
  return { seededMissions: missing, seedSeconds: Math.round((performance.now() - seedStartedAt) / 1000) };
}

/** `npm run cli -- seed --missions N` against the bench database (the CLI migrates it first). */
export function runSeeder(env: NodeJS.ProcessEnv, missions: number): Promise<void> {
  return runCliCommand(env, ['seed', '--missions', String(missions)]);
}

/** `npm run cli -- price-insight:refresh`, as its hourly job does: the aggregate the priceInsight scenario reads. Gives the seconds taken. */
export async function refreshPriceInsight(env: NodeJS.ProcessEnv): Promise<number> {
  const startedAt = performance.now();
  await runCliCommand(env, ['price-insight:refresh']);
  return Math.round((performance.now() - startedAt) / 100) / 10;
}

function runCliCommand(env: NodeJS.ProcessEnv, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/apps/cli/src/main.js', ...args], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run cli -- ${args[0]} exited with code ${code}`))));
  });
}
