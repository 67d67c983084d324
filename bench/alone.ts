/**
 * One scenario of the bench run alone on the bench's database, without seeding (`npm run
 * bench:uploads`, `npm run bench:messages`): the production-mode API on its own, the scenario, its
 * checks printed and its report written to bench/results/<name>.json.
 */
import { StripeEmulator } from '@marketplace/stripe-emulator';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiProcess, startApi } from './api-process';
import { postmasterPid } from './cpu';
import { startBenchDatabase } from './database';
import { apiEnvironment, BenchOptions, DATA_DIR, readOptions, RESULTS_DIR } from './options';
import { ScenarioReport } from './report';

export type Scenario = (api: ApiProcess, postmaster: number, options: BenchOptions) => Promise<ScenarioReport>;

export async function runAlone(name: string, scenario: Scenario): Promise<void> {
  const options = readOptions(process.env);
  const say = (line: string) => process.stderr.write(`[bench:${name}] ${line}\n`);
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const stripe = await StripeEmulator.start({ port: 0, webhookSecret });
  const database = await startBenchDatabase(DATA_DIR, options.postgresPort);
  let api: ApiProcess | undefined;
  try {
    api = await startApi({
      env: { ...apiEnvironment(options, database.url, stripe, webhookSecret), NODE_OPTIONS: options.apiNodeOptions },
      port: options.apiPort,
      resultsDir: RESULTS_DIR,
      cpuProfile: options.cpuProfile,
    });
    const report = await scenario(api, postmasterPid(database.dataDir), options);
    writeFileSync(join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
    for (const check of report.checks) say(`${check.metric}: ${check.measured} (target ${check.target}: ${check.met ? 'met' : 'NOT met'})`);
    const { p50, p95, max } = report.load.latencyMs;
    say(`request p50 / p95 / max ${p50} / ${p95} / ${max} ms; wrote bench/results/${name}.json`);
  } finally {
    await api?.stop();
    await database.stop();
    await stripe.stop();
  }
}

/** For a scenario's own file: runs it alone when the file is the process's entry point. */
export function runAloneWhenMain(module: NodeJS.Module, name: string, scenario: Scenario): void {
  if (require.main !== module) return;
  runAlone(name, scenario).catch((error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  });
}
