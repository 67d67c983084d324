/**
 * The operator CLI's commands, arguments and help (commander). Nothing heavy is imported here:
 * `--help` and a bad argument are answered before PostgreSQL or Nest start, and only a command's
 * action (given by main.ts) loads them. Exit codes: 0 done, 1 the command failed, 2 bad usage.
 */
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';

export const GRANTABLE_ROLES = ['MODERATOR', 'ADMIN'] as const;
export const DEFAULT_MISSIONS = 1_000;
export const MAX_MISSIONS = 5_000_000;

export interface CliActions {
  grantRole(email: string, role: (typeof GRANTABLE_ROLES)[number]): Promise<void>;
  generateMigration(name: string): Promise<void>;
  emitSchema(): Promise<void>;
  seed(options: { missions: number }): Promise<void>;
  checkLedger(): Promise<void>;
  retryPayouts(options: { id?: string }): Promise<void>;
  listOutbox(): Promise<void>;
  verifyEmail(email: string): Promise<void>;
  dac7Report(options: { year: number; out: string; allowPartial: boolean }): Promise<void>;
  refreshPriceInsight(): Promise<void>;
  migrate(): Promise<void>;
  backup(directory: string): Promise<void>;
  restore(directory: string, options: { into?: string }): Promise<void>;
}

/** Where commander writes: the process's stdout and stderr, or a test's. */
export interface CliOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function anEmail(value: string): string {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) throw new InvalidArgumentError('Not an email address.');
  return value;
}

function aMigrationName(value: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(value)) throw new InvalidArgumentError('Use kebab-case: lower-case letters, digits and dashes.');
  return value;
}

function aMissionCount(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1 || count > MAX_MISSIONS) {
    throw new InvalidArgumentError(`A whole number from 1 to ${MAX_MISSIONS.toLocaleString('en-US')}.`);
  }
  return count;
}

function aPayoutId(value: string): string {
  if (!UUID.test(value)) throw new InvalidArgumentError('Not a payout id (a UUID).');
  return value.toLowerCase();
}

function aYear(value: string): number {
  if (!/^20\d\d$/.test(value)) throw new InvalidArgumentError('A year, e.g. 2026.');
  return Number(value);
}

export function cliProgram(actions: CliActions, output?: CliOutput): Command {
  const program = new Command('npm run cli --')
    .description('Operator commands of the marketplace API. They use the embedded PostgreSQL of DATA_DIR (or DATABASE_URL).')
    .exitOverride()
    .showHelpAfterError()
    .addHelpText('after', '\nRun `npm run cli -- <command> --help` for the arguments of a command.');
  if (output) program.configureOutput(output);

  program
    .command('grant-role')
    .description('give a user the MODERATOR or ADMIN role (the only way to make the first ADMIN); the API may be running')
    .argument('<email>', "the user's email", anEmail)
    .addArgument(new Argument('<role>', 'the role to add').choices(GRANTABLE_ROLES))
    .action((email: string, role: (typeof GRANTABLE_ROLES)[number]) => actions.grantRole(email, role));
  program
    .command('migration:generate')
    .description('write a migration for what the entities changed (read its SQL, then `npm run format`)')
    .argument('<name>', 'what it does, in kebab-case (add-something)', aMigrationName)
    .action((name: string) => actions.generateMigration(name));
  program
    .command('schema:emit')
    .description('write apps/api/schema.gql, the GraphQL schema the code generates (a test checks it)')
    .action(() => actions.emitSchema());
  program
    .command('seed')
    .description('add demo or benchmark data: French cities, clients, providers with a verified identity, missions, bids, ratings')
    .addOption(
      new Option('--missions <count>', 'missions to add, with their clients and providers')
        .argParser(aMissionCount)
        .default(DEFAULT_MISSIONS),
    )
    .action((options: { missions: number }) => actions.seed(options));
  program
    .command('ledger:check')
    .description(
      "check that every payment's books balance and match its payment, payout, refunds and chargebacks, " +
        'and that Stripe holds what each payment recorded (compared while the API, and so its emulator, runs); exit 1 on a problem',
    )
    .action(() => actions.checkLedger());
  program
    .command('payouts:retry')
    .description('send every FAILED payout (or the one given) round again: PENDING, its transfer queued for the worker')
    .option('--id <payoutId>', 'only this payout', aPayoutId)
    .action((options: { id?: string }) => actions.retryPayouts(options));
  program
    .command('outbox')
    .description('list the emails written as .eml files (no SMTP_URL), newest first, each with its link')
    .action(() => actions.listOutbox());
  program
    .command('verify-email')
    .description("mark a user's email address verified, as support does after checking it another way")
    .argument('<email>', "the user's email", anEmail)
    .action((email: string) => actions.verifyEmail(email));
  program
    .command('dac7:report')
    .description(
      "write the year's DAC7 XML (DGFiP DPI schema, validated against schemas/dac7 before it is written) of every provider paid in it; " +
        'refused for a year not ended unless --allow-partial',
    )
    .requiredOption('--year <year>', 'the calendar year reported', aYear)
    .requiredOption('--out <file>', 'where to write the XML')
    .option('--allow-partial', 'a preview of a year not ended yet', false)
    .action((options: { year: number; out: string; allowPartial: boolean }) => actions.dac7Report(options));
  program
    .command('price-insight:refresh')
    .description("rebuild the fair-price insight's aggregate now, as its hourly job does")
    .action(() => actions.refreshPriceInsight());
  program
    .command('migrate')
    .description(
      'apply the pending migrations, once per release before the new replicas start (they run with MIGRATE_ON_START=false ' +
        'and report not ready until then); nothing to do is not an error',
    )
    .action(() => actions.migrate());
  program
    .command('backup')
    .description(
      'a consistent physical backup of the embedded PostgreSQL while it runs (started if it is not): its data directory, ' +
        "the WAL of the copy and a manifest with every file's SHA-256; refused for DATABASE_URL (use that server's pg_basebackup or pg_dump)",
    )
    .argument('<dir>', 'a new or empty directory')
    .action((directory: string) => actions.backup(directory));
  program
    .command('restore')
    .description(
      "restore a backup into a new or empty data directory (never over a running server's), once the manifest checks out; " +
        "the server started on it replays the backup's WAL first",
    )
    .argument('<dir>', 'a directory written by `backup`')
    .option('--into <dataDir>', "the data directory to create (default: DATA_DIR's postgres/, which must be moved aside first)")
    .action((directory: string, options: { into?: string }) => actions.restore(directory, options));
  return program;
}

/** Parses `args` (after `node main.js`) and runs the command; resolves to the exit code for usage and help. */
export async function runCli(program: Command, args: string[]): Promise<number> {
  try {
    await program.parseAsync(args, { from: 'user' });
    return 0;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // --help, `help <command>` and --version exit 0; any other refusal by commander is bad usage.
    return error.exitCode === 0 ? 0 : 2;
  }
}
