/**
 * The SPEC §11 targets, checked against what a bench run measured: each scenario gets its table of
 * checks, and the report its overall verdict.
 */
import { cpus, totalmem } from 'node:os';
import { apiNodeFlags } from './api-process';
import { CpuSplit } from './cpu';
import { SERVER_SETTINGS } from './database';
import { LoadResult } from './load';
import { BenchReport, Check, cpuMsPerRequest, ScenarioReport } from './report';
import type { BenchOptions } from './options';
import { StatementCounts } from './statements';

export const TARGETS = {
  searchP95MsAt16: 50,
  searchP95MsAt32: 75,
  searchShareOfHttpFloor: 0.75,
  searchApiCpuMs: 0.8,
  maxStatements: 8,
  bidsPerSecond: 300,
  rssMb: 300,
  priceInsightP95Ms: 50,
};

export interface Measurements {
  options: BenchOptions;
  startedAt: number;
  postgres: string;
  data: Record<string, number>;
  seeding: BenchReport['seeding'];
  statements: StatementCounts;
  idleRssMb: number | null;
  /** `priceInsight`, `uploads`, `subscriptions`, `messages` and `invoices` come with their own checks (bench/price-insight.ts, bench/uploads.ts, bench/subscriptions.ts, bench/messages.ts, bench/invoices.ts). */
  scenarios: Record<
    | 'search'
    | 'search16'
    | 'httpFloor'
    | 'missionBids'
    | 'placeBid'
    | 'login'
    | 'priceInsight'
    | 'uploads'
    | 'subscriptions'
    | 'messages'
    | 'invoices',
    ScenarioReport
  >;
  floor: Omit<LoadResult, 'non2xx' | 'graphqlErrors' | 'timeouts'>;
  floorCpuCores: CpuSplit;
  floorWaited: number;
  source: BenchReport['source'];
}

/** Attaches statement counts and the SPEC §11 checks to each scenario. */
export function assemble(m: Measurements): BenchReport {
  const { search, search16, httpFloor, missionBids, placeBid, login, priceInsight, uploads, subscriptions, messages, invoices } =
    m.scenarios;
  const count = (request: string) => m.statements.counts[request].count;
  const boundedSearch = count('search, first: 20') === count('search, first: 100');
  const statementsBounded = (value: number) => value <= TARGETS.maxStatements;
  const errorsOf = (s: ScenarioReport) => s.load.requests - s.load.successes;
  const apiRssMaxMb = Math.max(m.idleRssMb ?? 0, ...Object.values(m.scenarios).map((s) => s.apiRssMaxMb ?? 0));
  const rssCheck = (s: ScenarioReport): Check => ({
    metric: 'API RSS, max',
    measured: `${s.apiRssMaxMb} MB`,
    target: `≤ ${TARGETS.rssMb} MB`,
    met: (s.apiRssMaxMb ?? Infinity) <= TARGETS.rssMb,
  });
  const latencyInfo = (s: ScenarioReport): Check[] => [
    { metric: 'Throughput (successes/s)', measured: String(s.load.throughput), target: '', met: true },
    {
      metric: 'Latency p50 / p95 / p99',
      measured: `${s.load.latencyMs.p50} / ${s.load.latencyMs.p95} / ${s.load.latencyMs.p99} ms`,
      target: '',
      met: true,
    },
  ];
  const p95Check = (s: ScenarioReport, targetMs: number, atConnections: number): Check => ({
    metric: `p95 latency at ${s.load.connections} connections`,
    measured: `${s.load.latencyMs.p95} ms`,
    target: `≤ ${targetMs} ms at ${atConnections}`,
    met: s.load.latencyMs.p95 <= targetMs,
  });
  const ratioTo = (floor: number) => Math.round((search.load.throughput / floor) * 100) / 100;
  const [httpRatio, rawRatio] = [ratioTo(httpFloor.load.throughput), ratioTo(m.floor.throughput)];
  const searchCpuMs = cpuMsPerRequest(search.load, search.cpuCores.api);

  search.statementsPerRequest = count('search, first: 20');
  search.checks = [
    ...latencyInfo(search),
    p95Check(search, TARGETS.searchP95MsAt32, 32),
    {
      metric: 'Throughput vs the minimal HTTP server (floor)',
      measured: `${search.load.throughput} / ${httpFloor.load.throughput} = ${httpRatio}`,
      target: `≥ ${TARGETS.searchShareOfHttpFloor}`,
      met: httpRatio >= TARGETS.searchShareOfHttpFloor,
    },
    {
      metric: 'API CPU per search',
      measured: `${searchCpuMs} ms`,
      target: `≤ ${TARGETS.searchApiCpuMs} ms`,
      met: searchCpuMs <= TARGETS.searchApiCpuMs,
    },
    {
      metric: 'Throughput vs the same SQL through raw pg (second reference)',
      measured: `${search.load.throughput} / ${m.floor.throughput} = ${rawRatio}`,
      target: '',
      met: true,
    },
    {
      metric: 'SQL statements per request (first: 20 / first: 100)',
      measured: `${count('search, first: 20')} / ${count('search, first: 100')}`,
      target: `same for any page size, ≤ ${TARGETS.maxStatements}`,
      met: boundedSearch && statementsBounded(count('search, first: 100')),
    },
    { metric: 'Errors', measured: String(errorsOf(search)), target: '0', met: errorsOf(search) === 0 },
    rssCheck(search),
  ];

  search16.statementsPerRequest = search.statementsPerRequest;
  search16.checks = [
    ...latencyInfo(search16),
    p95Check(search16, TARGETS.searchP95MsAt16, 16),
    {
      metric: 'API CPU per search',
      measured: `${cpuMsPerRequest(search16.load, search16.cpuCores.api)} ms`,
      target: '',
      met: true,
    },
    { metric: 'Errors', measured: String(errorsOf(search16)), target: '0', met: errorsOf(search16) === 0 },
    rssCheck(search16),
  ];

  httpFloor.statementsPerRequest = m.statements.search.statements.length;
  httpFloor.checks = [
    ...latencyInfo(httpFloor),
    {
      metric: 'Its CPU per search',
      measured: `${cpuMsPerRequest(httpFloor.load, httpFloor.cpuCores.api)} ms`,
      target: '',
      met: true,
    },
    { metric: 'Errors', measured: String(errorsOf(httpFloor)), target: '0', met: errorsOf(httpFloor) === 0 },
  ];

  missionBids.statementsPerRequest = count('mission with bids, as its client');
  missionBids.checks = [
    ...latencyInfo(missionBids),
    {
      metric: 'SQL statements per request',
      measured: String(missionBids.statementsPerRequest),
      target: `bounded (≤ ${TARGETS.maxStatements})`,
      met: statementsBounded(missionBids.statementsPerRequest),
    },
    { metric: 'Errors', measured: String(errorsOf(missionBids)), target: '0', met: errorsOf(missionBids) === 0 },
    rssCheck(missionBids),
  ];

  placeBid.statementsPerRequest = count('placeBid');
  placeBid.checks = [
    {
      metric: 'Bids placed per second (successes only)',
      measured: String(placeBid.load.throughput),
      target: `≥ ${TARGETS.bidsPerSecond}/s`,
      met: placeBid.load.throughput >= TARGETS.bidsPerSecond,
    },
    latencyInfo(placeBid)[1],
    {
      metric: 'SQL statements per request',
      measured: String(placeBid.statementsPerRequest),
      target: `bounded (≤ ${TARGETS.maxStatements})`,
      met: statementsBounded(placeBid.statementsPerRequest),
    },
    { metric: 'Errors (refusals and failures)', measured: String(errorsOf(placeBid)), target: '0', met: errorsOf(placeBid) === 0 },
    rssCheck(placeBid),
  ];

  login.statementsPerRequest = count('login');
  login.checks = [
    ...latencyInfo(login),
    {
      metric: 'SQL statements per request',
      measured: String(login.statementsPerRequest),
      target: `bounded (≤ ${TARGETS.maxStatements})`,
      met: statementsBounded(login.statementsPerRequest),
    },
    { metric: 'Errors', measured: String(errorsOf(login)), target: '0', met: errorsOf(login) === 0 },
    rssCheck(login),
  ];

  const floorReport: ScenarioReport = {
    name: 'Search SQL through raw pg (floor)',
    description: `The statements the API ran for one search (captured from the in-process API, below), replayed through a \`pg\` Pool of ${m.options.connections} in the bench process, with the same sequence of points and categories: what the database gives without the API.`,
    load: m.floor,
    cpuCores: m.floorCpuCores,
    waitedForQuietSeconds: m.floorWaited,
    statementsPerRequest: m.statements.search.statements.length,
    apiRssMaxMb: null,
    checks: [
      { metric: 'Throughput (searches/s)', measured: String(m.floor.throughput), target: '', met: true },
      {
        metric: 'Latency p50 / p95 / p99',
        measured: `${m.floor.latencyMs.p50} / ${m.floor.latencyMs.p95} / ${m.floor.latencyMs.p99} ms`,
        target: '',
        met: true,
      },
      { metric: 'Failures', measured: String(m.floor.transportErrors), target: '', met: true },
    ],
  };

  priceInsight.checks.push(rssCheck(priceInsight));
  const scenarios = [
    search,
    httpFloor,
    search16,
    floorReport,
    missionBids,
    placeBid,
    login,
    priceInsight,
    uploads,
    subscriptions,
    messages,
    invoices,
  ];
  const cpuList = cpus();
  return {
    generatedAt: new Date().toISOString(),
    source: m.source,
    machine: {
      cpus: cpuList.length,
      cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.versions.node,
      postgres: m.postgres,
    },
    settings: {
      durationSeconds: m.options.durationSeconds,
      warmupSeconds: m.options.warmupSeconds,
      connections: m.options.connections,
      databasePoolSize: m.options.poolSize,
      postgres: SERVER_SETTINGS,
      cpuProfile: m.options.cpuProfile,
      apiNodeFlags: apiNodeFlags().join(' ') || '(none)',
      apiNodeOptions: m.options.apiNodeOptions || '(none)',
      quietWaitSeconds: m.options.quietWaitSeconds,
    },
    data: m.data,
    seeding: m.seeding,
    statements: Object.fromEntries(
      Object.entries(m.statements.counts).map(([request, { count: total, sql }]) => [request, { count: total, sql }]),
    ),
    scenarios,
    apiRssMaxMb,
    allTargetsMet: scenarios.every((s) => s.checks.every((check) => check.met)),
    totalSeconds: Math.round((performance.now() - m.startedAt) / 100) / 10,
  };
}
