// `npm run cli` compiles first; when no source changed since the last build it skips that step,
// which takes tsc several seconds even with nothing to do, so that `npm run cli -- --help` answers at once.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['apps', 'libs', 'migrations', 'tools/stripe-emulator/src', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
const OUTPUTS = ['dist/apps/cli/src/main.js', 'tools/stripe-emulator/dist/index.js'];
const STAMP = 'dist/.sources-built';
/** Held while one process checks and builds: the test files that run dist/ start at once in parallel workers. */
const LOCK = 'dist/.building';
const STALE_LOCK_MS = 10 * 60_000;

/** The latest change under `path`: a directory's own time changes when an entry is added or removed. */
function lastChange(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((entry) => lastChange(join(path, entry))));
}

/**
 * One builder at a time: a second caller waits, then finds the build fresh. Without it, two test
 * files starting together both rebuilt dist/, and one started the CLI while the other's tsc had
 * rewritten a file that tsc-alias had not resolved yet (Cannot find module '@marketplace/…').
 */
function withBuildLock(work) {
  mkdirSync('dist', { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A builder killed mid-way leaves its lock: taken over once it is older than any build.
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

withBuildLock(() => {
  const built = existsSync(STAMP) && OUTPUTS.every((output) => existsSync(output)) ? statSync(STAMP).mtimeMs : -Infinity;
  if (Math.max(...SOURCES.map(lastChange)) < built) return;
  const startedAt = new Date();
  execSync('npm run build --silent && npm run build:emulator --silent', { stdio: 'inherit' });
  writeFileSync(STAMP, '');
  // Stamped with the time the build started: a file saved during the build makes the next run build again.
  utimesSync(STAMP, startedAt, startedAt);
});
