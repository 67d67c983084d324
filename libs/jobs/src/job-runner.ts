/**
 * Runs the job handlers registered in the Nest container on graphile-worker (jobs live in the
 * same PostgreSQL as the data they concern). It refuses to run while a defined job has no
 * handler or more than one: such a job would wait forever, or run who knows which code.
 */
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Logger as WorkerLogger, run, Runner, runOnce, TaskList, WorkerEvents } from 'graphile-worker';
import { EventEmitter } from 'node:events';
import { Pool, PoolClient } from 'pg';
import { CrashedWorkers } from './crashed-workers';
import { definedJobs, JobDefinition } from './job-definition';
import { JOB_HANDLER, JobHandler } from './job-handler.decorator';
import { JOBS_OPTIONS, JobsOptions } from './jobs.options';

const CONNECT_ATTEMPTS = 300;
const CONNECT_BACKOFF_CAP_MS = 1000;

interface RegisteredHandler {
  job: JobDefinition;
  handler: JobHandler;
  className: string;
}

@Injectable()
export class JobRunner implements OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private runner?: Runner;
  private pool?: Pool;
  private crashedWorkers?: CrashedWorkers;

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(JOBS_OPTIONS) private readonly options: JobsOptions,
  ) {}

  /** Started and not stopped: what the worker's readiness reports. */
  get isRunning(): boolean {
    return this.runner !== undefined;
  }

  registeredJobNames(): string[] {
    return this.registeredHandlers().map(({ job }) => job.name);
  }

  /** Starts processing jobs until the application shuts down. */
  async start(): Promise<void> {
    const handlers = this.registeredHandlers();
    const crashedWorkers = new CrashedWorkers(this.options.databaseUrl, this.connectionPool());
    await crashedWorkers.claimProcess();
    this.crashedWorkers = crashedWorkers;
    const events = new EventEmitter() as WorkerEvents;
    // graphile-worker 0.17 locks jobs in the name of the worker pool (its LocalQueue and getJob pass the pool's id).
    events.on('pool:create', ({ workerPool }) => crashedWorkers.own(workerPool.id));
    this.runner = await run({
      pgPool: this.connectionPool(),
      concurrency: this.options.concurrency,
      noHandleSignals: true,
      pollInterval: 2000,
      taskList: this.taskList(handlers),
      crontab: this.crontab(handlers),
      logger: this.workerLogger(),
      events,
    });
    await crashedWorkers.startSweeping();
    this.logger.log({ msg: 'Worker started', jobs: handlers.map(({ job }) => job.name) });
  }

  /** Runs every job that is due now, then returns: for tests and one-off operator runs. */
  async runDueJobs(): Promise<void> {
    await runOnce({
      pgPool: this.connectionPool(),
      taskList: this.taskList(this.registeredHandlers()),
      logger: this.workerLogger(),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
    this.runner = undefined;
    await this.crashedWorkers?.stop();
    this.crashedWorkers = undefined;
    await this.pool?.end();
    this.pool = undefined;
  }

  /**
   * Our own pool, so a lost connection (a database restart, Ctrl-C reaching PostgreSQL first) is
   * logged, not fatal; and during an outage it waits for the database (up to about five minutes)
   * instead of failing: graphile-worker does not await every query it starts when a job ends,
   * and a refused connection there would be an unhandled rejection and a job locked for hours.
   */
  private connectionPool(): Pool {
    if (!this.pool) {
      const pool = new Pool({ connectionString: this.options.databaseUrl, max: this.options.concurrency + 2 });
      const onLost = (error: Error) => this.logger.warn({ msg: 'Job queue connection lost', error: error.message });
      pool.on('error', onLost);
      pool.on('connect', (client) => client.on('error', onLost));
      const connect = pool.connect.bind(pool) as (...args: unknown[]) => Promise<PoolClient> | undefined;
      const connectWhenPossible = async (): Promise<PoolClient> => {
        for (let attempt = 1; ; attempt++) {
          try {
            return (await connect()) as PoolClient;
          } catch (error) {
            if (attempt >= CONNECT_ATTEMPTS || this.pool !== pool) throw error;
            await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, CONNECT_BACKOFF_CAP_MS)));
          }
        }
      };
      // Callback-style calls (pg's own pool.query uses them) keep pg's behaviour.
      pool.connect = ((...args: unknown[]) => (args.length > 0 ? connect(...args) : connectWhenPossible())) as Pool['connect'];
      this.pool = pool;
    }
    return this.pool;
  }

  /** The handlers found in the Nest container, one per defined job, or an error naming every job without exactly one. */
  private registeredHandlers(): RegisteredHandler[] {
    const found = this.discovery.getProviders().flatMap((wrapper) => {
      const job = wrapper.metatype && (Reflect.getMetadata(JOB_HANDLER, wrapper.metatype) as JobDefinition | undefined);
      return job ? [{ job, handler: wrapper.instance as JobHandler, className: wrapper.name }] : [];
    });
    const problems = definedJobs().flatMap(({ name }) => {
      const handlers = found.filter(({ job }) => job.name === name).map(({ className }) => className);
      if (handlers.length === 0) return [`job "${name}" has no handler`];
      return handlers.length > 1 ? [`job "${name}" has more than one handler (${handlers.join(', ')})`] : [];
    });
    if (problems.length > 0) throw new Error(`Cannot run jobs: ${problems.join('; ')}.`);
    return found;
  }

  private taskList(handlers: RegisteredHandler[]): TaskList {
    return Object.fromEntries(
      handlers.map(({ job, handler }) => [
        job.name,
        (payload, helpers) => handler.handle(payload as object, { attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts }),
      ]),
    );
  }

  private crontab(handlers: RegisteredHandler[]): string {
    return handlers
      .filter(({ job }) => job.cron)
      .map(({ job }) => `${job.cron} ${job.name} ?max=${job.maxAttempts}`)
      .join('\n');
  }

  private workerLogger(): WorkerLogger {
    return new WorkerLogger(() => (level, message, meta) => {
      const line = { msg: message, ...(meta ?? {}) };
      if (level === 'error') this.logger.error(line);
      else if (level === 'warning') this.logger.warn(line);
      else this.logger.debug(line);
    });
  }
}
