import { JobRunner } from '@marketplace/jobs';
import { DataSource } from 'typeorm';

/** Runs the jobs that are due, as the worker would; with `dueNow`, also those waiting for a later time or a retry. */
export async function runQueuedJobs(dataSource: DataSource, runner: JobRunner, { dueNow = false } = {}): Promise<void> {
  await jobsUnlocked(dataSource);
  if (dueNow) await dataSource.query(`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE locked_at IS NULL`);
  await runner.runDueJobs();
  await jobsUnlocked(dataSource);
}

/**
 * graphile-worker's run returns before it has recorded a failed job's retry (it does not await
 * that query): until then the job stays locked, and a `dueNow` run would skip it.
 */
async function jobsUnlocked(dataSource: DataSource): Promise<void> {
  const deadline = Date.now() + 5000;
  const locked = async () =>
    (await dataSource.query(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE locked_at IS NOT NULL`))[0].n;
  while ((await locked()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}
