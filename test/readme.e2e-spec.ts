/**
 * The README as a new user reads it: its `bash` blocks, pasted in order into one bash, run against
 * the API without a single error; its configuration table names every variable the code reads.
 */
import { loadAppConfig } from '@marketplace/config';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkLedger, Command, grantRole, listOutbox } from '../apps/cli/src/commands';
import { aRunningApi, outputOf } from './support/running-api';
import { TestApp } from './support/test-app';

const README = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

/** The fenced blocks of a language, in the order they appear. */
function codeBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(new RegExp('^```' + language + '\\n([\\s\\S]*?)^```$', 'gm'))].map((match) => match[1]);
}

/**
 * Every command fails the run on a GraphQL error or an HTTP error status, and says which; `npm run
 * cli -- …` (an operator's command) is sent to the test, which does what the CLI does on this API's database.
 */
const PRELUDE = `set -euo pipefail
# The README shows responses with \`tee /dev/stderr\`: a terminal can be opened again by that name, node's
# pipes (sockets) cannot, a real pipe can.
exec 2> >(cat >&2)
curl() {
  local out
  if ! out=$(command curl --fail-with-body "$@"); then echo "failed: curl $*: $out" >> "$README_FAILURES"; return 1; fi
  if [[ $out == *'"errors":'* ]]; then echo "GraphQL errors: curl $*: $out" >> "$README_FAILURES"; return 1; fi
  printf '%s' "$out"
}
npm() { command curl -sS --fail-with-body --data-binary "$*" "$README_OPERATOR_URL"; echo; }
`;

/** `npm run cli -- <command>` for the commands the README's journeys use: the CLI's own commands, run on this API. */
async function operatorCommand(app: TestApp, line: string): Promise<string> {
  const [run, cli, dashes, command, ...args] = line.trim().split(/\s+/);
  if (`${run} ${cli} ${dashes}` !== 'run cli --') throw new Error(`not an operator command: npm ${line}`);
  const commands: Record<string, () => Command> = {
    'grant-role': () => grantRole(args[0], args[1] as 'MODERATOR' | 'ADMIN'),
    'ledger:check': () => checkLedger,
    outbox: () => listOutbox,
  };
  if (!commands[command]) throw new Error(`the README test does not know npm ${line}`);
  // Stripe is the test's own emulator, not one the command started: the ledger is compared with it.
  return commands[command]()(app.app, { config: app.config, stripe: {} });
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
}

function serveOperator(app: TestApp): Promise<Server> {
  const server = createServer((request, response) => {
    bodyOf(request)
      .then((line) => operatorCommand(app, line))
      .then(
        (output) => response.writeHead(200).end(output),
        (error: Error) => response.writeHead(500).end(error.message),
      );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function runBash(script: string, cwd: string, env: NodeJS.ProcessEnv) {
  return outputOf(spawn('bash', ['-c', script], { cwd, env: { ...process.env, ...env }, timeout: 50_000 }));
}

describe('README', () => {
  let app: TestApp;
  let operator: Server;
  let workDir: string;

  beforeAll(async () => {
    app = await aRunningApi();
    operator = await serveOperator(app);
    workDir = mkdtempSync(join(tmpdir(), 'readme-'));
    // Where `npm start` keeps the emulator's key, which the README reads.
    writeFileSync(join(workDir, 'local-secrets.json'), JSON.stringify({ stripeEmulatorSecretKey: app.stripe.secretKey }));
  });

  afterAll(async () => {
    await new Promise((resolve) => operator?.close(resolve));
    await app?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('runs its bash blocks, pasted in order, without an error', async () => {
    const blocks = codeBlocks(README, 'bash');
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    const failures = join(workDir, 'failures.log');
    writeFileSync(failures, '');
    const { code, output } = await runBash(PRELUDE + blocks.join('\n'), workDir, {
      PORT: String((app.http.address() as AddressInfo).port),
      STRIPE_API_PORT: String(app.stripe.port),
      DATA_DIR: workDir,
      // The blocks are pasted at the root of the clone, where `node -e` finds the packages.
      NODE_PATH: join(__dirname, '..', 'node_modules'),
      README_FAILURES: failures,
      README_OPERATOR_URL: `http://127.0.0.1:${(operator.address() as AddressInfo).port}`,
    });
    // The output, when the run fails, says which command did.
    expect({ code, failures: readFileSync(failures, 'utf8'), output: code === 0 ? '' : output }).toEqual({
      code: 0,
      failures: '',
      output: '',
    });
    expect(output).toContain('the same bytes');
    expect(output).toMatch(/"asProvider":\s*\{\s*"average":\s*5,\s*"count":\s*1/);
    expect(output).toMatch(/"asClient":\s*\{\s*"average":\s*4,\s*"count":\s*1/);
  }, 60_000);

  it('lists every variable the configuration reads in its configuration table', () => {
    const read = new Set<string>();
    const recording = (env: NodeJS.ProcessEnv) =>
      new Proxy(env, { get: (target, name: string) => (read.add(name), target[name]) }) as NodeJS.ProcessEnv;
    loadAppConfig(recording({}));
    loadAppConfig(recording({ DOCUMENT_STORAGE: 's3' }));
    const table = README.slice(README.indexOf('## Configuration'))
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    // `RATE_LIMIT_BID_PER_USER` / `_PER_IP` / `_WINDOW_SECONDS`: the short names continue the row's first.
    const documented = table.flatMap((row) => {
      const names = [...row.split('|')[1].matchAll(/`([A-Z_0-9]+)`/g)].map((match) => match[1]);
      const base = names[0].replace(/_(PER_USER|PER_IP|WINDOW_SECONDS)$/, '');
      return names.map((name) => (name.startsWith('_') ? base + name : name));
    });
    expect([...read].filter((name) => !documented.includes(name))).toEqual([]);
  });
});
