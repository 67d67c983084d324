import { CliActions, cliProgram, runCli } from './program';

/** The program with actions that only record their call, and its output kept. */
function aCli() {
  const calls: unknown[][] = [];
  const record =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
    };
  const actions = Object.fromEntries(
    ['grantRole', 'generateMigration', 'emitSchema', 'seed', 'checkLedger', 'retryPayouts', 'backup', 'restore'].map((name) => [
      name,
      record(name),
    ]),
  ) as unknown as CliActions;
  const out: string[] = [];
  const err: string[] = [];
  const run = (...args: string[]) =>
    runCli(cliProgram(actions, { writeOut: (text) => out.push(text), writeErr: (text) => err.push(text) }), args);
  return { run, calls, stdout: () => out.join(''), stderr: () => err.join('') };
}

const COMMANDS = [
  'grant-role',
  'migration:generate',
  'schema:emit',
  'seed',
  'ledger:check',
  'payouts:retry',
  'price-insight:refresh',
  'migrate',
  'backup',
  'restore',
];

describe('the operator CLI', () => {
  it('lists every command on --help, on stdout, exit 0, running none', async () => {
    const cli = aCli();
    expect(await cli.run('--help')).toBe(0);
    for (const command of COMMANDS) expect(cli.stdout()).toContain(command);
    expect(cli.calls).toEqual([]);
  });

  it.each(COMMANDS)('explains %s on --help, exit 0, without running it', async (command) => {
    const cli = aCli();
    expect(await cli.run(command, '--help')).toBe(0);
    expect(cli.stdout()).toContain(`Usage: npm run cli -- ${command}`);
    expect(cli.calls).toEqual([]);
  });

  it('runs a command with its checked arguments', async () => {
    const cli = aCli();
    expect(await cli.run('grant-role', 'dana@example.com', 'ADMIN')).toBe(0);
    expect(await cli.run('seed', '--missions', '250')).toBe(0);
    expect(await cli.run('seed', '--missions=300')).toBe(0);
    expect(await cli.run('seed')).toBe(0);
    expect(await cli.run('payouts:retry', '--id', '0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe(0);
    expect(await cli.run('payouts:retry')).toBe(0);
    expect(await cli.run('migration:generate', 'add-something')).toBe(0);
    expect(await cli.run('backup', '/backups/2026-12-02')).toBe(0);
    expect(await cli.run('restore', '/backups/2026-12-02', '--into', '/srv/postgres')).toBe(0);
    expect(await cli.run('restore', '/backups/2026-12-02')).toBe(0);
    expect(cli.calls).toEqual([
      ['grantRole', 'dana@example.com', 'ADMIN'],
      ['seed', { missions: 250 }],
      ['seed', { missions: 300 }],
      ['seed', { missions: 1000 }],
      ['retryPayouts', { id: '0f8fad5b-d9cb-469f-a165-70867728950e' }],
      ['retryPayouts', {}],
      ['generateMigration', 'add-something'],
      ['backup', '/backups/2026-12-02'],
      ['restore', '/backups/2026-12-02', { into: '/srv/postgres' }],
      ['restore', '/backups/2026-12-02', {}],
    ]);
  });

  it.each([
    [[], 'Usage: npm run cli --'],
    [['no-such-command'], "unknown command 'no-such-command'"],
    [['grant-role', 'dana@example.com', 'CLIENT'], 'Allowed choices are MODERATOR, ADMIN.'],
    [['grant-role', 'dana@example.com'], "missing required argument 'role'"],
    [['grant-role', 'not-an-email', 'ADMIN'], 'Not an email address.'],
    [['grant-role', 'dana@example.com', 'ADMIN', 'extra'], 'too many arguments'],
    [['payouts:retry', '--id', 'not-a-uuid'], 'Not a payout id'],
    [['payouts:retry', '--id'], "option '--id <payoutId>' argument missing"],
    [['migration:generate', 'Add Something'], 'kebab-case'],
    [['seed', '--missions', '0'], 'A whole number from 1 to 5,000,000.'],
    [['seed', '--missions', '1e3'], 'A whole number'],
    [['seed', '--missions', '5000001'], 'A whole number'],
    [['seed', '--rows', '5'], "unknown option '--rows'"],
    [['backup'], "missing required argument 'dir'"],
    [['restore', '/backups/2026-12-02', '--over'], "unknown option '--over'"],
  ])('refuses %p with exit 2 and the reason on stderr, before anything runs', async (args, reason) => {
    const cli = aCli();
    expect(await cli.run(...args)).toBe(2);
    expect(cli.stderr()).toContain(reason);
    expect(cli.stderr()).toContain('Usage: npm run cli --');
    expect(cli.stdout()).toBe('');
    expect(cli.calls).toEqual([]);
  });
});
