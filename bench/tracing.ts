/**
 * `npm run bench:tracing`: what OpenTelemetry tracing costs when it is on. Two API processes on the
 * bench's database, one without tracing and one with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a local
 * sink (an HTTP server in this process that takes the OTLP/protobuf exports and drops them, as a
 * collector's receiver would), every request sampled. The search scenario drives them in turns,
 * round after round (off, on, off, on…), so that whatever else the shared machine does falls on both;
 * each round reports searches per second and the API's and PostgreSQL's CPU milliseconds per search.
 *
 * Environment as for the bench (BENCH_POSTGRES_PORT, BENCH_CONNECTIONS, BENCH_WARMUP_SECONDS,
 * BENCH_QUIET_WAIT_SECONDS…), and BENCH_MISSIONS (default 100000 here: seeded first when fewer),
 * BENCH_TRACING_ROUNDS (3), BENCH_DURATION_SECONDS (15 here, per round and side). Writes bench/results/tracing.json.
 */
import 'reflect-metadata';
import { StripeEmulator } from '@marketplace/stripe-emulator';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ApiProcess, startApi } from './api-process';
import { cpuMeter, postmasterPid, untilQuiet } from './cpu';
import { prewarm, seedIfNeeded, startBenchDatabase } from './database';
import { driveGraphQL } from './load';
import { apiEnvironment, DATA_DIR, readOptions, RESULTS_DIR } from './options';
import { SEARCH, searchPoints, searchVariables } from './scenarios';

interface Round {
  tracing: boolean;
  round: number;
  searchesPerSecond: number;
  p95Ms: number;
  apiCpuMsPerSearch: number;
  postgresCpuMsPerSearch: number;
  otherCores: number;
  errors: number;
}

/** Takes OTLP exports and drops them, counting requests and bytes. */
async function startSink(): Promise<{ url: string; received: () => { requests: number; bytes: number }; close(): Promise<void> }> {
  let requests = 0;
  let bytes = 0;
  const server = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => ({ requests, bytes }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;

async function main(): Promise<void> {
  const options = readOptions({ BENCH_MISSIONS: '100000', BENCH_DURATION_SECONDS: '15', ...process.env });
  const rounds = Number(process.env.BENCH_TRACING_ROUNDS ?? 3);
  const say = (line: string) => process.stderr.write(`[bench:tracing] ${line}\n`);
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const stripe = await StripeEmulator.start({ port: 0, webhookSecret });
  const database = await startBenchDatabase(DATA_DIR, options.postgresPort);
  const sink = await startSink();
  const apis: ApiProcess[] = [];
  try {
    const env = apiEnvironment(options, database.url, stripe, webhookSecret);
    await seedIfNeeded(options, env, database.url, say);
    say(`Database loaded into shared buffers in ${await prewarm(database.url)} s`);
    const postmaster = postmasterPid(database.dataDir);
    const untraced = await startApi({ env, port: options.apiPort, resultsDir: join(RESULTS_DIR, 'tracing-off'), cpuProfile: false });
    apis.push(untraced);
    const traced = await startApi({
      env: {
        ...env,
        OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        OTEL_TRACES_SAMPLER: 'always_on',
      },
      port: options.apiPort + 1,
      resultsDir: join(RESULTS_DIR, 'tracing-on'),
      cpuProfile: false,
    });
    apis.push(traced);

    const results: Round[] = [];
    const points = searchPoints();
    const next = () => ({ body: JSON.stringify({ query: SEARCH, variables: searchVariables(points()) }) });
    for (let round = 1; round <= rounds; round++) {
      for (const [tracing, api] of [
        [false, untraced],
        [true, traced],
      ] as const) {
        if (options.warmupSeconds > 0) {
          await driveGraphQL({ url: api.url, connections: options.connections, durationSeconds: options.warmupSeconds, next });
        }
        await untilQuiet(api.pid, postmaster, options.quietWaitSeconds);
        const cpu = cpuMeter(api.pid, postmaster);
        const load = await driveGraphQL({ url: api.url, connections: options.connections, durationSeconds: options.durationSeconds, next });
        const cores = cpu.stop();
        const perSearch = (cores: number) => round2((cores * load.durationSeconds * 1000) / Math.max(1, load.successes));
        const result: Round = {
          tracing,
          round,
          searchesPerSecond: load.throughput,
          p95Ms: load.latencyMs.p95,
          apiCpuMsPerSearch: perSearch(cores.api),
          postgresCpuMsPerSearch: perSearch(cores.postgres),
          otherCores: cores.other,
          errors: load.requests - load.successes,
        };
        results.push(result);
        say(
          `round ${round}, tracing ${tracing ? 'on ' : 'off'}: ${result.searchesPerSecond} searches/s, p95 ${result.p95Ms} ms, ` +
            `API ${result.apiCpuMsPerSearch} ms and PostgreSQL ${result.postgresCpuMsPerSearch} ms of CPU per search, other processes ${result.otherCores} cores`,
        );
      }
    }
    const side = (tracing: boolean) => {
      const of = results.filter((result) => result.tracing === tracing);
      return {
        searchesPerSecond: round1(median(of.map((result) => result.searchesPerSecond))),
        apiCpuMsPerSearch: median(of.map((result) => result.apiCpuMsPerSearch)),
        postgresCpuMsPerSearch: median(of.map((result) => result.postgresCpuMsPerSearch)),
      };
    };
    const [off, on] = [side(false), side(true)];
    const summary = {
      missions: options.missions,
      connections: options.connections,
      secondsPerRound: options.durationSeconds,
      rounds,
      medians: { off, on },
      throughputChangePercent: round1(((on.searchesPerSecond - off.searchesPerSecond) / off.searchesPerSecond) * 100),
      apiCpuChangePercent: round1(((on.apiCpuMsPerSearch - off.apiCpuMsPerSearch) / off.apiCpuMsPerSearch) * 100),
      exported: sink.received(),
      results,
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, 'tracing.json'), `${JSON.stringify(summary, null, 2)}\n`);
    say(
      `medians: off ${off.searchesPerSecond}/s, ${off.apiCpuMsPerSearch} ms API CPU per search; on ${on.searchesPerSecond}/s, ` +
        `${on.apiCpuMsPerSearch} ms (throughput ${summary.throughputChangePercent} %, API CPU ${summary.apiCpuChangePercent} %); ` +
        `${summary.exported.requests} exports, ${Math.round(summary.exported.bytes / 1024)} KB; wrote bench/results/tracing.json`,
    );
  } finally {
    await Promise.all(apis.map((api) => api.stop()));
    await sink.close();
    await database.stop();
    await stripe.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
