/**
 * The floor for the search: the very statements the API ran for one search (captured on the in-process
 * API: the page of missions, then its clients, then their reputations), replayed through a `pg` Pool in
 * this process for other points and categories, each statement after the previous one as the API's
 * DataLoaders run them. No HTTP, GraphQL or ORM: what the database alone gives.
 */
import { Pool } from 'pg';
import { driveClosedLoop } from './load';
import { PAGE_SIZE, SearchPoint } from './scenarios';
import { CapturedStatement } from './statements';

/** The point the statements were captured with: its values are swapped for each new point. */
export interface CapturedSearch {
  point: SearchPoint;
  statements: CapturedStatement[];
}

/** The API's loaders send the page's ids as one array parameter. */
const BY_ID_LIST = /= ANY\(\$1\)/;

/** The search's two statements (the page, then its clients with their reputations), and the page's values for another point. */
export function searchStatements(captured: CapturedSearch): {
  page: CapturedStatement;
  clientsById: CapturedStatement;
  valuesFor(point: SearchPoint): unknown[];
} {
  const [page, clientsById, ...more] = captured.statements;
  if (!page || !clientsById || more.length > 0 || !BY_ID_LIST.test(clientsById.text)) {
    throw new Error(`Unexpected statements for a search: ${captured.statements.map((s) => s.text.slice(0, 80)).join(' | ')}`);
  }
  const { latitude, longitude, category } = captured.point;
  return {
    page,
    clientsById,
    valuesFor: (point) =>
      page.values.map((value) =>
        value === latitude ? point.latitude : value === longitude ? point.longitude : value === category ? point.category : value,
      ),
  };
}

export async function rawSearchFloor(
  url: string,
  captured: CapturedSearch,
  connections: number,
  durationSeconds: number,
  nextPoint: () => SearchPoint,
): Promise<ReturnType<typeof driveClosedLoop>> {
  const { page, clientsById, valuesFor } = searchStatements(captured);
  const pool = new Pool({ connectionString: url, max: connections });
  try {
    return await driveClosedLoop(connections, durationSeconds, async () => {
      const { rows } = await pool.query<{ clientId: string }>(page.text, valuesFor(nextPoint()));
      // The page asks for one row more than it shows (to know whether there is a next page): its clients are not loaded.
      const clientIds = [...new Set(rows.slice(0, PAGE_SIZE).map((row) => row.clientId))];
      if (clientIds.length > 0) await pool.query(clientsById.text, [clientIds]);
    });
  } finally {
    await pool.end();
  }
}
