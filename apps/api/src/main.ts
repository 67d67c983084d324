// First of all: the tracing instrumentations patch http, express, graphql and pg as they are loaded.
import '@marketplace/tracing';
import 'reflect-metadata';
import { JobRunner } from '@marketplace/jobs';
import { closeOpsServer, Metrics, metricsHandler, startOpsServer } from '@marketplace/observability';
import { bootProcess } from '@marketplace/platform';
import { Logger } from '@nestjs/common';
import { Draining } from './draining';
import { createHttpApp } from './http-app';

void bootProcess('api', async ({ config, database, stripe, logger }) => {
  const startedAt = Date.now();
  const app = await createHttpApp({ config, databaseUrl: database.url, withWorker: config.workerInProcess, logger });
  await app.listen(config.port, config.host);
  const webhooks = `http://127.0.0.1:${config.port}/webhooks/stripe`;
  stripe.emulator?.setWebhookUrls({ platform: webhooks, connect: `${webhooks}/connect` });
  if (config.workerInProcess) await app.get(JobRunner).start();
  const { metrics } = config.operations;
  const metricsServer =
    metrics.port === undefined
      ? undefined
      : await startOpsServer(config.host, metrics.port, { '/metrics': metricsHandler(app.get(Metrics), metrics.token) });

  const log = new Logger('api');
  const base = `http://localhost:${config.port}`;
  log.log(`GraphQL API ready in ${Date.now() - startedAt} ms at ${base}/graphql (health: ${base}/health/ready)`);
  if (config.workerInProcess) log.log('Worker running in-process');
  if (metrics.port !== undefined) log.log(`Metrics on http://${config.host}:${metrics.port}/metrics`);
  else if (metrics.onApiPort) log.log(`Metrics at ${base}/metrics`);
  return {
    close: async () => {
      if (metricsServer) await closeOpsServer(metricsServer);
      await app.close();
    },
    drain: () => app.get(Draining).begin(),
  };
});
