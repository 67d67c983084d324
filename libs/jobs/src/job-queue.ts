import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface EnqueueOptions {
  runAt?: Date;
  /** Jobs with the same key replace each other while waiting: a way to schedule "once". */
  jobKey?: string;
  maxAttempts?: number;
}

/**
 * Adds jobs in the caller's transaction, so a state change and the work it triggers are
 * committed together or not at all; the worker picks them up after commit.
 */
@Injectable()
export class JobQueue {
  async enqueue(manager: EntityManager, name: string, payload: object, options: EnqueueOptions = {}): Promise<void> {
    await manager.query(`SELECT graphile_worker.add_job($1, payload := $2::json, run_at := $3, job_key := $4, max_attempts := $5)`, [
      name,
      JSON.stringify(payload),
      options.runAt ?? null,
      options.jobKey ?? null,
      options.maxAttempts ?? null,
    ]);
  }
}
