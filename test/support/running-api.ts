import { ChildProcess } from 'node:child_process';
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

/** What a command printed (stdout and stderr, interleaved) and how it exited. */
export function outputOf(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}
