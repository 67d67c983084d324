import { AppConfig } from '@marketplace/config';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { postgresHolding, startEmbeddedPostgres } from './embedded-postgres';

export interface DatabaseLocation {
  url: string;
  /** Where it came from, for the start-up banner. */
  description: string;
  /** Stops the embedded server if this process started it. */
  release(): Promise<void>;
}

const EMBEDDED_DATABASE = 'marketplace';

/**
 * `DATABASE_URL` when set; otherwise the embedded PostgreSQL of the data directory: the one
 * another process of ours (the API, while the CLI runs) already serves on the port, or started
 * here. A server of another data directory (another checkout's) is never used: it is named.
 */
export async function locateDatabase(config: AppConfig, onLog?: (line: string) => void): Promise<DatabaseLocation> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, description: 'PostgreSQL from DATABASE_URL', release: async () => undefined };
  }
  const dataDir = resolve(config.dataDir, 'postgres');
  const password = config.embeddedPostgresPassword;
  if (!password) throw new Error('The embedded PostgreSQL needs its generated password (withLocalSecrets)');
  const port = config.embeddedPostgresPort;
  const urlOf = (database: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  const listener = await whoServes(urlOf('postgres'));
  if (listener.kind === 'postgres') {
    if (!sameDirectory(listener.dataDirectory, dataDir)) {
      throw new Error(
        `Port ${port} is a PostgreSQL serving ${listener.dataDirectory}, not this checkout's ${dataDir}: ` +
          'stop it or set EMBEDDED_POSTGRES_PORT.',
      );
    }
    return {
      url: urlOf(EMBEDDED_DATABASE),
      description: `embedded PostgreSQL already running on port ${port}`,
      release: async () => undefined,
    };
  }
  const holder = postgresHolding(dataDir);
  if (holder) {
    throw new Error(
      holder.port === port
        ? `The PostgreSQL of ${dataDir} (pid ${holder.pid}) runs on port ${port} but refused this checkout's login: ${listener.reason}.`
        : `The data directory ${dataDir} is in use by PostgreSQL (pid ${holder.pid}) on port ${holder.port}, not on ` +
            `EMBEDDED_POSTGRES_PORT ${port}: stop it, or set EMBEDDED_POSTGRES_PORT=${holder.port} to use it.`,
    );
  }
  if (listener.kind === 'other') {
    throw new Error(
      `Port ${port} is taken by another server, not this checkout's PostgreSQL (data in ${dataDir}): ${listener.reason}. ` +
        'Stop it or set EMBEDDED_POSTGRES_PORT.',
    );
  }
  const server = await startEmbeddedPostgres({ dataDir, port, database: EMBEDDED_DATABASE, password, onLog });
  return { url: server.url, description: `embedded PostgreSQL on port ${port}, data in ${dataDir}`, release: () => server.stop() };
}

type Listener = { kind: 'nobody'; reason: string } | { kind: 'postgres'; dataDirectory: string } | { kind: 'other'; reason: string };

/** What listens at `url`: nothing, a PostgreSQL that takes our login (and the directory it serves), or something else. */
async function whoServes(url: string): Promise<Listener> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
    return { kind: 'postgres', dataDirectory: rows[0].data_directory };
  } catch (error) {
    const reason = (error as Error).message;
    return (error as NodeJS.ErrnoException).code === 'ECONNREFUSED' ? { kind: 'nobody', reason } : { kind: 'other', reason };
  } finally {
    await client.end().catch(() => undefined);
  }
}

function sameDirectory(a: string, b: string): boolean {
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return resolve(path);
    }
  };
  return real(a) === real(b);
}
