import { loadAppConfig } from './app-config';
import { ConfigProblems, EnvReader } from './env-reader';
import { readOperations } from './operations-config';

function operationsFor(env: NodeJS.ProcessEnv) {
  const result = loadAppConfig(env);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config.operations;
}

function problemsFor(env: NodeJS.ProcessEnv): string[] {
  const result = loadAppConfig(env);
  return result.ok ? [] : result.problems;
}

describe('operations configuration', () => {
  it('migrates at start-up and serves /metrics on the API port outside production by default, with no worker health port', () => {
    expect(operationsFor({})).toEqual({ migrateOnStart: true, metrics: { onApiPort: true }, workerHealthPort: undefined });
  });

  it('serves /metrics on the API port in production only behind METRICS_TOKEN; METRICS_PORT is a listener of its own', () => {
    const inProduction = (env: NodeJS.ProcessEnv) => {
      const problems = new ConfigProblems();
      return {
        metrics: readOperations(new EnvReader(env, problems), problems, { isProduction: true, port: 3000 }).metrics,
        problems: problems.lines(),
      };
    };
    expect(inProduction({})).toEqual({ metrics: { onApiPort: false }, problems: [] });
    expect(inProduction({ METRICS_PORT: '9464' })).toEqual({ metrics: { port: 9464, onApiPort: false }, problems: [] });
    expect(inProduction({ METRICS_TOKEN: 't'.repeat(24) })).toEqual({ metrics: { token: 't'.repeat(24), onApiPort: true }, problems: [] });
  });

  it('names a bad value: a short token, METRICS_PORT equal to PORT, a port out of range, a non-boolean', () => {
    expect(problemsFor({ METRICS_TOKEN: 'short', METRICS_PORT: '3000', WORKER_HEALTH_PORT: '70000', MIGRATE_ON_START: 'maybe' })).toEqual([
      expect.stringMatching(/^METRICS_PORT must differ from PORT \(3000\)/),
      expect.stringMatching(/^METRICS_TOKEN must be at least 24 characters long/),
      expect.stringMatching(/^MIGRATE_ON_START must be true or false/),
      expect.stringMatching(/^WORKER_HEALTH_PORT must be a whole number from 1 to 65535/),
    ]);
  });
});
