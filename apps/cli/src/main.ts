/**
 * Operator commands: `npm run cli -- <command>` (`npm run cli -- --help` lists them). Arguments
 * are checked by program.ts first; the application (and PostgreSQL) is loaded only for a command
 * that runs.
 */
// First of all: the tracing instrumentations patch http, express, graphql and pg as they are loaded.
import '@marketplace/tracing';
import type { Command } from './commands';
import { cliProgram, runCli } from './program';

type Commands = typeof import('./commands');

async function run(pick: (commands: Commands) => Command, options?: { migrateOnStart: boolean }): Promise<void> {
  const commands = await import('./commands');
  await commands.runCommand(pick(commands), options);
}

const program = cliProgram({
  grantRole: (email, role) => run((commands) => commands.grantRole(email, role)),
  generateMigration: (name) => run((commands) => commands.generateMigration(name)),
  emitSchema: () => run((commands) => commands.emitSchema),
  seed: (options) => run((commands) => commands.seed(options)),
  checkLedger: () => run((commands) => commands.checkLedger),
  retryPayouts: (options) => run((commands) => commands.retryPayouts(options)),
  listOutbox: () => run((commands) => commands.listOutbox),
  verifyEmail: (email) => run((commands) => commands.verifyEmail(email)),
  dac7Report: (options) => run((commands) => commands.dac7Report(options)),
  refreshPriceInsight: () => run((commands) => commands.refreshPriceInsight),
  // Booted without migrating, so that the command applies (and names) what is pending.
  migrate: () => run((commands) => commands.migrate, { migrateOnStart: false }),
  // Without the application: a copy of PostgreSQL's files.
  backup: (directory) => import('./backup').then(({ backup }) => backup(directory)),
  restore: (directory, options) => import('./backup').then(({ restore }) => restore(directory, options)),
});

// A command that runs exits by itself once done; this exit is for help and bad usage.
void runCli(program, process.argv.slice(2)).then((code) => process.exit(code));
