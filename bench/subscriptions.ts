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
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { runAlone } from './alone';
import { ApiProcess, residentMb, sampleRss } from './api-process';
import { cpuMeter, untilQuiet } from './cpu';
import { latencySummary } from './load';
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

  const deliveryCpu = cpuMeter(api.pid, postmaster);
  cancelledAt = performance.now();
  await Promise.all(
    missions.map((id, n) => graphql(api.url, tokens[n], 'mutation ($id: ID!) { cancelMission(id: $id) { status } }', { id })),
  );
  const answeredMs = Math.round(performance.now() - cancelledAt);
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
  while (heard.length < subscriptions && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const deliveryCores = deliveryCpu.stop();
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
        measured: `${delivery.p50} / ${delivery.p95} / ${delivery.max} ms (the cancellations answered within ${answeredMs} ms; meanwhile the API used ${deliveryCores.api} cores, other processes ${deliveryCores.other})`,
        target: '',
        met: true,
      },
    ],
  };
}

if (require.main === module) runAlone('subscriptions', subscriptionsScenario);
