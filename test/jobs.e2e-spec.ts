/**
 * The job runner on its own, with jobs defined here: what a definition says is what runs, and the
 * runner refuses to work while a defined job has no handler or two.
 */
import { defineJob, JobAttempt, JobHandler, JobHandlerFor, JobQueue, JobRunner, JobsModule, PayloadOf } from '@marketplace/jobs';
import { INestApplicationContext, Injectable, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { runQueuedJobs } from './support/queued-jobs';
import { TestDatabaseServer } from './support/test-database';

const PING = defineJob('test:ping', { maxAttempts: 1 });
const FLAKY = defineJob<{ failure: string }>('test:flaky', { maxAttempts: 3 });

const flakyAttempts: JobAttempt[] = [];

@Injectable()
@JobHandlerFor(PING)
class PingJob implements JobHandler {
  async handle(): Promise<void> {}
}

@Injectable()
@JobHandlerFor(PING)
class AnotherPingJob implements JobHandler {
  async handle(): Promise<void> {}
}

/** Fails every time, with the payload's message, noting each attempt. */
@Injectable()
@JobHandlerFor(FLAKY)
class FlakyJob implements JobHandler<PayloadOf<typeof FLAKY>> {
  async handle(payload: PayloadOf<typeof FLAKY>, attempt: JobAttempt): Promise<void> {
    flakyAttempts.push(attempt);
    throw new Error(payload.failure);
  }
}

describe('jobs, defined once', () => {
  const server = TestDatabaseServer.fromEnvironment();
  let database: string;
  let dataSource: DataSource;
  const opened: INestApplicationContext[] = [];

  beforeAll(async () => {
    database = await server.cloneTemplate();
    dataSource = await new DataSource({ type: 'postgres', url: server.urlOf(database) }).initialize();
  });
  afterAll(async () => {
    await Promise.all(opened.map((context) => context.close()));
    await dataSource.destroy();
    await server.drop(database);
  });

  /** A process whose only job handlers are `handlers`. */
  async function aWorkerWith(handlers: Type[]): Promise<INestApplicationContext> {
    @Module({ imports: [JobsModule.forRoot({ databaseUrl: server.urlOf(database), concurrency: 1 })], providers: handlers })
    class WorkerProcessModule {}
    const context = await NestFactory.createApplicationContext(WorkerProcessModule, { logger: false });
    opened.push(context);
    return context;
  }

  it('runs a job as many times as its definition says, then leaves it failed', async () => {
    const worker = await aWorkerWith([PingJob, FlakyJob]);
    await dataSource.transaction((manager) => worker.get(JobQueue).enqueue(manager, FLAKY, { failure: 'the job failed' }));

    for (let run = 0; run < 5; run++) await runQueuedJobs(dataSource, worker.get(JobRunner), { dueNow: true });

    expect(flakyAttempts).toEqual([1, 2, 3].map((attempt) => ({ attempt, maxAttempts: 3 })));
    const [job] = await dataSource.query(`SELECT attempts, max_attempts, last_error FROM graphile_worker.jobs WHERE task_identifier = $1`, [
      FLAKY.name,
    ]);
    expect(job).toEqual({ attempts: 3, max_attempts: 3, last_error: expect.stringContaining('the job failed') });
  });

  it('refuses to run jobs while a defined job has no handler', async () => {
    const worker = await aWorkerWith([FlakyJob]);
    const refusal = /job "test:ping" has no handler/;

    await expect(worker.get(JobRunner).start()).rejects.toThrow(refusal);
    await expect(worker.get(JobRunner).runDueJobs()).rejects.toThrow(refusal);
  });

  it('refuses to run jobs while a defined job has two handlers, and names them', async () => {
    const worker = await aWorkerWith([PingJob, AnotherPingJob, FlakyJob]);
    const refusal = /job "test:ping" has more than one handler \(PingJob, AnotherPingJob\)/;

    await expect(worker.get(JobRunner).start()).rejects.toThrow(refusal);
    await expect(worker.get(JobRunner).runDueJobs()).rejects.toThrow(refusal);
  });

  it('refuses a second definition of a job name, and a name a crontab line could not hold', () => {
    expect(() => defineJob(PING.name, { maxAttempts: 1 })).toThrow('Job "test:ping" is defined twice.');
    expect(() => defineJob('test:two words', { maxAttempts: 1 })).toThrow('may hold only letters');
  });
});
