/**
 * What each CLI command does, on the booted application (loaded by main.ts only once the
 * arguments were checked). A command answers the line to print; a failure throws.
 */
import 'reflect-metadata';
import { AccountsService, EmailVerificationService } from '@marketplace/accounts';
import { Role } from '@marketplace/common';
import { listOutbox as listOutboxFiles } from '@marketplace/notifications';
import { Ledger, PayoutsService, StripeReconciliation } from '@marketplace/payments';
import { bootProcess, MarketplaceModule, ProcessContext } from '@marketplace/platform';
import { dac7SchemaProblems, Dac7ReportService } from '@marketplace/tax-reporting';
import { stopTracing } from '@marketplace/tracing';
import { PriceInsightService } from '@marketplace/price-insight';
import { INestApplicationContext } from '@nestjs/common';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { writeMigration } from './migration-generator';
import { writeSchemaFile } from './schema-file';
import { seed as seedData } from './seed/seeder';

/** What a command reads of its process besides the application: the configuration, and whether Stripe is an emulator it started. */
export type CommandContext = Pick<ProcessContext, 'config'> & { stripe: Pick<ProcessContext['stripe'], 'emulator'> };

export type Command = (app: INestApplicationContext, context: CommandContext) => Promise<string>;

export const grantRole =
  (email: string, role: 'MODERATOR' | 'ADMIN'): Command =>
  async (app) => {
    const accounts = app.get(AccountsService);
    const user = await accounts.findByEmail(email);
    if (!user) throw new Error(`No user with email ${email}.`);
    const { user: updated } = await accounts.grantRole(user.id, Role[role]);
    return `${updated.email} now has roles: ${updated.roles.join(', ')}`;
  };

export const generateMigration =
  (name: string): Command =>
  async (app) => {
    const file = await writeMigration(app, name);
    return file ? `Wrote ${file}; read its SQL before committing it.` : 'The entities match the database: no migration needed.';
  };

export const emitSchema: Command = async (app) => `Wrote ${await writeSchemaFile(app)}`;

export const seed =
  (options: { missions: number }): Command =>
  (app) =>
    seedData(app, options);

export const checkLedger: Command = async (app, { stripe }) => {
  // An emulator this command started itself holds nothing: comparing with it would flag every transfer and refund.
  const withStripe = !stripe.emulator;
  const [{ paymentsChecked, problems: inBooks }, onStripe] = await Promise.all([
    app.get(Ledger).check(),
    withStripe ? app.get(StripeReconciliation).check() : [],
  ]);
  const problems = [...inBooks, ...onStripe];
  if (problems.length === 0) {
    return withStripe
      ? `The ledger balances and agrees with Stripe: ${paymentsChecked} payments checked, no problem found.`
      : `The ledger balances: ${paymentsChecked} payments checked, no problem found (not compared with Stripe: start the API for its emulator).`;
  }
  const lines = problems.map(({ missionId, paymentId, problem }) => `  mission ${missionId}, payment ${paymentId}: ${problem}`);
  throw new Error(`${problems.length} problem(s) in the ledger (${paymentsChecked} payments checked):\n${lines.join('\n')}`);
};

export const retryPayouts =
  ({ id }: { id?: string }): Command =>
  async (app) => {
    const retried = await app.get(PayoutsService).retryFailed(id);
    if (retried.length === 0) return 'No FAILED payout to retry.';
    const lines = retried.map(
      (payout) => `  payout ${payout.id} (mission ${payout.missionId}, ${payout.amountCents} cents): ${payout.failureReason}`,
    );
    return `Retried ${retried.length} FAILED payout(s): PENDING again, transfer queued for the worker:\n${lines.join('\n')}`;
  };

export const listOutbox: Command = async (_app, { config }) => listOutboxFiles(config.dataDir);

export const verifyEmail =
  (email: string): Command =>
  async (app) => {
    const user = await app.get(AccountsService).findByEmail(email);
    if (!user) throw new Error(`No user with email ${email}.`);
    await app.get(EmailVerificationService).verifyByOperator(user.id);
    return `${user.email} is verified.`;
  };

export const dac7Report =
  (options: { year: number; out: string; allowPartial: boolean }): Command =>
  async (app) => {
    const { report, xml } = await app.get(Dac7ReportService).xml(options.year, { allowPartial: options.allowPartial });
    const problems = await dac7SchemaProblems(xml);
    if (problems.length > 0)
      throw new Error(`The DAC7 file does not validate against schemas/dac7 (nothing written):\n${problems.join('\n')}`);
    writeFileSync(options.out, xml);
    const incomplete = report.incomplete.map(({ seller }) => `  provider ${seller.userId}: missing ${seller.missing.join(', ')}`);
    return [
      `Wrote ${options.out}: DAC7 ${report.year}${report.partial ? ' (partial: the year has not ended)' : ''}, ${report.sellers.length} reportable provider(s), valid against schemas/dac7.`,
      ...(incomplete.length
        ? [`${incomplete.length} provider(s) paid in ${report.year} left out, their data incomplete:`, ...incomplete]
        : []),
    ].join('\n');
  };
/** Booted without migrating (runCommand's `migrateOnStart: false`), so that it can say what it applied. */
export const migrate: Command = async (app) => {
  const dataSource = app.get(DataSource);
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  if (applied.length === 0) return `No pending migration: the database has all ${dataSource.migrations.length} of this build.`;
  return `Applied ${applied.length} migration(s), oldest first:\n${applied.map(({ name }) => `  ${name}`).join('\n')}`;
};

export const refreshPriceInsight: Command = async (app) =>
  `The price insight's aggregate holds ${await app.get(PriceInsightService).refresh()} cells (category and public point).`;

/**
 * Boots configuration, database and Stripe (logs on stderr), runs the command, prints its answer on
 * stdout, exits 0 or 1. Pending migrations are applied first as MIGRATE_ON_START says, unless
 * `migrateOnStart` decides.
 */
export function runCommand(command: Command, { migrateOnStart }: { migrateOnStart?: boolean } = {}): Promise<void> {
  return bootProcess(
    'cli',
    async (context) => {
      const { database, logger } = context;
      const config =
        migrateOnStart === undefined ? context.config : { ...context.config, operations: { ...context.config.operations, migrateOnStart } };
      logger.setLogLevels(['error', 'warn']);
      const app = await NestFactory.createApplicationContext(
        MarketplaceModule.forRoot({ config, databaseUrl: database.url, withWorker: false }),
        {
          logger,
        },
      );
      try {
        console.log(await command(app, context));
      } catch (error) {
        console.error((error as Error).message);
        process.exitCode = 1;
      }
      await app.close();
      await database.release();
      await stopTracing();
      process.exit();
    },
    { logTo: 'stderr' },
  );
}
