/**
 * The HTTP floor for the search (issue #23): the least a Node server can do to answer the bench's
 * search request. `node:http` and one `pg` Pool the size of the API's; for each POST it parses the
 * GraphQL variables, runs the very statements the API ran for one search (captured by
 * bench/statements.ts, the point and category swapped in), and answers the JSON the API answers,
 * field for field. No framework, no GraphQL execution, no ORM: what the API's own cost is measured
 * against. Started as its own process by bench/http-floor.ts, so its CPU is measured as the API's is.
 *
 * Environment: DATABASE_URL, FLOOR_PORT, FLOOR_POOL_SIZE, FLOOR_CAPTURED_SEARCH (a JSON file of
 * CapturedSearch).
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { Pool } from 'pg';
import { reputationFrom } from '../libs/ratings/src/reputation';
import { CapturedSearch, searchStatements } from './raw-search';

interface PageRow {
  id: string;
  clientId: string;
  title: string;
  bidCount: number;
  chord: number;
  distance_m: number;
}

interface ClientRow {
  id: string;
  displayName: string;
  'joined0.asProviderCount': number | null;
  'joined0.asProviderScoreSum': number | null;
  'joined0.asClientCount': number | null;
  'joined0.asClientScoreSum': number | null;
}

interface SearchVariables {
  filter: { near: { latitude: number; longitude: number }; category: string };
  first: number;
}

const captured = JSON.parse(readFileSync(process.env.FLOOR_CAPTURED_SEARCH!, 'utf8')) as CapturedSearch;
const { page, clientsById, valuesFor } = searchStatements(captured);
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.FLOOR_POOL_SIZE) });

async function search(variables: SearchVariables): Promise<string> {
  const { near, category } = variables.filter;
  const { rows } = await pool.query<PageRow>(page.text, valuesFor({ latitude: near.latitude, longitude: near.longitude, category }));
  const shown = rows.slice(0, variables.first);
  const clientIds = [...new Set(shown.map((row) => row.clientId))];
  const clients = new Map<string, ClientRow>();
  if (clientIds.length > 0) {
    for (const client of (await pool.query<ClientRow>(clientsById.text, [clientIds])).rows) clients.set(client.id, client);
  }
  const cursorOf = (row: PageRow) => Buffer.from(JSON.stringify([row.chord, row.id])).toString('base64url');
  const edges = shown.map((row) => {
    const client = clients.get(row.clientId)!;
    const reputation = reputationFrom({
      asProviderCount: client['joined0.asProviderCount'] ?? 0,
      asProviderScoreSum: client['joined0.asProviderScoreSum'] ?? 0,
      asClientCount: client['joined0.asClientCount'] ?? 0,
      asClientScoreSum: client['joined0.asClientScoreSum'] ?? 0,
    });
    return {
      node: {
        id: row.id,
        title: row.title,
        distanceKm: Math.round(row.distance_m / 10) / 100,
        bidCount: row.bidCount,
        client: { displayName: client.displayName, reputation: { asClient: reputation.asClient } },
      },
    };
  });
  const last = shown.at(-1);
  return JSON.stringify({
    data: { missions: { edges, pageInfo: { hasNextPage: rows.length > variables.first, endCursor: last ? cursorOf(last) : null } } },
  });
}

function answer(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method === 'GET' && request.url === '/health') return answer(response, 200, '{"status":"ok"}');
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables: SearchVariables };
  answer(response, 200, await search(variables));
}

const server = createServer((request, response) => {
  handle(request, response).catch((error: Error) => answer(response, 500, JSON.stringify({ errors: [{ message: error.message }] })));
});
server.listen(Number(process.env.FLOOR_PORT), '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  void pool.end();
});
