import 'reflect-metadata';
import { JobRunner } from '@marketplace/jobs';
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

  const log = new Logger('api');
  const base = `http://localhost:${config.port}`;
  log.log(`GraphQL API ready in ${Date.now() - startedAt} ms at ${base}/graphql (health: ${base}/health)`);
  if (config.workerInProcess) log.log('Worker running in-process');
  return { close: () => app.close(), drain: () => app.get(Draining).begin() };
});
