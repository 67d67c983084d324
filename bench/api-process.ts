/**
 * The API as production runs it: the built `main.js` in its own process with `npm start`'s V8 flags
 * (package.json `config.apiNodeFlags`), NODE_ENV=production, every secret given, Stripe pointed at the
 * bench's emulator. Its memory is read from /proc while it works.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ApiProcessOptions {
  env: NodeJS.ProcessEnv;
  port: number;
  /** Where its output (and CPU profile, when asked) goes. */
  resultsDir: string;
  cpuProfile: boolean;
}

export interface ApiProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;

export async function startApi({ env, port, resultsDir, cpuProfile }: ApiProcessOptions): Promise<ApiProcess> {
  mkdirSync(resultsDir, { recursive: true });
  const log = createWriteStream(join(resultsDir, 'api.log'));
  const profile = cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${join(resultsDir, 'profiles')}`] : [];
  const child = spawn(process.execPath, [...apiNodeFlags(), ...profile, 'dist/apps/api/src/main.js'], {
    env: { ...env, PORT: String(port) },
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  await untilHealthy(url, child);
  return { url, pid: child.pid!, stop: () => stopGracefully(child) };
}

/** The V8 flags `npm start` gives the API (package.json `config.apiNodeFlags`). */
export function apiNodeFlags(): string[] {
  const { config } = JSON.parse(readFileSync('package.json', 'utf8')) as { config?: { apiNodeFlags?: string } };
  return config?.apiNodeFlags?.split(/\s+/).filter(Boolean) ?? [];
}

/** Waits for `GET /health` to answer 2xx (the API, or the HTTP floor). */
export async function untilHealthy(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url} exited with code ${child.exitCode}: see its log in bench/results`);
    const healthy = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`Nothing answered ${url}/health within ${READY_TIMEOUT_MS / 1000} s`);
}

/** SIGTERM: the API closes its pools and exits, which also writes the CPU profile. */
export function stopGracefully(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Resident memory of a process in MB (VmRSS), or null once it is gone. */
export function residentMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; gives the highest sample. */
export function sampleRss(pid: number, everyMs = 500): { stop(): number } {
  let max = residentMb(pid) ?? 0;
  const timer = setInterval(() => (max = Math.max(max, residentMb(pid) ?? 0)), everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(max, residentMb(pid) ?? 0);
    },
  };
}
