/**
 * The priceInsight scenario: `priceInsight(category, near, radiusKm: 10)` asked by signed-in users,
 * at 8 connections, each request a different point (a French town, weighted by population, within
 * 8 km) and category, on the aggregate the refresh (the hourly job's, run by the CLI) built from the
 * seeded accepted bids. `npm run bench:price-insight` runs it alone on the bench's database
 * (seeded by `npm run bench`), with BENCH_DURATION_SECONDS, BENCH_WARMUP_SECONDS, BENCH_POSTGRES_PORT,
 * BENCH_API_PORT and BENCH_QUIET_WAIT_SECONDS as for the bench.
 */
import { runAlone } from './alone';
import { ApiProcess, sampleRss } from './api-process';
import { cpuMeter, untilQuiet } from './cpu';
import { refreshPriceInsight } from './database';
import { driveGraphQL, GraphQLCall } from './load';
import { BenchOptions, readOptions } from './options';
import { ScenarioReport } from './report';
import { LOGIN, LOGIN_PASSWORD, SearchPoint, searchPoints } from './scenarios';
import { TARGETS } from './targets';

export const PRICE_INSIGHT = `query PriceInsight($category: MissionCategory!, $near: GeoPointInput!, $radiusKm: Float) {
  priceInsight(category: $category, near: $near, radiusKm: $radiusKm) {
    p25AmountCents medianAmountCents p75AmountCents medianHourlyAmountCents computedAt } }`;

export const PRICE_INSIGHT_CONNECTIONS = 8;
const RADIUS_KM = 10;
/** Seeded clients ask (any signed-in user may). */
const ASKERS = Array.from({ length: PRICE_INSIGHT_CONNECTIONS }, (_, index) => `client-${index + 1}@seed.example`);

export interface PriceInsightContext {
  api: ApiProcess;
  postmaster: number;
  options: BenchOptions;
  /** Seconds the refresh took, before the scenario. */
  refreshSeconds: number;
}

function callsFrom(points: () => SearchPoint, tokens: string[]): () => GraphQLCall {
  let turn = 0;
  return () => {
    const { category, ...near } = points();
    return {
      body: JSON.stringify({ query: PRICE_INSIGHT, variables: { category, near, radiusKm: RADIUS_KM } }),
      token: tokens[turn++ % tokens.length],
    };
  };
}

async function answer(url: string, call: GraphQLCall): Promise<{ data?: { priceInsight: unknown; login?: { accessToken: string } } }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(call.token ? { authorization: `Bearer ${call.token}` } : {}) },
    body: call.body,
  });
  return (await response.json()) as { data?: { priceInsight: unknown } };
}

export async function priceInsightScenario({ api, postmaster, options, refreshSeconds }: PriceInsightContext): Promise<ScenarioReport> {
  const tokens: string[] = [];
  for (const email of ASKERS) {
    const body = await answer(api.url, {
      body: JSON.stringify({ query: LOGIN, variables: { input: { email, password: LOGIN_PASSWORD } } }),
    });
    tokens.push(body.data!.login!.accessToken);
  }
  // How often the sample is large enough (k-anonymity) at the measured run's points.
  const sampled = callsFrom(searchPoints(), tokens);
  let answered = 0;
  for (let i = 0; i < 200; i++) if ((await answer(api.url, sampled())).data?.priceInsight) answered++;

  const [next, warmupNext] = [callsFrom(searchPoints(), tokens), callsFrom(searchPoints(7), tokens)];
  const connections = PRICE_INSIGHT_CONNECTIONS;
  if (options.warmupSeconds > 0) {
    await driveGraphQL({ url: api.url, connections, durationSeconds: options.warmupSeconds, next: warmupNext });
  }
  const waitedForQuietSeconds = await untilQuiet(api.pid, postmaster, options.quietWaitSeconds);
  const rss = sampleRss(api.pid);
  const cpu = cpuMeter(api.pid, postmaster);
  const load = await driveGraphQL({ url: api.url, connections, durationSeconds: options.durationSeconds, next });
  const errors = load.requests - load.successes;
  return {
    name: 'priceInsight',
    description: `\`priceInsight(category, near, radiusKm: ${RADIUS_KM})\` by signed-in seeded clients, ${connections} connections; a different point (a French town, weighted by population, within 8 km) and category on every request, over the aggregate the refresh job built from the seeded accepted bids (refreshed in ${refreshSeconds} s before the scenario).`,
    load,
    cpuCores: cpu.stop(),
    waitedForQuietSeconds,
    statementsPerRequest: null,
    apiRssMaxMb: rss.stop(),
    checks: [
      { metric: 'Throughput (successes/s)', measured: String(load.throughput), target: '', met: true },
      {
        metric: `p95 latency at ${connections} connections`,
        measured: `${load.latencyMs.p95} ms`,
        target: `≤ ${TARGETS.priceInsightP95Ms} ms`,
        met: load.latencyMs.p95 <= TARGETS.priceInsightP95Ms,
      },
      {
        metric: 'Latency p50 / p95 / p99',
        measured: `${load.latencyMs.p50} / ${load.latencyMs.p95} / ${load.latencyMs.p99} ms`,
        target: '',
        met: true,
      },
      { metric: 'Points answered (10 providers and 10 clients in the sample), of 200', measured: String(answered), target: '', met: true },
      { metric: 'Aggregate refresh (the hourly job), seconds', measured: String(refreshSeconds), target: '', met: true },
      { metric: 'Errors', measured: String(errors), target: '0', met: errors === 0 },
    ],
  };
}

/** `npm run bench:price-insight`: the aggregate refreshed, the API started, this scenario; its report in bench/results/price-insight.json. */
if (require.main === module) {
  let refreshSeconds = 0;
  runAlone(
    'price-insight',
    (api, postmaster) => priceInsightScenario({ api, postmaster, options: readOptions(process.env), refreshSeconds }),
    { prepare: async (env) => void (refreshSeconds = await refreshPriceInsight(env)) },
  );
}
