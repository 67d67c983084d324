/**
 * The manifest of a physical backup (`manifest.json` beside its `data/` directory): what the backup
 * holds, file by file with sizes and SHA-256, so that a restore refuses a backup that is damaged,
 * incomplete or changed, before it writes anything.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const MANIFEST_FILE = 'manifest.json';
export const DATA_FOLDER = 'data';
const FORMAT = 'marketplace-physical-backup/1';

export interface BackupFile {
  /** Relative to the backup's data/ folder, with forward slashes. */
  path: string;
  size: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof FORMAT;
  createdAt: string;
  server: { version: string; versionNum: number; systemIdentifier: string; dataDirectory: string };
  wal: { timeline: number; segmentSize: number; startLsn: string; stopLsn: string; segments: string[] };
  /** Directories to create, empty ones included (pg_notify, pg_wal/archive_status…), parents first. */
  directories: string[];
  files: BackupFile[];
}

export function newManifest(fields: Omit<BackupManifest, 'format'>): BackupManifest {
  return { format: FORMAT, ...fields };
}

/** Copies `from` to `to` and gives what the manifest records of it (size and SHA-256 of the bytes written). */
export async function copyHashed(from: string, to: string, path: string): Promise<BackupFile> {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(createReadStream(from), tap, createWriteStream(to, { mode: 0o600 }));
  return { path, size, sha256: hash.digest('hex') };
}

async function sha256Of(file: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest('hex') };
}

/** The manifest of the backup in `backupDir`, or why it cannot be restored. */
export function readManifest(backupDir: string): BackupManifest {
  const file = join(backupDir, MANIFEST_FILE);
  if (!existsSync(file))
    throw new Error(`${backupDir} holds no ${MANIFEST_FILE}: not a complete backup made by \`npm run cli -- backup\`.`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== FORMAT) throw new Error(`${file} is not a manifest of this format (${FORMAT}): got ${String(manifest.format)}.`);
  return manifest;
}

/**
 * What differs between the backup's data/ folder and its manifest: a file missing, of another size
 * or other bytes, or a file the manifest does not list. Empty when the backup is intact.
 */
export async function backupDifferences(backupDir: string, manifest: BackupManifest): Promise<string[]> {
  const dataDir = join(backupDir, DATA_FOLDER);
  const problems: string[] = [];
  const listed = new Set(manifest.files.map(({ path }) => path));
  for (const entry of readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isDirectory()) {
      const path = join(entry.parentPath, entry.name)
        .slice(dataDir.length + 1)
        .split('\\')
        .join('/');
      if (!listed.has(path)) problems.push(`${path} is not in the manifest`);
    }
  }
  for (const { path, size, sha256 } of manifest.files) {
    const file = join(dataDir, path);
    if (!existsSync(file)) {
      problems.push(`${path} is missing`);
      continue;
    }
    const found = await sha256Of(file);
    if (found.size !== size) problems.push(`${path} has ${found.size} bytes, the manifest says ${size}`);
    else if (found.sha256 !== sha256) problems.push(`${path} differs from the manifest (SHA-256 ${found.sha256}, expected ${sha256})`);
  }
  return problems;
}
