/**
 * SQL statements per GraphQL request, counted on the very application the API process runs
 * (`createHttpApp`), started inside the bench process on the bench database, with the StatementCounter
 * that `test/mission-search-statements.e2e-spec.ts` uses too.
 * PostgreSQL's own counters (pg_stat_database) count transactions, not statements; pg_stat_statements
 * needs a preloaded library and counts per normalized statement, not per request; `log_statement=all`
 * would slow the run.
 */
import { loadAppConfig } from '@marketplace/config';
import { createLogger } from '@marketplace/platform';
import { randomBytes } from 'node:crypto';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { createHttpApp } from '../apps/api/src/http-app';
import { CountedStatement, StatementCounter } from '../test/support/statement-counter';
import { CapturedSearch } from './raw-search';
import { bidInput, Fixtures, LOGIN, LOGIN_PASSWORD, MISSION_WITH_BIDS, PLACE_BID, SEARCH, SearchPoint, searchVariables } from './scenarios';

export type CapturedStatement = CountedStatement;

export interface MeasuredRequest {
  statements: CapturedStatement[];
  body: { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] };
}

export interface InProcessApi {
  /** Sends one GraphQL request and records the statements run on its behalf. */
  measure(query: string, variables: Record<string, unknown>, token?: string): Promise<MeasuredRequest>;
  close(): Promise<void>;
}

export async function startInProcessApi(env: NodeJS.ProcessEnv, databaseUrl: string): Promise<InProcessApi> {
  const loaded = loadAppConfig(env);
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const config = loaded.config;
  const app = await createHttpApp({ config, databaseUrl, withWorker: false, logger: createLogger(config) });
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as Server;
  const { port } = server.address() as AddressInfo;
  const counter = new StatementCounter(server);

  return {
    async measure(query, variables, token) {
      const requestId = `bench-statements-${randomBytes(8).toString('hex')}`;
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': requestId };
      if (token) headers.authorization = `Bearer ${token}`;
      const { result, statements } = await counter.count(requestId, async () => {
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ query, variables }),
        });
        return (await response.json()) as MeasuredRequest['body'];
      });
      return { statements, body: result };
    },
    close: async () => {
      counter.detach();
      await app.close();
    },
  };
}

export interface StatementCounts {
  counts: Record<string, { count: number; sql: string[] }>;
  /** What the API ran for one search near a point (first: 20): the raw pg floor replays it. */
  search: CapturedSearch;
}

/** A point with thousands of open missions of the category around it, so that every page is full. */
const PARIS: SearchPoint = { latitude: 48.8566, longitude: 2.3522, category: 'HANDYMAN' };

/** One request of each kind the bench drives, on the in-process API, with the statements each ran. */
export async function countStatements(env: NodeJS.ProcessEnv, databaseUrl: string, fixtures: Fixtures): Promise<StatementCounts> {
  const api = await startInProcessApi(env, databaseUrl);
  try {
    const counts: StatementCounts['counts'] = {};
    const measure = async (name: string, query: string, variables: Record<string, unknown>, token?: string) => {
      const measured = await api.measure(query, variables, token);
      if (measured.body.errors?.length) throw new Error(`${name} failed: ${JSON.stringify(measured.body.errors)}`);
      counts[name] = { count: measured.statements.length, sql: measured.statements.map((statement) => statement.text) };
      return measured;
    };
    const logIn = async (email: string) => {
      const measured = await measure('login', LOGIN, { input: { email, password: LOGIN_PASSWORD } });
      return (measured.body.data as { login: { accessToken: string } }).login.accessToken;
    };

    const clientToken = await logIn(fixtures.missionsWithBids[0].clientEmail);
    const search = await measure('search, first: 20', SEARCH, searchVariables(PARIS, 20));
    await measure('search, first: 100', SEARCH, searchVariables(PARIS, 100));
    await measure('mission with bids, as its client', MISSION_WITH_BIDS, { id: fixtures.missionsWithBids[0].missionId }, clientToken);
    // The last fresh target: the placeBid load takes them from the first.
    const target = fixtures.bidTargets.pop()!;
    await measure('placeBid', PLACE_BID, bidInput(target.missionId, 0), await logIn(target.providerEmail));
    return { counts, search: { point: PARIS, statements: search.statements } };
  } finally {
    await api.close();
  }
}
