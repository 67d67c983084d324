/**
 * Identity document uploads: 48 files of 10 MB sent at once to the production-mode API, and how much
 * its resident memory rises meanwhile (issue #13: buffered uploads took it from 311 MB to 1.4 GB;
 * target: a rise under 150 MB). Part of `npm run bench`; `npm run bench:uploads` runs it alone on
 * the bench's database, without seeding (BENCH_POSTGRES_PORT, BENCH_API_PORT, BENCH_QUIET_WAIT_SECONDS
 * as for the bench).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { runAlone } from './alone';
import { ApiProcess, residentMb, sampleRss } from './api-process';
import { cpuMeter, untilQuiet } from './cpu';
import { latencySummary } from './load';
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

if (require.main === module) runAlone('uploads', uploadsScenario);
