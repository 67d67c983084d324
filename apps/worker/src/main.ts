// First of all: the tracing instrumentations patch http, express, graphql and pg as they are loaded.
import '@marketplace/tracing';
import 'reflect-metadata';
import { JobRunner } from '@marketplace/jobs';
import {
  closeOpsServer,
  Metrics,
  metricsHandler,
  ObservabilityModule,
  OperationalCounts,
  Readiness,
  sendHealth,
  startOpsServer,
} from '@marketplace/observability';
import { bootProcess, infrastructureModules, WorkerModule } from '@marketplace/platform';
import { INestApplicationContext, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';

/** The worker on its own, for deployments that run it apart from the API. */
void bootProcess('worker', async ({ config, database, logger }) => {
  @Module({ imports: [...infrastructureModules(config, database.url), WorkerModule, ObservabilityModule] })
  class WorkerProcessModule {}

  const app = await NestFactory.createApplicationContext(WorkerProcessModule, { logger });
  let stopping = false;
  const port = config.operations.workerHealthPort;
  const healthServer =
    port === undefined ? undefined : await serveHealth(app, config.host, port, config.operations.metrics.token, () => stopping);
  await app.get(JobRunner).start();
  if (port !== undefined) new Logger('worker').log(`Health on http://${config.host}:${port}/health/ready (and /health/live, /metrics)`);
  return {
    close: async () => {
      if (healthServer) await closeOpsServer(healthServer);
      await app.close();
    },
    drain: () => (stopping = true),
  };
});

/**
 * `/health/live`, `/health/ready` (the database and migrations as for the API, the job runner
 * started and not stopping, and the queue: jobs waiting, due, failed, the oldest due one's age)
 * and `/metrics` on the worker's own port.
 */
async function serveHealth(
  app: INestApplicationContext,
  host: string,
  port: number,
  metricsToken: string | undefined,
  isStopping: () => boolean,
): Promise<Server> {
  const runner = app.get(JobRunner);
  return startOpsServer(host, port, {
    '/health/live': (_req, res) => sendHealth(res, true, { status: 'ok', uptimeSeconds: Math.round(process.uptime()) }),
    '/health/ready': (_req, res) => {
      void workerReadiness(app, runner.isRunning && !isStopping()).then(({ ready, body }) => sendHealth(res, ready, body));
    },
    '/metrics': metricsHandler(app.get(Metrics), metricsToken),
  });
}

async function workerReadiness(app: INestApplicationContext, running: boolean): Promise<{ ready: boolean; body: object }> {
  const report = await app.get(Readiness).check();
  const jobs =
    report.database.status === 'up'
      ? await app
          .get(OperationalCounts)
          .read()
          .then(
            ({ jobs }) => jobs,
            () => undefined,
          )
      : undefined;
  const sum = (key: 'waiting' | 'due' | 'failed') => jobs?.reduce((total, counts) => total + counts[key], 0);
  const queue = jobs && {
    waiting: sum('waiting'),
    due: sum('due'),
    failed: sum('failed'),
    oldestDueSeconds: Math.max(0, ...jobs.map(({ oldestDueSeconds }) => oldestDueSeconds)),
  };
  const ready = report.ready && running;
  const status = !running ? 'stopped' : ready ? 'ready' : 'not_ready';
  return {
    ready,
    body: { status, database: report.database, migrations: report.migrations, runner: running ? 'running' : 'stopped', queue },
  };
}
