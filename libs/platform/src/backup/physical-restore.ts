/**
 * Restores a backup made by backUpCluster into a new or empty data directory: the manifest is
 * checked first (every file there, of its size and SHA-256, nothing more), then the files are
 * copied. The backup's data/ folder is a data directory with its backup_label and the WAL it needs
 * in pg_wal/: a server started on it replays that WAL up to the backup's stop location before it
 * takes connections. A directory that holds anything, a running server's above all, is never written to.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { postgresHolding } from '../embedded-postgres';
import { backupDifferences, BackupManifest, DATA_FOLDER, readManifest } from './backup-manifest';

export async function restoreCluster(backupDir: string, dataDirectory: string): Promise<BackupManifest> {
  const running = postgresHolding(dataDirectory);
  if (running) {
    throw new Error(
      `PostgreSQL (pid ${running.pid}, port ${running.port}) is running on ${dataDirectory}: restore never overwrites a data directory. ` +
        'Stop it, move the directory aside, and restore into the empty place.',
    );
  }
  if (existsSync(dataDirectory) && readdirSync(dataDirectory).length > 0) {
    throw new Error(`${dataDirectory} is not empty: move it aside first (restore writes only into a new or empty directory).`);
  }
  const manifest = readManifest(backupDir);
  const problems = await backupDifferences(backupDir, manifest);
  if (problems.length > 0) {
    const shown = problems.slice(0, 10).map((problem) => `  ${problem}`);
    throw new Error(
      [
        `The backup in ${backupDir} does not match its manifest; nothing was restored:`,
        ...shown,
        ...(problems.length > 10 ? [`  … and ${problems.length - 10} more`] : []),
      ].join('\n'),
    );
  }
  const source = join(backupDir, DATA_FOLDER);
  // Its parents as any directory (the server's user must reach it), the data directory itself private, as PostgreSQL requires.
  mkdirSync(dirname(dataDirectory), { recursive: true });
  mkdirSync(dataDirectory, { recursive: true, mode: 0o700 });
  for (const directory of manifest.directories) mkdirSync(join(dataDirectory, directory), { recursive: true, mode: 0o700 });
  for (const { path } of manifest.files) copyFileSync(join(source, path), join(dataDirectory, path));
  giveToServerUser(dataDirectory, manifest);
  return manifest;
}

/**
 * Run as root, embedded-postgres runs the server as the `postgres` system user (it creates it): the
 * restored files are given to that user, as it gives it the data directory it initialises.
 */
function giveToServerUser(dataDirectory: string, manifest: BackupManifest): void {
  if (process.getuid?.() !== 0) return;
  let ids: { uid: number; gid: number };
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    ids = { uid: id('-u'), gid: id('-g') };
  } catch {
    return;
  }
  const paths = [dataDirectory, ...manifest.directories.map((directory) => join(dataDirectory, directory))];
  for (const path of [...paths, ...manifest.files.map(({ path }) => join(dataDirectory, path))]) chownSync(path, ids.uid, ids.gid);
}
