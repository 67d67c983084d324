import { AppConfig } from '@marketplace/config';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface DatabaseLocation {
  url: string;
  /** Where it came from, for the start-up banner. */
  description: string;
  /** Stops the embedded server if this process started it. */
  release(): Promise<void>;
}

const EMBEDDED_DATABASE = 'marketplace';

/**
 * `DATABASE_URL` when set; otherwise the embedded PostgreSQL under the data directory, started
 * here unless another process of ours (the API, while the CLI runs) already serves it.
 */
export async function locateDatabase(config: AppConfig, onLog?: (line: string) => void): Promise<DatabaseLocation> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, description: 'PostgreSQL from DATABASE_URL', release: async () => undefined };
  }
  const dataDir = join(config.dataDir, 'postgres');
  const password = config.embeddedPostgresPassword;
  if (!password) throw new Error('The embedded PostgreSQL needs its generated password (withLocalSecrets)');
  const alreadyRunningUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${config.embeddedPostgresPort}/${EMBEDDED_DATABASE}`;
  if (await answers(alreadyRunningUrl)) {
    return {
      url: alreadyRunningUrl,
      description: `embedded PostgreSQL already running on port ${config.embeddedPostgresPort}`,
      release: async () => undefined,
    };
  }
  const server = await startEmbeddedPostgres({ dataDir, port: config.embeddedPostgresPort, database: EMBEDDED_DATABASE, password, onLog });
  return {
    url: server.url,
    description: `embedded PostgreSQL on port ${config.embeddedPostgresPort}, data in ${dataDir}`,
    release: () => server.stop(),
  };
}

/** Whether a PostgreSQL server at `url` takes this login (within a second). */
export async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
