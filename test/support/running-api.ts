import { JobRunner } from '@marketplace/jobs';
import { TestApp } from './test-app';

/**
 * The API as `npm start` runs it, its worker polling in-process, for journeys that drive it from
 * outside (the README's commands, the demo, the client SDK) and cannot call `runJobs` between steps.
 */
export async function aRunningApi(): Promise<TestApp> {
  const app = await TestApp.start();
  await app.app.get(JobRunner).start();
  return app;
}
