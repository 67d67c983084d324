/**
 * `npm run bench:growth` (issue #23, "How cost grows"), kept out of `npm run bench` because it seeds
 * and measures several databases: the search's cost (CPU per request in the API and in PostgreSQL,
 * p95 at 8 connections) at each size of data, radius and page size, what PostgreSQL did for one page
 * (EXPLAIN ANALYZE: rows examined, buffers, index size), and placeBid's cost at each size. Writes
 * bench/growth.json and the "How cost grows" section of bench/REPORT.md (which `npm run bench` keeps).
 *
 * Each size has its own database: `npm run bench`'s (.data/bench) for BENCH_MISSIONS, .data/bench-<n>
 * for the others, seeded by `npm run cli -- seed` when short (about 4 minutes per million missions).
 *
 * Environment: BENCH_GROWTH_SIZES (100000,1000000,3000000), BENCH_GROWTH_SECONDS (10 per measurement),
 * BENCH_GROWTH_CONNECTIONS (8), and the settings of bench/options.ts.
 */
import 'reflect-metadata';
import { StripeEmulator } from '@marketplace/stripe-emulator';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { Client } from 'pg';
import { startApi } from './api-process';
import { cpuMeter, postmasterPid, untilQuiet } from './cpu';
import { countMissions, prewarm, runSeeder, startBenchDatabase, withClient } from './database';
import { driveGraphQL } from './load';
import { apiEnvironment, DATA_DIR, readOptions, RESULTS_DIR, ROOT } from './options';
import { cpuMsPerRequest, GROWTH_HEADING, NOTES_HEADING } from './report';
import { bidInput, loadFixtures, logInUsers, PLACE_BID, SEARCH, searchPoints, searchVariables } from './scenarios';
import { startInProcessApi } from './statements';

const RADII_KM = [2, 10, 50];
const PAGE_SIZES = [20, 100];
/** Points whose page statement is explained, per radius: the mean of what PostgreSQL did for them. */
const EXPLAINED_POINTS = 10;

interface Measured {
  throughput: number;
  p95Ms: number;
  apiCpuMs: number;
  postgresCpuMs: number;
  errors: number;
}

interface SearchCost extends Measured {
  radiusKm: number;
  pageSize: number;
}

/** What PostgreSQL did for one page (first: 20), averaged over EXPLAINED_POINTS points. */
interface PagePlan {
  radiusKm: number;
  rowsExamined: number;
  rowsReturned: number;
  buffers: number;
  executionMs: number;
}

interface SizeReport {
  missions: number;
  openMissions: number;
  bidsPerMission: number;
  /** The GiST index over the public point that the nearest-first search walks, and the missions table. */
  indexMb: number;
  tableMb: number;
  seededSeconds: number | null;
  search: SearchCost[];
  plans: PagePlan[];
  placeBid: Measured;
}

async function main(): Promise<void> {
  const options = readOptions(process.env);
  const sizes = (process.env.BENCH_GROWTH_SIZES ?? '100000,1000000,3000000').split(',').map(Number);
  const seconds = Number(process.env.BENCH_GROWTH_SECONDS ?? 10);
  const connections = Number(process.env.BENCH_GROWTH_CONNECTIONS ?? 8);
  const say = (line: string) => process.stderr.write(`[bench:growth] ${line}\n`);
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const stripe = await StripeEmulator.start({ port: 0, webhookSecret });
  const reports: SizeReport[] = [];
  try {
    for (const size of sizes) reports.push(await measureSize(size, { options, seconds, connections, stripe, webhookSecret, say }));
  } finally {
    await stripe.stop();
  }
  const report = { generatedAt: new Date().toISOString(), connections, secondsPerMeasurement: seconds, sizes: reports };
  const jsonPath = join(ROOT, 'bench', 'growth.json');
  writeFileSync(jsonPath, await format(JSON.stringify(report), { ...(await resolveConfig(jsonPath)), filepath: jsonPath }));
  await writeGrowthSection(growthMarkdown(report));
  say('Wrote bench/growth.json and the "How cost grows" section of bench/REPORT.md');
}

async function measureSize(
  size: number,
  context: {
    options: ReturnType<typeof readOptions>;
    seconds: number;
    connections: number;
    stripe: StripeEmulator;
    webhookSecret: string;
    say: (line: string) => void;
  },
): Promise<SizeReport> {
  const { options, seconds, connections, stripe, webhookSecret, say } = context;
  const dataDir = size === options.missions ? DATA_DIR : `${DATA_DIR}-${size}`;
  say(`${size.toLocaleString('en-US')} missions: PostgreSQL in ${dataDir}`);
  const database = await startBenchDatabase(dataDir, options.postgresPort);
  try {
    const env = apiEnvironment(options, database.url, stripe, webhookSecret);
    const existing = await countMissions(database.url);
    let seededSeconds: number | null = null;
    if (existing < size) {
      say(`  seeding ${(size - existing).toLocaleString('en-US')} missions…`);
      const startedAt = performance.now();
      await runSeeder(env, size - existing);
      seededSeconds = Math.round((performance.now() - startedAt) / 1000);
    }
    say(`  prewarmed in ${await prewarm(database.url)} s`);
    const postmaster = postmasterPid(database.dataDir);
    const shape = await dataShape(database.url);

    say('  explaining the page statement…');
    const plans = await explainPages(env, database.url);

    const db = new Client({ connectionString: database.url });
    await db.connect();
    const fixtures = await loadFixtures(db, { providers: 100, clients: 1, bidTargets: 500 * (seconds + 2) + 10 });
    await db.end();

    const api = await startApi({ env, port: options.apiPort, resultsDir: RESULTS_DIR, cpuProfile: false });
    try {
      const tokens = await logInUsers(api.url, fixtures.providerEmails);
      const measure = async (next: () => { body: string; token?: string }): Promise<Measured> => {
        await driveGraphQL({ url: api.url, connections, durationSeconds: 2, next });
        await untilQuiet(api.pid, postmaster, options.quietWaitSeconds);
        const cpu = cpuMeter(api.pid, postmaster);
        const load = await driveGraphQL({ url: api.url, connections, durationSeconds: seconds, next });
        const cores = cpu.stop();
        return {
          throughput: load.throughput,
          p95Ms: load.latencyMs.p95,
          apiCpuMs: cpuMsPerRequest(load, cores.api),
          postgresCpuMs: cpuMsPerRequest(load, cores.postgres),
          errors: load.requests - load.successes,
        };
      };
      const search: SearchCost[] = [];
      for (const radiusKm of RADII_KM) {
        for (const pageSize of PAGE_SIZES) {
          const nextPoint = searchPoints();
          const measured = await measure(() => ({
            body: JSON.stringify({ query: SEARCH, variables: searchVariables(nextPoint(), pageSize, radiusKm) }),
          }));
          say(
            `  search ${radiusKm} km, first ${pageSize}: ${measured.throughput}/s, p95 ${measured.p95Ms} ms, API ${measured.apiCpuMs} ms, PG ${measured.postgresCpuMs} ms`,
          );
          search.push({ radiusKm, pageSize, ...measured });
        }
      }
      let bidTurn = 0;
      const placeBid = await measure(() => {
        const index = bidTurn++;
        const target = fixtures.bidTargets[index % fixtures.bidTargets.length];
        return {
          body: JSON.stringify({ query: PLACE_BID, variables: bidInput(target.missionId, index) }),
          token: tokens.get(target.providerEmail),
        };
      });
      say(`  placeBid: ${placeBid.throughput}/s, p95 ${placeBid.p95Ms} ms, API ${placeBid.apiCpuMs} ms, PG ${placeBid.postgresCpuMs} ms`);
      return { missions: size, ...shape, seededSeconds, search, plans, placeBid };
    } finally {
      await api.stop();
    }
  } finally {
    await database.stop();
  }
}

async function dataShape(url: string): Promise<Pick<SizeReport, 'openMissions' | 'bidsPerMission' | 'indexMb' | 'tableMb'>> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ open: number; bids: number; missions: number; index: string; table: string }>(
      `SELECT (SELECT count(*)::int FROM missions WHERE status = 'OPEN') AS open,
              (SELECT count(*)::int FROM bids) AS bids,
              (SELECT count(*)::int FROM missions) AS missions,
              (SELECT sum(pg_relation_size(i.indexrelid)) FROM pg_index i JOIN pg_am a ON a.oid = (SELECT relam FROM pg_class WHERE oid = i.indexrelid)
                WHERE i.indrelid = 'missions'::regclass AND a.amname = 'gist') AS index,
              pg_relation_size('missions') AS table`,
    );
    const mb = (bytes: string) => Math.round(Number(bytes) / 2 ** 20);
    const [row] = rows;
    return {
      openMissions: row.open,
      bidsPerMission: Math.round((row.bids / row.missions) * 100) / 100,
      indexMb: mb(row.index),
      tableMb: mb(row.table),
    };
  });
}

interface PlanNode {
  'Node Type': string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

/** The API's own page statement for each radius (captured on the in-process API), explained at the same points. */
async function explainPages(env: NodeJS.ProcessEnv, url: string): Promise<PagePlan[]> {
  const api = await startInProcessApi(env, url);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const plans: PagePlan[] = [];
    for (const radiusKm of RADII_KM) {
      const nextPoint = searchPoints(5);
      const totals = { rowsExamined: 0, rowsReturned: 0, buffers: 0, executionMs: 0 };
      for (let turn = 0; turn < EXPLAINED_POINTS; turn++) {
        const { statements } = await api.measure(SEARCH, searchVariables(nextPoint(), 20, radiusKm));
        const [page] = statements;
        const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(
          `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${page.text}`,
          page.values,
        );
        const [{ Plan: plan, 'Execution Time': executionMs }] = rows[0]['QUERY PLAN'];
        totals.rowsExamined += rowsExamined(plan);
        totals.rowsReturned += plan['Actual Rows'];
        totals.buffers += plan['Shared Hit Blocks'] + plan['Shared Read Blocks'];
        totals.executionMs += executionMs;
      }
      const mean = (value: number) => Math.round((value / EXPLAINED_POINTS) * 10) / 10;
      plans.push({
        radiusKm,
        rowsExamined: mean(totals.rowsExamined),
        rowsReturned: mean(totals.rowsReturned),
        buffers: mean(totals.buffers),
        executionMs: mean(totals.executionMs),
      });
    }
    return plans;
  } finally {
    await client.end();
    await api.close();
  }
}

/** Rows the scans produced or threw away (filter, recheck), over every loop: the work behind the page. */
function rowsExamined(node: PlanNode): number {
  const own = /Scan/.test(node['Node Type'])
    ? (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * node['Actual Loops']
    : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsExamined(child), 0);
}

function growthMarkdown(report: { generatedAt: string; connections: number; secondsPerMeasurement: number; sizes: SizeReport[] }): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const lines = [
    GROWTH_HEADING,
    '',
    `Generated by \`npm run bench:growth\` on ${report.generatedAt}: ${report.connections} connections, ${report.secondsPerMeasurement} s per measurement, ` +
      'the same sequence of points as the main run, anonymous search with the same fields. CPU per request as in the summary (cores used ÷ requests answered).',
    '',
    '| Missions (open) | Bids / mission | GiST indexes MB | Radius km | Page | Searches/s | p95 ms | CPU ms / search: API / PG | One page (first: 20), EXPLAIN ANALYZE: rows examined / returned, buffers, ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const size of report.sizes) {
    for (const cost of size.search) {
      const plan = size.plans.find((p) => p.radiusKm === cost.radiusKm)!;
      lines.push(
        `| ${n(size.missions)} (${n(size.openMissions)}) | ${size.bidsPerMission} | ${size.indexMb} | ${cost.radiusKm} | ${cost.pageSize} | ${n(cost.throughput)} | ${cost.p95Ms} | ${cost.apiCpuMs} / ${cost.postgresCpuMs} | ` +
          (cost.pageSize === 20 ? `${n(plan.rowsExamined)} / ${plan.rowsReturned}, ${n(plan.buffers)}, ${plan.executionMs}` : '') +
          ' |',
      );
    }
  }
  lines.push('', '| Missions | placeBid/s | p95 ms | CPU ms / bid: API / PG | Errors |', '| --- | ---: | ---: | --- | ---: |');
  for (const size of report.sizes) {
    const bid = size.placeBid;
    lines.push(`| ${n(size.missions)} | ${n(bid.throughput)} | ${bid.p95Ms} | ${bid.apiCpuMs} / ${bid.postgresCpuMs} | ${bid.errors} |`);
  }
  lines.push('');
  return lines.join('\n');
}

/** Replaces (or inserts, before the hand-written notes) the section in bench/REPORT.md. */
async function writeGrowthSection(section: string): Promise<void> {
  const path = join(ROOT, 'bench', 'REPORT.md');
  const report = existsSync(path) ? readFileSync(path, 'utf8') : `${NOTES_HEADING}\n`;
  const start = report.indexOf(GROWTH_HEADING);
  const notes = report.indexOf(NOTES_HEADING);
  const before = start >= 0 ? report.slice(0, start) : notes >= 0 ? report.slice(0, notes) : report;
  const after = notes >= 0 ? report.slice(notes) : '';
  const text = `${before.trimEnd()}\n\n${section}\n${after}`;
  writeFileSync(path, await format(text, { ...(await resolveConfig(path)), filepath: path }));
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
