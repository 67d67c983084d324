/**
 * `npm run bench` (SPEC §11): seeds (or reuses) a million missions in the bench's own embedded
 * PostgreSQL, counts the SQL statements of each kind of request, starts the built API in production
 * mode, drives it on loopback (search, a mission's bids, placeBid, login, priceInsight, identity document uploads, messages with
 * 200 subscribers, invoicing: completions and the document job, on an API with its worker in-process), runs the search's SQL
 * through a minimal `node:http` + `pg` server and through raw `pg` as the floors, and writes bench/report.json and bench/REPORT.md.
 *
 * Environment: BENCH_DURATION_SECONDS (30), BENCH_WARMUP_SECONDS (3), BENCH_MISSIONS (1000000),
 * BENCH_CONNECTIONS (32), BENCH_DATABASE_POOL_SIZE (10), BENCH_POSTGRES_PORT (54339), BENCH_API_PORT (3901),
 * BENCH_CPU_PROFILE (unset; 1 writes a V8 CPU profile of the API to bench/results/profiles),
 * BENCH_API_NODE_OPTIONS (NODE_OPTIONS of the API process, e.g. --max-semi-space-size=32, to try runtime settings),
 * BENCH_QUIET_WAIT_SECONDS (30: before each scenario, wait at most that long for other processes to leave the CPU alone).
 * SESSION_CACHE_TTL_SECONDS is passed on to the API (0 for an A/B of the session cache: every request reads its sign-in).
 */
import 'reflect-metadata';
import { StripeEmulator } from '@marketplace/stripe-emulator';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { ApiProcess, residentMb, sampleRss, startApi } from './api-process';
import { assertSameAnswers, startHttpFloor } from './http-floor';
import { apiEnvironment, DATA_DIR, readOptions, RESULTS_DIR, ROOT } from './options';
import { cpuMeter, postmasterPid, untilQuiet } from './cpu';
import { prewarm, refreshPriceInsight, seedIfNeeded, startBenchDatabase } from './database';
import { driveGraphQL, GraphQLCall } from './load';
import { rawSearchFloor } from './raw-search';
import { BenchReport, ScenarioReport, writeReport } from './report';
import { assemble, TARGETS } from './targets';
import {
  bidInput,
  loadFixtures,
  LOGIN,
  LOGIN_PASSWORD,
  logInUsers,
  MISSION_WITH_BIDS,
  PLACE_BID,
  SEARCH,
  searchPoints,
  searchVariables,
} from './scenarios';
import { countStatements } from './statements';
import { invoicesScenario } from './invoices';
import { PRICE_INSIGHT_CONNECTIONS, priceInsightScenario } from './price-insight';
import { messagesScenario } from './messages';
import { subscriptionsScenario } from './subscriptions';
import { uploadsScenario } from './uploads';

async function main(): Promise<void> {
  const startedAt = performance.now();
  const options = readOptions(process.env);
  const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const stripe = await StripeEmulator.start({ port: 0, webhookSecret });
  say(`PostgreSQL: data in ${DATA_DIR}, port ${options.postgresPort}`);
  const database = await startBenchDatabase(DATA_DIR, options.postgresPort);
  let api: ApiProcess | undefined;
  try {
    const env = apiEnvironment(options, database.url, stripe, webhookSecret);
    const seeding = await seedIfNeeded(options, env, database.url, say);
    const priceInsightRefreshSeconds = await refreshPriceInsight(env);
    say(`Price insight aggregate refreshed in ${priceInsightRefreshSeconds} s`);
    const prewarmSeconds = await prewarm(database.url);
    say(`Database loaded into shared buffers in ${prewarmSeconds} s`);
    const postmaster = postmasterPid(database.dataDir);

    const db = new Client({ connectionString: database.url });
    await db.connect();
    const fixtures = await loadFixtures(db, {
      providers: 200,
      clients: 200,
      // Enough fresh missions for 5× the target rate; a faster API runs out and says so (NOT_FOUND/CONFLICT are counted).
      bidTargets: TARGETS.bidsPerSecond * 5 * (options.durationSeconds + options.warmupSeconds) + 10,
    });
    const data = await dataSummary(db);
    const postgres = (await db.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
    await db.end();
    say(`${data.missions.toLocaleString('en-US')} missions; ${fixtures.bidTargets.length.toLocaleString('en-US')} fresh bid targets`);

    say('Counting SQL statements per request (in-process API)…');
    const statements = await countStatements(env, database.url, fixtures);

    say(`Starting the API (production, pool ${options.poolSize})…`);
    api = await startApi({
      env: { ...env, NODE_OPTIONS: options.apiNodeOptions },
      port: options.apiPort,
      resultsDir: RESULTS_DIR,
      cpuProfile: options.cpuProfile,
    });
    const idleRssMb = residentMb(api.pid);
    const tokens = await logInUsers(api.url, [...fixtures.providerEmails, ...fixtures.missionsWithBids.map((m) => m.clientEmail)]);
    say(`Logged in ${tokens.size} users`);

    const scenarios: ScenarioReport[] = [];
    const running = api;
    /**
     * A warm-up (JIT, pools), a wait for a quiet machine, then the measured run with RSS and CPU sampled,
     * on the API unless another server (the HTTP floor) is given.
     */
    const run = async (
      name: string,
      description: string,
      connections: number,
      next: () => GraphQLCall,
      warmupNext = next,
      server: ApiProcess = running,
    ) => {
      say(`${name}: ${options.durationSeconds} s at ${connections} connections…`);
      if (options.warmupSeconds > 0) {
        await driveGraphQL({ url: server.url, connections, durationSeconds: options.warmupSeconds, next: warmupNext });
      }
      const waitedForQuietSeconds = await untilQuiet(server.pid, postmaster, options.quietWaitSeconds);
      const rss = sampleRss(server.pid);
      const cpu = cpuMeter(server.pid, postmaster);
      const load = await driveGraphQL({ url: server.url, connections, durationSeconds: options.durationSeconds, next });
      const report: ScenarioReport = {
        name,
        description,
        load,
        cpuCores: cpu.stop(),
        waitedForQuietSeconds,
        statementsPerRequest: null,
        apiRssMaxMb: rss.stop(),
        checks: [],
      };
      scenarios.push(report);
      say(`  ${load.throughput} successes/s, p95 ${load.latencyMs.p95} ms, ${load.requests - load.successes} not successful`);
      return report;
    };

    // The measured runs and both floors search the same sequence of points; the warm-ups others.
    const searchOn = (server: ApiProcess | undefined, connections: number, name: string, description: string) => {
      const [nextPoint, warmupPoint] = [searchPoints(), searchPoints(7)];
      return run(
        name,
        description,
        connections,
        () => ({ body: JSON.stringify({ query: SEARCH, variables: searchVariables(nextPoint()) }) }),
        () => ({ body: JSON.stringify({ query: SEARCH, variables: searchVariables(warmupPoint()) }) }),
        server,
      );
    };
    const searchDescription = `\`missions(filter: { near, radiusKm: 10, category }, first: 20)\` with each mission's client, their reputation as a client, and \`bidCount\`; anonymous; a different point (a French town, weighted by population, within 8 km) and category on every request.`;
    const search = await searchOn(undefined, options.connections, 'Search near a point', searchDescription);

    say("Starting the HTTP floor (node:http + pg, the API's statements)…");
    const httpFloorServer = await startHttpFloor({
      databaseUrl: database.url,
      captured: statements.search,
      poolSize: options.poolSize,
      port: options.apiPort + 1,
      resultsDir: RESULTS_DIR,
    });
    let httpFloor: ScenarioReport;
    try {
      await assertSameAnswers(running.url, httpFloorServer.url, Array.from({ length: 20 }, searchPoints(3)));
      httpFloor = await searchOn(
        httpFloorServer,
        options.connections,
        'Search through a minimal HTTP server (floor)',
        `The same requests, answered by bench/http-floor-server.ts: \`node:http\` and a \`pg\` Pool of ${options.poolSize} (the API's size) running the statements the API ran for one search, answering the API's JSON field for field (checked on 20 points before the load). No framework, GraphQL execution or ORM: the API's throughput is measured against it.`,
      );
      httpFloor.apiRssMaxMb = null;
    } finally {
      await httpFloorServer.stop();
    }
    const search16 = await searchOn(undefined, 16, 'Search near a point, 16 connections', `The same search at 16 connections.`);

    let missionTurn = 0;
    const missionBids = await run(
      "A mission's bids, as its client",
      "`mission(id)` with every bid, its provider, their identity badge and reputation as a provider; the mission's client (who sees all bids) asks, on open missions with 3 or more bids.",
      options.connections,
      () => {
        const { clientEmail, missionId } = fixtures.missionsWithBids[missionTurn++ % fixtures.missionsWithBids.length];
        return { body: JSON.stringify({ query: MISSION_WITH_BIDS, variables: { id: missionId } }), token: tokens.get(clientEmail) };
      },
    );

    let bidTurn = 0;
    const placeBid = await run(
      'placeBid',
      'Verified seeded providers, each request a fresh open mission (not their own, no live bid of theirs): the real mutation with every check and constraint (identity, mission row lock and counter, one-live-bid index, CHECKs), each commit durable. A refusal (e.g. CONFLICT) is an error, not a success.',
      options.connections,
      () => {
        const index = bidTurn++;
        const target = fixtures.bidTargets[index % fixtures.bidTargets.length];
        return {
          body: JSON.stringify({ query: PLACE_BID, variables: bidInput(target.missionId, index) }),
          token: tokens.get(target.providerEmail),
        };
      },
    );

    let loginTurn = 0;
    const loginConnections = Math.min(8, options.connections);
    const login = await run(
      'login',
      `\`login\` of seeded users (argon2id, 19 MiB, 2 passes, by design slow); ${loginConnections} connections.`,
      loginConnections,
      () => {
        const email = fixtures.loginEmails[loginTurn++ % fixtures.loginEmails.length];
        return { body: JSON.stringify({ query: LOGIN, variables: { input: { email, password: LOGIN_PASSWORD } } }) };
      },
    );

    say(`priceInsight: ${options.durationSeconds} s at ${PRICE_INSIGHT_CONNECTIONS} connections…`);
    const priceInsight = await priceInsightScenario({ api: running, postmaster, options, refreshSeconds: priceInsightRefreshSeconds });
    say(`  ${priceInsight.checks.map((check) => `${check.metric}: ${check.measured}`).join('; ')}`);

    say('Identity document uploads: 48 × 10 MB at once…');
    const uploads = await uploadsScenario(running, postmaster, options.quietWaitSeconds);
    say(`  ${uploads.checks.map((check) => `${check.metric}: ${check.measured}`).join('; ')}`);

    say('Idle subscriptions: 2,000 on 1,000 graphql-ws sockets…');
    const subscriptions = await subscriptionsScenario(running, postmaster, options.quietWaitSeconds);
    say(`  ${subscriptions.checks.map((check) => `${check.metric}: ${check.measured}`).join('; ')}`);

    say('Messages with 200 subscribers connected…');
    const messages = await messagesScenario(running, postmaster, options);
    say(`  ${messages.checks.map((check) => `${check.metric}: ${check.measured}`).join('; ')}`);

    await api.stop();
    api = undefined;

    say('Invoicing: a backlog drained by the worker, completions with and without a mandate…');
    const invoices = await invoicesScenario({ options, env, databaseUrl: database.url, stripe, postmaster, say });

    say(`Raw pg floor: the search's SQL, ${options.durationSeconds} s at ${options.connections} connections…`);
    const floorWaited = await untilQuiet(null, postmaster, options.quietWaitSeconds);
    const floorCpu = cpuMeter(null, postmaster);
    const floor = await rawSearchFloor(database.url, statements.search, options.connections, options.durationSeconds, searchPoints());
    const floorCpuCores = floorCpu.stop();
    say(`  ${floor.throughput} searches/s, p95 ${floor.latencyMs.p95} ms`);

    const report = assemble({
      options,
      startedAt,
      postgres,
      data,
      seeding: { ...seeding, prewarmSeconds },
      statements,
      idleRssMb,
      scenarios: { search, search16, httpFloor, missionBids, placeBid, login, priceInsight, uploads, subscriptions, messages, invoices },
      floor,
      floorCpuCores,
      floorWaited,
      source: sourceVersion(),
    });
    await writeReport(report, join(ROOT, 'bench', 'report.json'), join(ROOT, 'bench', 'REPORT.md'));
    say(`Wrote bench/report.json and bench/REPORT.md in ${Math.round(report.totalSeconds)} s; all targets met: ${report.allTargetsMet}`);
  } finally {
    await api?.stop();
    await database.stop();
    await stripe.stop();
  }
}

/** The commit measured, and whether the working tree differed from it (read-only git commands). */
function sourceVersion(): BenchReport['source'] {
  const git = (...args: string[]) => execFileSync('git', ['--no-optional-locks', ...args], { cwd: ROOT, encoding: 'utf8' }).trim();
  try {
    return { commit: git('rev-parse', '--short', 'HEAD'), uncommittedChanges: git('status', '--porcelain', '--untracked-files=no') !== '' };
  } catch {
    return { commit: 'unknown', uncommittedChanges: false };
  }
}

async function dataSummary(db: Client): Promise<Record<string, number>> {
  const { rows } = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM missions) AS missions,
            (SELECT count(*)::int FROM missions WHERE status = 'OPEN') AS "openMissions",
            (SELECT count(*)::int FROM bids) AS bids,
            (SELECT count(*)::int FROM ratings) AS ratings,
            (SELECT count(*)::int FROM reputations) AS reputations,
            (SELECT count(*)::int FROM users) AS users`,
  );
  return rows[0];
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
