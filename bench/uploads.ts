/**
 * Identity document uploads: 48 files of 10 MB sent at once to the production-mode API, and how much
 * its resident memory rises meanwhile (issue #13: buffered uploads took it from 311 MB to 1.4 GB;
 * target: a rise under 150 MB). Part of `npm run bench`; `npm run bench:uploads` runs it alone on
 * the bench's database, without seeding (BENCH_POSTGRES_PORT, BENCH_API_PORT, BENCH_QUIET_WAIT_SECONDS
 * as for the bench).
 */
import 'reflect-metadata';
import { StripeEmulator } from '@marketplace/stripe-emulator';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiProcess, residentMb, sampleRss, startApi } from './api-process';
import { cpuMeter, postmasterPid, untilQuiet } from './cpu';
import { startBenchDatabase } from './database';
import { latencySummary } from './load';
import { apiEnvironment, DATA_DIR, readOptions, RESULTS_DIR } from './options';
import { ScenarioReport } from './report';

export const UPLOAD_TARGETS = { concurrent: 48, fileMb: 10, rssRiseMb: 150 };
/** The API's default IDENTITY_DOCUMENT_MAX_UNSUBMITTED: each user uploads at most that many. */
const UPLOADS_PER_USER = 10;
const PASSWORD = 'a long bench passphrase';

/** The biggest file the API accepts: a JPEG signature, then incompressible bytes. */
function aTenMegabyteJpeg(): Blob {
  const bytes = randomBytes(UPLOAD_TARGETS.fileMb * 1024 * 1024);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return new Blob([bytes]);
}

/** `count` new users' access tokens (`bench-<label>-…@example.com`), registered one after another. */
export async function registeredUsers(url: string, count: number, label = 'uploads'): Promise<string[]> {
  const run = randomBytes(4).toString('hex');
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }',
        variables: { input: { email: `bench-${label}-${run}-${i}@example.com`, password: PASSWORD, displayName: `Bench user ${i}` } },
      }),
    });
    const body = (await response.json()) as { data?: { register: { accessToken: string } }; errors?: unknown[] };
    if (!body.data) throw new Error(`Could not register a user: ${JSON.stringify(body.errors)}`);
    tokens.push(body.data.register.accessToken);
  }
  return tokens;
}

async function upload(url: string, token: string, file: Blob): Promise<{ status: number; ms: number }> {
  const form = new FormData();
  form.append('file', file, 'passport.jpg');
  const startedAt = performance.now();
  const response = await fetch(`${url}/identity/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - startedAt };
}

/** Two uploads one after the other (code paths warmed), then the burst, RSS sampled every 100 ms. */
export async function uploadsScenario(api: ApiProcess, postmaster: number, quietWaitSeconds: number): Promise<ScenarioReport> {
  const { concurrent, rssRiseMb } = UPLOAD_TARGETS;
  const file = aTenMegabyteJpeg();
  const [warmUser, ...users] = await registeredUsers(api.url, 1 + Math.ceil(concurrent / UPLOADS_PER_USER));
  for (let i = 0; i < 2; i++) await upload(api.url, warmUser, file);

  const waitedForQuietSeconds = await untilQuiet(api.pid, postmaster, quietWaitSeconds);
  const baselineMb = residentMb(api.pid) ?? 0;
  const rss = sampleRss(api.pid, 100);
  const cpu = cpuMeter(api.pid, postmaster);
  const startedAt = performance.now();
  const results = await Promise.all(
    Array.from({ length: concurrent }, (_, i) => upload(api.url, users[Math.floor(i / UPLOADS_PER_USER)], file)),
  );
  const durationSeconds = Math.round(performance.now() - startedAt) / 1000;
  const cpuCores = cpu.stop();
  const peakMb = rss.stop();
  const riseMb = Math.round((peakMb - baselineMb) * 10) / 10;
  const successes = results.filter((result) => result.status === 201).length;
  return {
    name: 'Identity document uploads',
    description: `${concurrent} uploads of a ${UPLOAD_TARGETS.fileMb} MB JPEG sent at once (multipart, ${users.length} users within their quotas): type check, AES-256-GCM, local disk. RSS rise: the highest sample during the burst minus the RSS just before it.`,
    load: {
      connections: concurrent,
      durationSeconds,
      requests: concurrent,
      successes,
      throughput: Math.round((successes / durationSeconds) * 10) / 10,
      latencyMs: latencySummary(results.map((result) => result.ms)),
      non2xx: concurrent - successes,
    },
    cpuCores,
    waitedForQuietSeconds,
    statementsPerRequest: null,
    apiRssMaxMb: peakMb,
    checks: [
      { metric: 'Uploads stored', measured: `${successes} / ${concurrent}`, target: String(concurrent), met: successes === concurrent },
      {
        metric: 'API RSS rise during the burst',
        measured: `${riseMb} MB (${baselineMb} → ${peakMb} MB)`,
        target: `< ${rssRiseMb} MB`,
        met: riseMb < rssRiseMb,
      },
    ],
  };
}

async function alone(): Promise<void> {
  const options = readOptions(process.env);
  const say = (line: string) => process.stderr.write(`[bench:uploads] ${line}\n`);
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const stripe = await StripeEmulator.start({ port: 0, webhookSecret });
  const database = await startBenchDatabase(DATA_DIR, options.postgresPort);
  let api: ApiProcess | undefined;
  try {
    api = await startApi({
      env: { ...apiEnvironment(options, database.url, stripe, webhookSecret), NODE_OPTIONS: options.apiNodeOptions },
      port: options.apiPort,
      resultsDir: RESULTS_DIR,
      cpuProfile: options.cpuProfile,
    });
    const report = await uploadsScenario(api, postmasterPid(database.dataDir), options.quietWaitSeconds);
    writeFileSync(join(RESULTS_DIR, 'uploads.json'), `${JSON.stringify(report, null, 2)}\n`);
    for (const check of report.checks) say(`${check.metric}: ${check.measured} (target ${check.target}: ${check.met ? 'met' : 'NOT met'})`);
    say(
      `p50 / p95 / max ${report.load.latencyMs.p50} / ${report.load.latencyMs.p95} / ${report.load.latencyMs.max} ms; wrote bench/results/uploads.json`,
    );
  } finally {
    await api?.stop();
    await database.stop();
    await stripe.stop();
  }
}

if (require.main === module) {
  alone().catch((error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  });
}
