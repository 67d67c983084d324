/**
 * A kind of job, defined once and used by both sides: `JobQueue.enqueue` (typed by its payload,
 * with its attempts) and its handler (`@JobHandlerFor`). Every definition is known to the runner,
 * which refuses to start while one has no handler or two.
 */

/** The attempts of a job whose enqueue calls give their own (e.g. from configuration). */
export const ATTEMPTS_GIVEN_AT_ENQUEUE = 'given at enqueue';

export type JobAttempts = number | typeof ATTEMPTS_GIVEN_AT_ENQUEUE;

declare const payloadType: unique symbol;

export interface JobDefinition<Payload extends object = object, Attempts extends JobAttempts = JobAttempts> {
  /** `domain:verb-noun`: letters, digits, `:`, `-`, `_`. */
  readonly name: string;
  /** Attempts before the job is left failed; retries back off exponentially. */
  readonly maxAttempts: Attempts;
  /** Run on a schedule too, as a crontab time spec (minute hour day month weekday). */
  readonly cron?: string;
  /** Only for the compiler: what the job carries. */
  readonly [payloadType]?: Payload;
}

export type PayloadOf<Job> = Job extends JobDefinition<infer Payload> ? Payload : never;

const definitions = new Map<string, JobDefinition>();

/** A job with a fixed number of attempts, optionally on a schedule too (a scheduled job takes no payload). */
export function defineJob<Payload extends object = Record<string, never>>(
  name: string,
  options: { maxAttempts: number; cron?: string },
): JobDefinition<Payload, number>;
/** A job whose enqueue calls each give the attempts. */
export function defineJob<Payload extends object>(
  name: string,
  options: { maxAttempts: typeof ATTEMPTS_GIVEN_AT_ENQUEUE },
): JobDefinition<Payload, typeof ATTEMPTS_GIVEN_AT_ENQUEUE>;
export function defineJob(name: string, options: { maxAttempts: JobAttempts; cron?: string }): JobDefinition {
  if (!/^[A-Za-z0-9:_-]+$/.test(name)) throw new Error(`Job name "${name}" may hold only letters, digits, ":", "-" and "_".`);
  if (definitions.has(name)) throw new Error(`Job "${name}" is defined twice.`);
  const definition: JobDefinition = { name, ...options };
  definitions.set(name, definition);
  return definition;
}

/** Every job defined in this process, in definition order. */
export function definedJobs(): JobDefinition[] {
  return [...definitions.values()];
}
