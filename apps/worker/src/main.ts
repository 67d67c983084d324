import 'reflect-metadata';
import { JobRunner } from '@marketplace/jobs';
import { bootProcess, infrastructureModules, WorkerModule } from '@marketplace/platform';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

/** The worker on its own, for deployments that run it apart from the API. */
void bootProcess('worker', async ({ config, database, logger }) => {
  @Module({ imports: [...infrastructureModules(config, database.url), WorkerModule] })
  class WorkerProcessModule {}

  const app = await NestFactory.createApplicationContext(WorkerProcessModule, { logger });
  await app.get(JobRunner).start();
  return app;
});
