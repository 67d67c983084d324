import { SetMetadata, Type } from '@nestjs/common';
import { JobDefinition } from './job-definition';

export const JOB_HANDLER = 'jobs:handler';

/** Which attempt this is (from 1), out of how many: a handler may record a final failure. */
export interface JobAttempt {
  attempt: number;
  maxAttempts: number;
}

/** Something that does a job of one kind. Payloads are JSON, validated by the handler. Throwing retries the job later. */
export interface JobHandler<Payload extends object = object> {
  handle(payload: Payload, attempt: JobAttempt): Promise<void>;
}

/** Marks a provider as the one handler of `job`; its `handle` takes that job's payload. */
export const JobHandlerFor =
  <Payload extends object>(job: JobDefinition<Payload>) =>
  (target: Type<JobHandler<Payload>>): void => {
    SetMetadata<string, JobDefinition>(JOB_HANDLER, job)(target);
  };
