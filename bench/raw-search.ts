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

export async function rawSearchFloor(
  url: string,
  captured: CapturedSearch,
  connections: number,
  durationSeconds: number,
  nextPoint: () => SearchPoint,
): Promise<ReturnType<typeof driveClosedLoop>> {
  const [page, ...byClientIds] = captured.statements;
  if (!page || byClientIds.some((statement) => !BY_ID_LIST.test(statement.text))) {
    throw new Error(`Unexpected statements for a search: ${captured.statements.map((s) => s.text.slice(0, 80)).join(' | ')}`);
  }
  const { latitude, longitude, category } = captured.point;
  const pool = new Pool({ connectionString: url, max: connections });
  try {
    return await driveClosedLoop(connections, durationSeconds, async () => {
      const point = nextPoint();
      const swap = (value: unknown) =>
        value === latitude ? point.latitude : value === longitude ? point.longitude : value === category ? point.category : value;
      const { rows } = await pool.query<{ clientId: string }>(page.text, page.values.map(swap));
      // The page asks for one row more than it shows (to know whether there is a next page): its clients are not loaded.
      const clientIds = [...new Set(rows.slice(0, PAGE_SIZE).map((row) => row.clientId))];
      if (clientIds.length === 0) return;
      for (const statement of byClientIds) await pool.query(statement.text, [clientIds]);
    });
  } finally {
    await pool.end();
  }
}
