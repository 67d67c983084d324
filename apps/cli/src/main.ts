/**
 * Operator commands: `npm run cli -- <command>`.
 *   grant-role <email> <ROLE>        give MODERATOR or ADMIN (the only way to make the first ADMIN)
 *   migration:generate <name>        write a migration for what the entities changed
 *   schema:emit                      write the GraphQL schema file the code generates
 *   seed [--missions N]              add demo/benchmark data: N missions (default 1000) with clients, providers, bids
 *   ledger:check                     check that every payment's books balance and match its payment, payout and refund,
 *                                    and that Stripe holds the one transfer and refund each payment recorded
 *   payouts:retry [--id <payoutId>]  send every FAILED payout (or the one given) round again: PENDING, its transfer queued
 *   outbox                           list the emails written as .eml files (no SMTP_URL), newest first
 *   verify-email <email>             mark a user's address verified, as support does after checking it another way
 */
import 'reflect-metadata';
import { AccountsService, EmailVerificationService } from '@marketplace/accounts';
import { listOutbox } from '@marketplace/notifications';
import { assertUuid, Role } from '@marketplace/common';
import { Ledger, PayoutsService, StripeReconciliation } from '@marketplace/payments';
import { bootProcess, MarketplaceModule, ProcessContext } from '@marketplace/platform';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { writeMigration } from './migration-generator';
import { writeSchemaFile } from './schema-file';
import { parseSeedArguments, seed } from './seed/seeder';

type Command = (app: INestApplicationContext, args: string[], context: ProcessContext) => Promise<string>;

const COMMANDS: Record<string, Command> = {
  'grant-role': async (app, [email, role]) => {
    if (!email || !role || !(role in Role)) throw new Error('usage: grant-role <email> <MODERATOR|ADMIN>');
    const accounts = app.get(AccountsService);
    const user = await accounts.findByEmail(email);
    if (!user) throw new Error(`No user with email ${email}.`);
    const updated = await accounts.grantRole(user.id, role as Role);
    return `${updated.email} now has roles: ${updated.roles.join(', ')}`;
  },
  'migration:generate': async (app, [name]) => {
    if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) throw new Error('usage: migration:generate <kebab-case-name>');
    const file = await writeMigration(app, name);
    return file ? `Wrote ${file}; read its SQL before committing it.` : 'The entities match the database: no migration needed.';
  },
  'schema:emit': async (app) => `Wrote ${await writeSchemaFile(app)}`,
  'ledger:check': async (app, _args, { stripe }) => {
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
  },
  'payouts:retry': async (app, args) => {
    const [option, id, ...rest] = args;
    if ((option !== undefined && (option !== '--id' || !id)) || rest.length > 0) throw new Error('usage: payouts:retry [--id <payoutId>]');
    const retried = await app.get(PayoutsService).retryFailed(id === undefined ? undefined : assertUuid(id, '--id'));
    if (retried.length === 0) return 'No FAILED payout to retry.';
    const lines = retried.map(
      (payout) => `  payout ${payout.id} (mission ${payout.missionId}, ${payout.amountCents} cents): ${payout.failureReason}`,
    );
    return `Retried ${retried.length} FAILED payout(s): PENDING again, transfer queued for the worker:\n${lines.join('\n')}`;
  },
  seed: async (app, args) => seed(app, parseSeedArguments(args)),
  outbox: async (_app, _args, { config }) => listOutbox(config.dataDir),
  'verify-email': async (app, [email]) => {
    if (!email) throw new Error('usage: verify-email <email>');
    const user = await app.get(AccountsService).findByEmail(email);
    if (!user) throw new Error(`No user with email ${email}.`);
    await app.get(EmailVerificationService).verifyByOperator(user.id);
    return `${user.email} is verified.`;
  },
};

const [commandName, ...args] = process.argv.slice(2);
const command = commandName ? COMMANDS[commandName] : undefined;
if (!command) {
  console.error(`usage: npm run cli -- <${Object.keys(COMMANDS).join(' | ')}> [arguments]`);
  process.exit(2);
}

void bootProcess('cli', async (context: ProcessContext) => {
  const { config, database, logger } = context;
  logger.setLogLevels(['error', 'warn']);
  const app = await NestFactory.createApplicationContext(
    MarketplaceModule.forRoot({ config, databaseUrl: database.url, withWorker: false }),
    {
      logger,
    },
  );
  try {
    console.log(await command(app, args, context));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
  await app.close();
  await database.release();
  process.exit();
});
