/**
 * A consistent physical backup of a running PostgreSQL, taken with its low-level API (PostgreSQL 18
 * manual, "Making a Base Backup Using the Low Level API"): `pg_backup_start` and `pg_backup_stop` on
 * one connection, the data directory copied in between while the server keeps working, the
 * backup_label (and tablespace_map) it returns written into the copy, then the WAL written from the
 * start location to the stop location copied into the copy's pg_wal/, so that a server started on
 * it replays them (as with `pg_basebackup --wal-method=fetch`). The server archives no WAL, so a
 * temporary replication slot of the same connection holds the segments back from recycling until
 * they are copied; a segment missing anyway fails the backup, naming it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { Client } from 'pg';
import { BackupFile, copyHashed, DATA_FOLDER, MANIFEST_FILE, newManifest } from './backup-manifest';
import { labelStart, segmentsOfBackup } from './wal-segments';

/** Directories whose contents the manual says to leave out (the server recreates them, or they must not travel); the directories stay. */
const CONTENTS_LEFT_OUT = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);
/** Files of the data directory's root that are the running server's own, or that the backup writes itself. */
const ROOT_FILES_LEFT_OUT = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map', 'backup_label.old']);
/** Created empty, as pg_basebackup does, for the restored server's WAL bookkeeping. */
const WAL_DIRECTORIES = ['pg_wal/archive_status', 'pg_wal/summaries'];

export interface BackupResult {
  directory: string;
  files: number;
  bytes: number;
  startLsn: string;
  stopLsn: string;
  walSegments: number;
  serverVersion: string;
}

/** Backs up the whole cluster `adminUrl` (a superuser's connection) into `directory`, which must be new or empty. */
export async function backUpCluster(adminUrl: string, directory: string): Promise<BackupResult> {
  if (existsSync(directory) && readdirSync(directory).length > 0) {
    throw new Error(`${directory} is not empty: a backup goes into a new or empty directory.`);
  }
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  mkdirSync(join(directory, DATA_FOLDER), { recursive: true, mode: 0o700 });
  try {
    return await backUp(client, directory);
  } catch (error) {
    // Half a backup must not pass for one: nothing is left behind.
    rmSync(directory, { recursive: true, force: true });
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function backUp(client: Client, directory: string): Promise<BackupResult> {
  const server = await serverFacts(client);
  if (`${resolve(directory)}${sep}`.startsWith(`${resolve(server.dataDirectory)}${sep}`)) {
    throw new Error(`${directory} is inside the data directory ${server.dataDirectory}: back it up somewhere else.`);
  }
  const target = join(directory, DATA_FOLDER);
  // Temporary: dropped with this session, it only keeps the WAL from here on until the copy is done.
  await client.query('SELECT pg_create_physical_replication_slot($1, true, true)', [`marketplace_backup_${process.pid}`]);
  const label = `marketplace backup ${new Date().toISOString()}`;
  const { rows: started } = await client.query<{ lsn: string }>('SELECT pg_backup_start($1, true)::text AS lsn', [label]);
  const directories: string[] = [];
  const files: BackupFile[] = [];
  await copyTree(server.dataDirectory, target, '', directories, files);
  const { rows: stopped } = await client.query<{ lsn: string; labelfile: string; spcmapfile: string }>(
    'SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(false)',
  );
  const { lsn: stopLsn, labelfile, spcmapfile } = stopped[0];
  files.push(writeRecorded(target, 'backup_label', labelfile));
  if (spcmapfile) files.push(writeRecorded(target, 'tablespace_map', spcmapfile));

  const start = labelStart(labelfile);
  const segments = segmentsOfBackup(start.segment, stopLsn, server.walSegmentSize);
  for (const wal of WAL_DIRECTORIES) {
    mkdirSync(join(target, wal), { recursive: true, mode: 0o700 });
    directories.push(wal);
  }
  const history = start.timeline > 1 ? [`${start.timeline.toString(16).toUpperCase().padStart(8, '0')}.history`] : [];
  for (const name of [...history, ...segments]) {
    const source = join(server.dataDirectory, 'pg_wal', name);
    if (!existsSync(source)) {
      throw new Error(
        `WAL file ${name} is missing from ${join(server.dataDirectory, 'pg_wal')}: the backup needs every segment from ` +
          `${started[0].lsn} to ${stopLsn} (${segments[0]} to ${segments[segments.length - 1]}). Nothing was kept; run the backup again.`,
      );
    }
    files.push(await copyHashed(source, join(target, 'pg_wal', name), `pg_wal/${name}`));
  }

  const manifest = newManifest({
    createdAt: new Date().toISOString(),
    server: {
      version: server.version,
      versionNum: server.versionNum,
      systemIdentifier: server.systemIdentifier,
      dataDirectory: server.dataDirectory,
    },
    wal: { timeline: start.timeline, segmentSize: server.walSegmentSize, startLsn: started[0].lsn, stopLsn, segments },
    directories,
    files,
  });
  // Written last: a directory without it is no backup (restore refuses it).
  writeFileSync(join(directory, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return {
    directory,
    files: files.length,
    bytes: files.reduce((total, { size }) => total + size, 0),
    startLsn: started[0].lsn,
    stopLsn,
    walSegments: segments.length,
    serverVersion: server.version,
  };
}

interface ServerFacts {
  dataDirectory: string;
  version: string;
  versionNum: number;
  systemIdentifier: string;
  walSegmentSize: number;
}

async function serverFacts(client: Client): Promise<ServerFacts> {
  const { rows } = await client.query<{
    data_directory: string;
    version: string;
    version_num: string;
    system_identifier: string;
    wal_segment_size: string;
    in_recovery: boolean;
    tablespaces: number;
  }>(
    `SELECT current_setting('data_directory') AS data_directory, current_setting('server_version') AS version,
            current_setting('server_version_num') AS version_num, (SELECT system_identifier::text FROM pg_control_system()) AS system_identifier,
            (SELECT setting FROM pg_settings WHERE name = 'wal_segment_size') AS wal_segment_size, pg_is_in_recovery() AS in_recovery,
            (SELECT count(*)::int FROM pg_tablespace WHERE spcname NOT IN ('pg_default', 'pg_global')) AS tablespaces`,
  );
  const facts = rows[0];
  if (facts.in_recovery) throw new Error('The server is a standby (in recovery): back up its primary.');
  if (facts.tablespaces > 0)
    throw new Error('The cluster has tablespaces outside its data directory: this backup copies the data directory only.');
  return {
    dataDirectory: facts.data_directory,
    version: facts.version,
    versionNum: Number(facts.version_num),
    systemIdentifier: facts.system_identifier,
    walSegmentSize: Number(facts.wal_segment_size),
  };
}

/**
 * Copies the directory `relative` of the data directory, leaving out what the manual says to: the
 * contents of CONTENTS_LEFT_OUT, the server's own root files, `pg_internal.init` and anything named
 * `pgsql_tmp…`, and what is not a regular file or directory. A file that vanishes while it is copied
 * is normal on a running server (the WAL replay recreates what matters), not an error.
 */
async function copyTree(source: string, target: string, relative: string, directories: string[], files: BackupFile[]): Promise<void> {
  let entries;
  try {
    entries = readdirSync(join(source, relative), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries) {
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.name === 'pg_internal.init' || entry.name.startsWith('pgsql_tmp')) continue;
    if (!relative && ROOT_FILES_LEFT_OUT.has(entry.name)) continue;
    if (entry.isDirectory()) {
      mkdirSync(join(target, path), { mode: 0o700 });
      directories.push(path);
      if (!(relative === '' && CONTENTS_LEFT_OUT.has(entry.name))) await copyTree(source, target, path, directories, files);
    } else if (entry.isFile()) {
      try {
        files.push(await copyHashed(join(source, path), join(target, path), path));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        rmSync(join(target, path), { force: true });
      }
    }
  }
}

function writeRecorded(target: string, path: string, content: string): BackupFile {
  const bytes = Buffer.from(content, 'utf8');
  writeFileSync(join(target, path), bytes, { mode: 0o600 });
  return { path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
