/**
 * graphile-worker leaves the jobs of a worker that died without stopping (SIGKILL, the kernel's
 * OOM killer, a lost machine) locked for four hours before another worker may take them. Here each
 * process that runs jobs holds a PostgreSQL advisory lock for as long as its session lives (the
 * server drops it the moment the process's connection goes) and records the id of its graphile
 * worker pool, in whose name jobs are locked. At start and every half minute, the jobs locked by
 * pools whose process no longer holds its lock are unlocked, to run again at once: their handlers are idempotent (a
 * payout's transfer keeps its Stripe idempotency key), which is what every job must be anyway.
 */
import { Logger } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { Client, Pool } from 'pg';

/** The first key of our advisory locks (the second is the process's): an arbitrary constant no other lock of ours uses. */
const WORKER_PROCESS_LOCK_NAMESPACE = 740_214_001;
const SWEEP_EVERY_MS = 30_000;

const UNLOCK_JOBS_OF_DEAD_PROCESSES = `
WITH dead AS (
  DELETE FROM job_worker_processes p
   WHERE NOT EXISTS (
     SELECT 1 FROM pg_locks l
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.classid = $1::int::oid AND l.objid = p.process_key::oid)
  RETURNING worker_id)
SELECT worker_ids, graphile_worker.force_unlock_workers(worker_ids) FROM (SELECT ARRAY(SELECT worker_id FROM dead) AS worker_ids) AS ids`;

export class CrashedWorkers {
  private readonly logger = new Logger('Worker');
  private readonly processKey = randomInt(1, 2 ** 31 - 1);
  private session?: Client;
  private sweeper?: NodeJS.Timeout;
  /** Registrations run one after the other on the session. */
  private registered = Promise.resolve();

  constructor(
    private readonly databaseUrl: string,
    private readonly pool: Pool,
  ) {}

  /** Takes this process's lock: before any of its workers can lock a job. */
  async claimProcess(): Promise<void> {
    const session = new Client({ connectionString: this.databaseUrl, application_name: 'marketplace-worker-liveness' });
    session.on('error', (error) => this.logger.warn({ msg: 'Worker liveness connection lost', error: error.message }));
    await session.connect();
    await session.query('SELECT pg_advisory_lock($1, $2)', [WORKER_PROCESS_LOCK_NAMESPACE, this.processKey]);
    this.session = session;
  }

  /** Records a graphile worker pool's id as this process's (called as the pool is created, before it takes a job). */
  own(workerId: string): void {
    this.registered = this.registered.then(async () => {
      await this.session
        ?.query('INSERT INTO job_worker_processes (worker_id, process_key) VALUES ($1, $2)', [workerId, this.processKey])
        .catch((error: Error) => this.logger.warn({ msg: 'Could not record a worker pool id', workerId, error: error.message }));
    });
  }

  /** Unlocks the jobs of dead processes now, then every half minute until `stop`. */
  async startSweeping(): Promise<void> {
    await this.registered;
    await this.sweep();
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.sweeper);
    await this.registered;
    const session = this.session;
    this.session = undefined;
    await session?.query('DELETE FROM job_worker_processes WHERE process_key = $1', [this.processKey]).catch(() => undefined);
    await session?.end().catch(() => undefined);
  }

  private async sweep(): Promise<void> {
    try {
      const { rows } = await this.pool.query<{ worker_ids: string[] }>(UNLOCK_JOBS_OF_DEAD_PROCESSES, [WORKER_PROCESS_LOCK_NAMESPACE]);
      const workerIds = rows[0]?.worker_ids ?? [];
      if (workerIds.length > 0) this.logger.warn({ msg: 'Unlocked the jobs of workers whose process died', workerIds });
    } catch (error) {
      this.logger.warn({ msg: 'Could not look for the jobs of dead workers', error: (error as Error).message });
    }
  }
}
