// `npm run cli` compiles first; when no source changed since the last build it skips that step,
// which takes tsc several seconds even with nothing to do, so that `npm run cli -- --help` answers at once.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['apps', 'libs', 'migrations', 'tools/stripe-emulator/src', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
const OUTPUTS = ['dist/apps/cli/src/main.js', 'tools/stripe-emulator/dist/index.js'];
const STAMP = 'dist/.sources-built';

/** The latest change under `path`: a directory's own time changes when an entry is added or removed. */
function lastChange(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((entry) => lastChange(join(path, entry))));
}

const built = existsSync(STAMP) && OUTPUTS.every((output) => existsSync(output)) ? statSync(STAMP).mtimeMs : -Infinity;
if (Math.max(...SOURCES.map(lastChange)) >= built) {
  const startedAt = new Date();
  execSync('npm run build --silent && npm run build:emulator --silent', { stdio: 'inherit' });
  writeFileSync(STAMP, '');
  // Stamped with the time the build started: a file saved during the build makes the next run build again.
  utimesSync(STAMP, startedAt, startedAt);
}
