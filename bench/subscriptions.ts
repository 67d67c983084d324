/**
 * Idle subscriptions: 2,000 `missionUpdated` subscriptions held as a client app holds them (one
 * graphql-ws socket per user, two subscriptions each), and how much the production-mode API's
 * resident memory rises for them (issue #17: ≤ 100 MB). Then each watched mission is cancelled
 * once, and every subscription must hear of it: the delivery latency is measured from the
 * cancellation's answer. Part of `npm run bench`; `npm run bench:subscriptions` runs it alone on the
 * bench's database, without seeding (BENCH_POSTGRES_PORT, BENCH_API_PORT, BENCH_QUIET_WAIT_SECONDS as
 * for the bench).
 */
import 'reflect-metadata';
import { StripeEmulator } from '@marketplace/stripe-emulator';
import { Client, createClient } from 'graphql-ws';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { ApiProcess, residentMb, sampleRss, startApi } from './api-process';
import { cpuMeter, postmasterPid, untilQuiet } from './cpu';
import { startBenchDatabase } from './database';
import { latencySummary } from './load';
import { apiEnvironment, DATA_DIR, readOptions, RESULTS_DIR } from './options';
import { ScenarioReport } from './report';
import { registeredUsers } from './uploads';

export const SUBSCRIPTION_TARGETS = { subscriptions: 2000, perSocket: 2, missions: 10, rssRiseMb: 100 };
const MISSION_UPDATED = 'subscription ($id: ID!) { missionUpdated(id: $id) { id status bidCount } }';
const SETTLE_MS = 3000;
const DELIVERY_TIMEOUT_MS = 60_000;

async function graphql<T>(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data) throw new Error(`${query.slice(0, 40)}… failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function postedMission(url: string, token: string, n: number): Promise<string> {
  const data = await graphql<{ postMission: { id: string } }>(
    url,
    token,
    'mutation ($input: PostMissionInput!) { postMission(input: $input) { id } }',
    {
      input: {
        title: `Monter une armoire ${n}`,
        description: 'Armoire de 2 m à monter dans une chambre, outils sur place.',
        category: 'FURNITURE_ASSEMBLY',
        location: { address: '12 rue Oberkampf', city: 'Paris', postcode: '75011', latitude: 48.864716, longitude: 2.371387 },
      },
    },
  );
  return data.postMission.id;
}

/** A user's socket, acknowledged by the API (its token accepted). */
function connected(url: string, token: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: reject,
      on: { connected: () => resolve(client) },
    });
  });
}

export async function subscriptionsScenario(api: ApiProcess, postmaster: number, quietWaitSeconds: number): Promise<ScenarioReport> {
  const { subscriptions, perSocket, missions: missionCount, rssRiseMb } = SUBSCRIPTION_TARGETS;
  const sockets = subscriptions / perSocket;
  const tokens = await registeredUsers(api.url, sockets, 'subscriptions');
  const missions = await Promise.all(tokens.slice(0, missionCount).map((token, n) => postedMission(api.url, token, n)));
  const wsUrl = `${api.url.replace(/^http/, 'ws')}/graphql`;

  const waitedForQuietSeconds = await untilQuiet(api.pid, postmaster, quietWaitSeconds);
  const baselineMb = residentMb(api.pid) ?? 0;
  const rss = sampleRss(api.pid, 100);
  const cpu = cpuMeter(api.pid, postmaster);
  const startedAt = performance.now();
  const heard: number[] = [];
  let cancelledAt = 0;
  const clients: Client[] = [];
  for (let start = 0; start < sockets; start += 100) {
    clients.push(...(await Promise.all(tokens.slice(start, start + 100).map((token) => connected(wsUrl, token)))));
  }
  clients.forEach((client, user) => {
    for (let k = 0; k < perSocket; k++) {
      const id = missions[(user * perSocket + k) % missions.length];
      client.subscribe(
        { query: MISSION_UPDATED, variables: { id } },
        { next: () => heard.push(performance.now() - cancelledAt), error: () => undefined, complete: () => undefined },
      );
    }
  });
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const openSeconds = Math.round(performance.now() - startedAt) / 1000;
  const heldMb = residentMb(api.pid) ?? 0;
  const peakMb = rss.stop();
  const cpuCores = cpu.stop();
  const riseMb = Math.round((heldMb - baselineMb) * 10) / 10;

  cancelledAt = performance.now();
  await Promise.all(
    missions.map((id, n) => graphql(api.url, tokens[n], 'mutation ($id: ID!) { cancelMission(id: $id) { status } }', { id })),
  );
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
  while (heard.length < subscriptions && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  await Promise.all(clients.map((client) => client.dispose()));
  const delivery = latencySummary(heard);

  return {
    name: 'Idle subscriptions',
    description: `${subscriptions} \`missionUpdated\` subscriptions on ${missionCount} missions, ${perSocket} per graphql-ws socket, one socket per user (${sockets} users), opened 100 sockets at a time; RSS rise: the RSS ${SETTLE_MS / 1000} s after the last one opened minus the RSS just before. Then the ${missionCount} missions are cancelled at once and every subscription must hear of it (latency from just before the cancellations were sent).`,
    load: {
      connections: sockets,
      durationSeconds: openSeconds,
      requests: subscriptions,
      successes: heard.length,
      throughput: Math.round((subscriptions / openSeconds) * 10) / 10,
      latencyMs: delivery,
    },
    cpuCores,
    waitedForQuietSeconds,
    statementsPerRequest: null,
    apiRssMaxMb: peakMb,
    checks: [
      {
        metric: 'API RSS rise for the idle subscriptions',
        measured: `${riseMb} MB (${baselineMb} → ${heldMb} MB, peak ${peakMb} MB)`,
        target: `≤ ${rssRiseMb} MB`,
        met: riseMb <= rssRiseMb,
      },
      {
        metric: 'Subscriptions that heard the cancellation',
        measured: `${heard.length} / ${subscriptions}`,
        target: String(subscriptions),
        met: heard.length === subscriptions,
      },
      {
        metric: 'Delivery latency p50 / p95 / max',
        measured: `${delivery.p50} / ${delivery.p95} / ${delivery.max} ms`,
        target: '',
        met: true,
      },
    ],
  };
}

async function alone(): Promise<void> {
  const options = readOptions(process.env);
  const say = (line: string) => process.stderr.write(`[bench:subscriptions] ${line}\n`);
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
    const report = await subscriptionsScenario(api, postmasterPid(database.dataDir), options.quietWaitSeconds);
    writeFileSync(join(RESULTS_DIR, 'subscriptions.json'), `${JSON.stringify(report, null, 2)}\n`);
    for (const check of report.checks)
      say(`${check.metric}: ${check.measured} (target ${check.target || 'none'}: ${check.met ? 'met' : 'NOT met'})`);
    say(`Opened in ${report.load.durationSeconds} s; wrote bench/results/subscriptions.json`);
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
