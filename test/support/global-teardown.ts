import { rmSync } from 'node:fs';

/** Stops the run's own PostgreSQL, if it started one, and removes its data (about 50 MB a run). */
export default async function globalTeardown(): Promise<void> {
  const server = globalThis.testDatabaseServer;
  if (!server) return;
  await server.stop();
  rmSync(server.dataDir, { recursive: true, force: true });
}
