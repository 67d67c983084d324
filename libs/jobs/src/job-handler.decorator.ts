import { SetMetadata } from '@nestjs/common';

export const JOB_HANDLER = 'jobs:handler';

export interface JobHandlerOptions {
  /** Run on a schedule too, as a crontab time spec (minute hour day month weekday). */
  cron?: string;
  /** Attempts before the job is left failed; retries back off exponentially. */
  maxAttempts?: number;
}

export interface JobHandlerMetadata extends JobHandlerOptions {
  name: string;
}

/** Which attempt this is (from 1), out of how many: a handler may record a final failure. */
export interface JobAttempt {
  attempt: number;
  maxAttempts: number;
}

/** Something that does a job of one kind. Payloads are JSON, validated by the handler. Throwing retries the job later. */
export interface JobHandler<Payload = unknown> {
  handle(payload: Payload, attempt: JobAttempt): Promise<void>;
}

/** Marks a provider as the one handler of the job named `name` (`domain:verb-noun`: letters, digits, `:`, `-`, `_`). */
export const JobHandlerFor = (name: string, options: JobHandlerOptions = {}): ClassDecorator =>
  SetMetadata<string, JobHandlerMetadata>(JOB_HANDLER, { name, ...options });
