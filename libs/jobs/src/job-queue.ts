import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ATTEMPTS_GIVEN_AT_ENQUEUE, JobDefinition } from './job-definition';

export interface EnqueueOptions {
  runAt?: Date;
  /** Jobs of one definition with the same key replace each other while waiting: a way to schedule "once". */
  jobKey?: string;
}

/**
 * Adds jobs in the caller's transaction, so a state change and the work it triggers are
 * committed together or not at all; the worker picks them up after commit.
 */
@Injectable()
export class JobQueue {
  async enqueue<Payload extends object>(
    manager: EntityManager,
    job: JobDefinition<Payload, number>,
    payload: Payload,
    options?: EnqueueOptions,
  ): Promise<void>;
  async enqueue<Payload extends object>(
    manager: EntityManager,
    job: JobDefinition<Payload, typeof ATTEMPTS_GIVEN_AT_ENQUEUE>,
    payload: Payload,
    options: EnqueueOptions & { maxAttempts: number },
  ): Promise<void>;
  async enqueue(
    manager: EntityManager,
    job: JobDefinition,
    payload: object,
    options: EnqueueOptions & { maxAttempts?: number } = {},
  ): Promise<void> {
    await manager.query(`SELECT graphile_worker.add_job($1, payload := $2::json, run_at := $3, job_key := $4, max_attempts := $5)`, [
      job.name,
      JSON.stringify(payload),
      options.runAt ?? null,
      options.jobKey === undefined ? null : `${job.name}:${options.jobKey}`,
      job.maxAttempts === ATTEMPTS_GIVEN_AT_ENQUEUE ? options.maxAttempts : job.maxAttempts,
    ]);
  }
}
