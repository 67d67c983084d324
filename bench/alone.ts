/**
 * `npm run bench:<name>`: one scenario alone, on the bench's database without seeding (the bench's
 * BENCH_POSTGRES_PORT, BENCH_API_PORT, BENCH_QUIET_WAIT_SECONDS…), its report in bench/results/<name>.json.
 */
import { StripeEmulator } from '@marketplace/stripe-emulator';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiProcess, startApi } from './api-process';
import { postmasterPid } from './cpu';
import { startBenchDatabase } from './database';
import { apiEnvironment, DATA_DIR, readOptions, RESULTS_DIR } from './options';
import { ScenarioReport } from './report';

export type Scenario = (api: ApiProcess, postmaster: number, quietWaitSeconds: number) => Promise<ScenarioReport>;

/** `prepare`: what the scenario needs done on the database before the API starts (e.g. an aggregate refreshed). */
export interface AloneOptions {
  prepare?: (env: NodeJS.ProcessEnv) => Promise<void>;
}

export function runAlone(name: string, scenario: Scenario, options: AloneOptions = {}): void {
  run(name, scenario, options).catch((error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  });
}

async function run(name: string, scenario: Scenario, { prepare }: AloneOptions): Promise<void> {
  const options = readOptions(process.env);
  const say = (line: string) => process.stderr.write(`[bench:${name}] ${line}\n`);
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const stripe = await StripeEmulator.start({ port: 0, webhookSecret });
  const database = await startBenchDatabase(DATA_DIR, options.postgresPort);
  let api: ApiProcess | undefined;
  try {
    const env = apiEnvironment(options, database.url, stripe, webhookSecret);
    await prepare?.(env);
    api = await startApi({
      env: { ...env, NODE_OPTIONS: options.apiNodeOptions },
      port: options.apiPort,
      resultsDir: RESULTS_DIR,
      cpuProfile: options.cpuProfile,
    });
    const report = await scenario(api, postmasterPid(database.dataDir), options.quietWaitSeconds);
    writeFileSync(join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
    for (const check of report.checks)
      say(`${check.metric}: ${check.measured} (target ${check.target || 'none'}: ${check.met ? 'met' : 'NOT met'})`);
    say(
      `p50 / p95 / max ${report.load.latencyMs.p50} / ${report.load.latencyMs.p95} / ${report.load.latencyMs.max} ms; wrote bench/results/${name}.json`,
    );
  } finally {
    await api?.stop();
    await database.stop();
    await stripe.stop();
  }
}
