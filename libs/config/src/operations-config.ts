import { ConfigProblems, EnvReader } from './env-reader';

/** How a process is run and watched: migrations at start-up or by the release command, metrics, the worker's health port. */
export interface OperationsConfig {
  /**
   * Apply pending migrations when a process starts (the embedded default). False for deployments
   * of several replicas: `npm run cli -- migrate` applies them once per release, and a replica
   * reports not ready (`/health/ready`) until it has.
   */
  migrateOnStart: boolean;
  metrics: {
    /** A listener of its own for `/metrics` (and the health routes), on HOST: for a scraper on an internal network. */
    port?: number;
    /** Required as `Authorization: Bearer <token>` by `/metrics` wherever it is served when set. */
    token?: string;
    /** Whether `/metrics` is served on the API's own port: always outside production; in production only behind METRICS_TOKEN. */
    onApiPort: boolean;
  };
  /** The separate worker process answers `/health/live` and `/health/ready` on this port (absent: no HTTP at all). */
  workerHealthPort?: number;
}

export function readOperations(
  read: EnvReader,
  problems: ConfigProblems,
  { isProduction, port }: { isProduction: boolean; port: number },
): OperationsConfig {
  const metricsPort = read.optionalInteger('METRICS_PORT', { min: 1, max: 65535 });
  if (metricsPort !== undefined && metricsPort === port)
    problems.add('METRICS_PORT', `must differ from PORT (${port}): leave it unset to serve /metrics on the API's port`);
  const token = read.optionalString('METRICS_TOKEN', { minLength: 24 });
  return {
    migrateOnStart: read.boolean('MIGRATE_ON_START', true),
    metrics: { port: metricsPort, token, onApiPort: !isProduction || token !== undefined },
    workerHealthPort: read.optionalInteger('WORKER_HEALTH_PORT', { min: 1, max: 65535 }),
  };
}
