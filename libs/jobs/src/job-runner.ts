/**
 * Runs the job handlers registered in the Nest container on graphile-worker (jobs live in the
 * same PostgreSQL as the data they concern). At start it refuses a job name with two handlers.
 */
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Logger as WorkerLogger, run, Runner, runOnce, TaskList } from 'graphile-worker';
import { Pool } from 'pg';
import { JOB_HANDLER, JobHandler, JobHandlerMetadata } from './job-handler.decorator';
import { JOBS_OPTIONS, JobsOptions } from './jobs.options';

interface RegisteredHandler {
  metadata: JobHandlerMetadata;
  handler: JobHandler;
}

@Injectable()
export class JobRunner implements OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private runner?: Runner;
  private pool?: Pool;

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(JOBS_OPTIONS) private readonly options: JobsOptions,
  ) {}

  registeredJobNames(): string[] {
    return this.registeredHandlers().map(({ metadata }) => metadata.name);
  }

  /** Starts processing jobs until the application shuts down. */
  async start(): Promise<void> {
    const handlers = this.registeredHandlers();
    this.runner = await run({
      pgPool: this.connectionPool(),
      concurrency: this.options.concurrency,
      noHandleSignals: true,
      pollInterval: 2000,
      taskList: this.taskList(handlers),
      crontab: this.crontab(handlers),
      logger: this.workerLogger(),
    });
    this.logger.log({ msg: 'Worker started', jobs: handlers.map(({ metadata }) => metadata.name) });
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
    await this.pool?.end();
    this.pool = undefined;
  }

  /** Our own pool, so a lost connection (a database restart, Ctrl-C reaching PostgreSQL first) is logged, not fatal. */
  private connectionPool(): Pool {
    if (!this.pool) {
      this.pool = new Pool({ connectionString: this.options.databaseUrl, max: this.options.concurrency + 2 });
      const onLost = (error: Error) => this.logger.warn({ msg: 'Job queue connection lost', error: error.message });
      this.pool.on('error', onLost);
      this.pool.on('connect', (client) => client.on('error', onLost));
    }
    return this.pool;
  }

  private registeredHandlers(): RegisteredHandler[] {
    const found = this.discovery.getProviders().flatMap((wrapper) => {
      const metadata = wrapper.metatype && Reflect.getMetadata(JOB_HANDLER, wrapper.metatype);
      return metadata ? [{ metadata: metadata as JobHandlerMetadata, handler: wrapper.instance as JobHandler }] : [];
    });
    const seen = new Set<string>();
    for (const { metadata } of found) {
      if (seen.has(metadata.name)) throw new Error(`Job "${metadata.name}" has more than one handler.`);
      seen.add(metadata.name);
    }
    return found;
  }

  private taskList(handlers: RegisteredHandler[]): TaskList {
    return Object.fromEntries(
      handlers.map(({ metadata, handler }) => [
        metadata.name,
        (payload: unknown, helpers) => handler.handle(payload, { attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts }),
      ]),
    );
  }

  private crontab(handlers: RegisteredHandler[]): string {
    return handlers
      .filter(({ metadata }) => metadata.cron)
      .map(({ metadata }) => `${metadata.cron} ${metadata.name} ?max=${metadata.maxAttempts ?? 5}`)
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
