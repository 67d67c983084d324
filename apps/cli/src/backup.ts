/**
 * `backup <dir>` and `restore <dir>`: the embedded PostgreSQL's physical backup and its restore
 * (libs/platform/src/backup), without booting the application. An external database
 * (DATABASE_URL) is backed up with its own server's tools instead.
 */
import { AppConfig } from '@marketplace/config';
import { backUpCluster, loadConfigOrExit, locateDatabase, restoreCluster } from '@marketplace/platform';
import { resolve } from 'node:path';

const EXTERNAL_DATABASE =
  'DATABASE_URL is set: this command backs up and restores the embedded PostgreSQL only. For another server use its own ' +
  'tools, of its major version: pg_basebackup, or pg_dump and pg_restore (docs/operations.md, "Backups and restore").';

/** Runs `work`, prints its answer (stdout) or its failure (stderr), and exits 0 or 1. */
async function runAndExit(work: (config: AppConfig) => Promise<string>): Promise<never> {
  const config = loadConfigOrExit();
  let code = 0;
  try {
    if (config.databaseUrl) throw new Error(EXTERNAL_DATABASE);
    console.log(await work(config));
  } catch (error) {
    console.error((error as Error).message);
    code = 1;
  }
  process.exit(code);
}

export function backup(directory: string): Promise<never> {
  return runAndExit(async (config) => {
    const database = await locateDatabase(config);
    try {
      const admin = new URL(database.url);
      admin.pathname = '/postgres';
      const result = await backUpCluster(admin.toString(), resolve(directory));
      const megabytes = (result.bytes / 1024 / 1024).toFixed(1);
      return (
        `Backed up PostgreSQL ${result.serverVersion} into ${result.directory}: ${result.files} files, ${megabytes} MB, ` +
        `WAL from ${result.startLsn} to ${result.stopLsn} (${result.walSegments} segment(s)), listed with their SHA-256 in manifest.json.`
      );
    } finally {
      await database.release();
    }
  });
}

export function restore(directory: string, { into }: { into?: string }): Promise<never> {
  return runAndExit(async (config) => {
    const target = resolve(into ?? resolve(config.dataDir, 'postgres'));
    const manifest = await restoreCluster(resolve(directory), target);
    return (
      `Restored the backup of ${manifest.createdAt} (PostgreSQL ${manifest.server.version}, ${manifest.files.length} files checked ` +
      `against the manifest) into ${target}. Its next start replays the WAL up to ${manifest.wal.stopLsn} first. The database ` +
      "password is the backed-up cluster's: keep that data directory's local-secrets.json beside it."
    );
  });
}
