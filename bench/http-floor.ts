/**
 * Starts bench/http-floor-server.ts in its own process (its CPU and memory are then measured as the
 * API's are) and checks, before any load, that it answers exactly what the API answers.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { ApiProcess, stopGracefully, untilHealthy } from './api-process';
import { CapturedSearch } from './raw-search';
import { SEARCH, SearchPoint, searchVariables } from './scenarios';

export interface HttpFloorOptions {
  databaseUrl: string;
  captured: CapturedSearch;
  poolSize: number;
  port: number;
  resultsDir: string;
}

export async function startHttpFloor({ databaseUrl, captured, poolSize, port, resultsDir }: HttpFloorOptions): Promise<ApiProcess> {
  mkdirSync(resultsDir, { recursive: true });
  const capturedFile = join(resultsDir, 'captured-search.json');
  writeFileSync(capturedFile, JSON.stringify(captured));
  const log = createWriteStream(join(resultsDir, 'http-floor.log'));
  const child = spawn(process.execPath, [join(__dirname, 'http-floor-server.js')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      FLOOR_PORT: String(port),
      FLOOR_POOL_SIZE: String(poolSize),
      FLOOR_CAPTURED_SEARCH: capturedFile,
    },
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  await untilHealthy(url, child);
  return { url, pid: child.pid!, stop: () => stopGracefully(child) };
}

/** The floor is a fair floor only if it answers what the API answers: compared on a few points before the load. */
export async function assertSameAnswers(apiUrl: string, floorUrl: string, points: SearchPoint[]): Promise<void> {
  const ask = async (url: string, point: SearchPoint) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SEARCH, variables: searchVariables(point) }),
    });
    return (await response.json()) as unknown;
  };
  for (const point of points) {
    const [api, floor] = [await ask(apiUrl, point), await ask(floorUrl, point)];
    if (!isDeepStrictEqual(api, floor)) {
      throw new Error(
        `The HTTP floor answers differently from the API at ${JSON.stringify(point)}:\n${JSON.stringify(api)}\n${JSON.stringify(floor)}`,
      );
    }
  }
}
