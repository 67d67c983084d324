/**
 * Messages with subscribers connected (issue #17): providers send messages in 200 conversations
 * while each conversation's client holds a `messageAdded` subscription on a socket of its own (200
 * graphql-ws sockets); the API publishes each message in its transaction and every subscription
 * loads it as its subscriber sees it. Measured: messages sent per second (sendMessage successes, every
 * connection sending as soon as it is answered), then, with messages sent at the target rate, the
 * delay from the send to its arrival at the subscription (p95), on loopback. Part of
 * `npm run bench`; `npm run bench:messages` runs it alone on the bench's database, without seeding
 * (BENCH_DURATION_SECONDS, BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS, BENCH_POSTGRES_PORT, BENCH_API_PORT,
 * BENCH_QUIET_WAIT_SECONDS as for the bench). The users, missions and conversations it needs are
 * made through the API itself, fresh on each run.
 */
import 'reflect-metadata';
import { createClient } from 'graphql-ws';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { runAlone } from './alone';
import { ApiProcess, sampleRss } from './api-process';
import { cpuMeter, untilQuiet } from './cpu';
import { driveGraphQL, latencySummary } from './load';
import { BenchOptions, readOptions } from './options';
import { ScenarioReport } from './report';

export const MESSAGE_TARGETS = { subscribers: 200, messagesPerSecond: 300, deliveryP95Ms: 100 };
const CLIENTS = 40;
const PROVIDERS = 10;
/** Each client holds one socket per conversation: the API's default REALTIME_MAX_CONNECTIONS_PER_USER. */
const CONVERSATIONS_PER_CLIENT = MESSAGE_TARGETS.subscribers / CLIENTS;
const PASSWORD = 'a long bench passphrase';

const SEND = `mutation SendMessage($conversationId: ID!, $text: String!) { sendMessage(conversationId: $conversationId, text: $text) { id } }`;
const MESSAGE_ADDED = `subscription MessageAdded($id: ID!) { messageAdded(conversationId: $id) { id text createdAt } }`;

export async function graphql<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`${query.slice(0, 40)}… failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function aUser(url: string, run: string, name: string): Promise<string> {
  const data = await graphql<{ register: { accessToken: string } }>(
    url,
    'mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }',
    { input: { email: `bench-messages-${run}-${name}@example.com`, password: PASSWORD, displayName: `Bench ${name}` } },
  );
  return data.register.accessToken;
}

/** 40 clients with 5 missions each, 10 providers who each ask about 20 of them: 200 conversations. */
async function conversations(url: string): Promise<{ conversationId: string; clientToken: string; providerToken: string }[]> {
  const run = randomBytes(4).toString('hex');
  const clients = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => aUser(url, run, `client-${i}`)));
  const providers = await Promise.all(Array.from({ length: PROVIDERS }, (_, i) => aUser(url, run, `provider-${i}`)));
  await Promise.all(
    providers.map((token) =>
      graphql(
        url,
        'mutation ($input: ProviderProfileInput!) { upsertProviderProfile(input: $input) { headline } }',
        { input: PROFILE },
        token,
      ),
    ),
  );
  const missions = await Promise.all(
    clients.flatMap((clientToken) =>
      Array.from({ length: CONVERSATIONS_PER_CLIENT }, async () => {
        const data = await graphql<{ postMission: { id: string } }>(
          url,
          'mutation ($input: PostMissionInput!) { postMission(input: $input) { id } }',
          { input: MISSION },
          clientToken,
        );
        return { missionId: data.postMission.id, clientToken };
      }),
    ),
  );
  return Promise.all(
    missions.map(async ({ missionId, clientToken }, i) => {
      const providerToken = providers[i % PROVIDERS];
      const data = await graphql<{ sendMessage: { conversation: { id: string } } }>(
        url,
        'mutation ($id: ID!) { sendMessage(missionId: $id, text: "Bonjour, est-ce toujours d’actualité ?") { conversation { id } } }',
        { id: missionId },
        providerToken,
      );
      return { conversationId: data.sendMessage.conversation.id, clientToken, providerToken };
    }),
  );
}

const PROFILE = {
  headline: 'Montage de meubles',
  categories: ['FURNITURE_ASSEMBLY'],
  serviceArea: { city: 'Paris', postcode: '75011', latitude: 48.86, longitude: 2.38, radiusKm: 15 },
  siret: '73282932000074',
};
export const MISSION = {
  title: 'Monter une armoire PAX',
  description: 'Armoire IKEA PAX de 2 m à monter dans une chambre.',
  category: 'FURNITURE_ASSEMBLY',
  budgetCents: 8000,
  location: { address: '12 rue Oberkampf', city: 'Paris', postcode: '75011', latitude: 48.8647, longitude: 2.3714 },
};

interface Subscriber {
  /** Resolves once the subscription's first event is in: the subscription is in place. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** One socket per subscriber, as 200 app instances would hold them; every event's arrival time is recorded. */
function aSubscriber(wsUrl: string, token: string, conversationId: string, arrived: (text: string) => void): Subscriber {
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    retryAttempts: 0,
  });
  let onFirst: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onFirst = resolve));
  client.subscribe<{ messageAdded: { text: string } }>(
    { query: MESSAGE_ADDED, variables: { id: conversationId } },
    {
      next: (result) => {
        onFirst();
        if (result.data) arrived(result.data.messageAdded.text);
      },
      error: (error) => process.stderr.write(`[bench:messages] subscription error: ${JSON.stringify(error)}\n`),
      complete: () => undefined,
    },
  );
  return { ready, close: () => client.dispose() as Promise<void> };
}

/**
 * The subscriptions first (each confirmed by a first message), a warm-up, then the measured run:
 * every send names its sequence number in the text, and its delivery delay is its arrival time
 * minus the moment autocannon built the request.
 */
export async function messagesScenario(api: ApiProcess, postmaster: number, options: BenchOptions): Promise<ScenarioReport> {
  const wsUrl = `${api.url.replace(/^http/, 'ws')}/graphql`;
  const pairs = await conversations(api.url);
  const sentAt = new Map<number, number>();
  const delays: number[] = [];
  let measuring = false;
  const subscribers = pairs.map(({ conversationId, clientToken }) =>
    aSubscriber(wsUrl, clientToken, conversationId, (text) => {
      const arrivedAt = performance.now();
      const sequence = Number(/#(\d+)$/.exec(text)?.[1]);
      const sent = sentAt.get(sequence);
      if (sent !== undefined && measuring) delays.push(arrivedAt - sent);
      sentAt.delete(sequence);
    }),
  );
  try {
    // A subscription has no acknowledgement: a first message in each conversation shows it is listening.
    let confirmed = false;
    const confirming = Promise.all(subscribers.map((subscriber) => subscriber.ready)).then(() => (confirmed = true));
    for (let attempt = 0; attempt < 50 && !confirmed; attempt++) {
      await Promise.all(
        pairs.map(({ conversationId, providerToken }) => graphql(api.url, SEND, { conversationId, text: 'prêt ?' }, providerToken)),
      );
      await Promise.race([confirming, new Promise((resolve) => setTimeout(resolve, 200))]);
    }
    if (!confirmed) throw new Error('The 200 subscriptions did not all receive a first message');

    let sequence = 0;
    const next = () => {
      const n = sequence++;
      const { conversationId, providerToken } = pairs[n % pairs.length];
      sentAt.set(n, performance.now());
      return { body: JSON.stringify({ query: SEND, variables: { conversationId, text: `Message de bench #${n}` } }), token: providerToken };
    };
    if (options.warmupSeconds > 0) {
      await driveGraphQL({ url: api.url, connections: options.connections, durationSeconds: options.warmupSeconds, next });
    }
    const waitedForQuietSeconds = await untilQuiet(api.pid, postmaster, options.quietWaitSeconds);
    const rss = sampleRss(api.pid);
    const cpu = cpuMeter(api.pid, postmaster);
    measuring = true;
    // Throughput: every connection sends as soon as it is answered. Its deliveries wait in the same
    // queue as the sends, so their delays measure the queue, not the delivery.
    const load = await driveGraphQL({ url: api.url, connections: options.connections, durationSeconds: options.durationSeconds, next });
    const cpuCores = cpu.stop();
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the last deliveries
    const deliveredAtFullLoad = delays.length;
    delays.length = 0;
    // Delivery: messages sent at the target rate, as the target reads ("at 300 messages/s, p95 ≤ 100 ms").
    const paced = await driveGraphQL({
      url: api.url,
      connections: options.connections,
      durationSeconds: Math.max(5, Math.round(options.durationSeconds / 2)),
      next,
      overallRate: MESSAGE_TARGETS.messagesPerSecond,
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    measuring = false;
    const delivery = latencySummary(delays);
    const errors = load.requests - load.successes + paced.requests - paced.successes;
    return {
      name: 'sendMessage with 200 subscribers',
      description: `Providers send messages round the ${pairs.length} conversations (${options.connections} connections); each conversation's client holds a \`messageAdded\` subscription on a graphql-ws socket of its own (${subscribers.length} sockets), which loads every message as its subscriber sees it (masked). Throughput: every connection sends as soon as it is answered. Delivery (from the send to the arrival on the socket): messages sent at ${MESSAGE_TARGETS.messagesPerSecond}/s (${paced.throughput}/s achieved) for ${paced.durationSeconds} s.`,
      load,
      cpuCores,
      waitedForQuietSeconds,
      statementsPerRequest: null,
      apiRssMaxMb: rss.stop(),
      checks: [
        {
          metric: 'Messages sent per second (successes only)',
          measured: String(load.throughput),
          target: `≥ ${MESSAGE_TARGETS.messagesPerSecond}/s`,
          met: load.throughput >= MESSAGE_TARGETS.messagesPerSecond,
        },
        {
          metric: `Delivery to the subscription at ${MESSAGE_TARGETS.messagesPerSecond} messages/s, p50 / p95 / p99`,
          measured: `${delivery.p50} / ${delivery.p95} / ${delivery.p99} ms`,
          target: `p95 ≤ ${MESSAGE_TARGETS.deliveryP95Ms} ms`,
          met: delays.length > 0 && delivery.p95 <= MESSAGE_TARGETS.deliveryP95Ms,
        },
        {
          metric: 'Messages delivered / sent (full load; paced)',
          measured: `${deliveredAtFullLoad} / ${load.successes}; ${delays.length} / ${paced.successes}`,
          target: 'all',
          met: deliveredAtFullLoad >= load.successes && delays.length >= paced.successes,
        },
        { metric: 'Errors', measured: String(errors), target: '0', met: errors === 0 },
      ],
    };
  } finally {
    await Promise.all(subscribers.map((subscriber) => subscriber.close()));
  }
}

if (require.main === module) runAlone('messages', (api, postmaster) => messagesScenario(api, postmaster, readOptions(process.env)));
