/**
 * The real API on its own database, driven through HTTP as a client app would. One per test
 * file (`beforeAll`), closed in `afterAll`.
 */
import { AppConfig, loadAppConfig, newReputationSigningKeySet, RATE_LIMITED_OPERATIONS, rateLimitEnvPrefix } from '@marketplace/config';
import { JobRunner } from '@marketplace/jobs';
import { createLogger } from '@marketplace/platform';
import { StripeEmulator, WebhookUrls } from '@marketplace/stripe-emulator';
import { INestApplication } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { mkdtempSync, rmSync } from 'node:fs';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createHttpApp } from '../../apps/api/src/http-app';
import { runQueuedJobs } from './queued-jobs';
import { TestDatabaseServer } from './test-database';

export const TEST_ENV: NodeJS.ProcessEnv = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'error',
  JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
  DOCUMENT_ENCRYPTION_KEY: 'ab'.repeat(32),
  STRIPE_WEBHOOK_SECRET: 'whsec_test0123456789',
  STRIPE_CONNECT_WEBHOOK_SECRET: 'whsec_testconnect0123456789',
  EMAIL_LINK_SECRET: 'test-email-link-secret-long-enough-for-hmac',
  PHOTO_LINK_SECRET: 'test-photo-link-secret-long-enough-for-hmac',
  INCOME_STATEMENT_SIGNING_KEY: 'cd'.repeat(32),
  REPUTATION_SIGNING_KEYS: newReputationSigningKeySet(),
  // Every test sends from 127.0.0.1: limits are out of the way unless a test sets the one it proves.
  ...Object.fromEntries(
    RATE_LIMITED_OPERATIONS.flatMap((operation) => [
      [`${rateLimitEnvPrefix(operation)}_PER_IP`, '1000000'],
      [`${rateLimitEnvPrefix(operation)}_PER_USER`, '1000000'],
    ]),
  ),
};

/** What production requires besides TEST_ENV; the database and Stripe are still the test's own. */
export const PRODUCTION_ENV: NodeJS.ProcessEnv = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://unused@localhost/unused',
  STRIPE_SECRET_KEY: 'sk_test_123',
  DOCUMENT_STORAGE: 'local',
  SMTP_URL: 'smtp://127.0.0.1:1',
  PUBLIC_APP_URL: 'https://app.example.test',
  PUBLIC_API_URL: 'https://api.example.test',
  // Production requires the platform's legal details (its invoices print them).
  PLATFORM_LEGAL_NAME: 'Marketplace Test SAS',
  PLATFORM_SIREN: '123456782',
  PLATFORM_RCS_CITY: 'Paris',
  PLATFORM_ADDRESS_LINE: "1 rue de l'Exemple",
  PLATFORM_POSTCODE: '75001',
  PLATFORM_CITY: 'Paris',
};

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions: { code: string; [key: string]: unknown } }[];
}

export class TestApp {
  private constructor(
    private nest: INestApplication,
    public config: AppConfig,
    /** This app's own Stripe emulator: its webhooks come back to this app. */
    readonly stripe: StripeEmulator,
    private readonly server: TestDatabaseServer,
    private readonly database: string,
    /** False for another instance on the same database: closing it leaves the database and Stripe alone. */
    private readonly ownsDatabase = true,
  ) {}

  /** `logs` takes the API's log lines (JSON) instead of stdout; `databaseServer`, a server of the test's own instead of the suite's. */
  static async start(
    env: NodeJS.ProcessEnv = {},
    { logs, databaseServer }: { logs?: DestinationStream; databaseServer?: TestDatabaseServer } = {},
  ): Promise<TestApp> {
    const dataDir = mkdtempSync(join(tmpdir(), 'marketplace-test-data-'));
    const stripe = await StripeEmulator.start({
      port: 0,
      webhookSecret: TEST_ENV.STRIPE_WEBHOOK_SECRET!,
      connectWebhookSecret: TEST_ENV.STRIPE_CONNECT_WEBHOOK_SECRET,
    });
    const stripeEnv = {
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_API_HOST: stripe.host,
      STRIPE_API_PORT: String(stripe.port),
      STRIPE_API_PROTOCOL: 'http',
    };
    const loaded = loadAppConfig({ ...TEST_ENV, DATA_DIR: dataDir, ...stripeEnv, ...env });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const server = databaseServer ?? TestDatabaseServer.fromEnvironment();
    const database = await server.cloneTemplate();
    const app = await TestApp.listen(loaded.config, server.urlOf(database), stripe, logs);
    return new TestApp(app, loaded.config, stripe, server, database);
  }

  private static async listen(
    config: AppConfig,
    databaseUrl: string,
    stripe: StripeEmulator,
    logs?: DestinationStream,
  ): Promise<INestApplication> {
    const app = await createHttpApp({ config, databaseUrl, withWorker: true, logger: createLogger(config, logs) });
    await app.listen(0, '127.0.0.1');
    stripe.setWebhookUrls(webhookUrlsOf(app));
    return app;
  }

  /** Runs `during` with Stripe's webhooks held back (the emulator keeps them, to deliver on demand), as when they are late. */
  async withoutWebhooks<T>(during: () => Promise<T>): Promise<T> {
    this.stripe.setWebhookUrls(null);
    try {
      return await during();
    } finally {
      this.stripe.setWebhookUrls(webhookUrlsOf(this.nest));
    }
  }

  /** Stops this API, as a crash or a deploy would, and starts a new one on the same database and Stripe (with `changes` to its configuration, as a deploy may bring). */
  async restart(changes: Partial<AppConfig> = {}): Promise<void> {
    this.stripe.setWebhookUrls(null);
    await this.nest.close();
    this.config = { ...this.config, ...changes };
    this.nest = await TestApp.listen(this.config, this.server.urlOf(this.database), this.stripe);
  }

  /** A second API instance on this one's database (without a worker), listening, as a deployment runs several. Close it first. */
  async anotherInstance(): Promise<TestApp> {
    const nest = await createHttpApp({
      config: this.config,
      databaseUrl: this.server.urlOf(this.database),
      withWorker: false,
      logger: createLogger(this.config),
    });
    await nest.listen(0, '127.0.0.1');
    return new TestApp(nest, this.config, this.stripe, this.server, this.database, false);
  }

  get app(): INestApplication {
    return this.nest;
  }

  get http(): Server {
    return this.app.getHttpServer() as Server;
  }

  /** Where a graphql-ws client subscribes (test/support/subscriptions.ts). */
  get wsUrl(): string {
    const { port } = this.http.address() as AddressInfo;
    return `ws://127.0.0.1:${port}/graphql`;
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  /** POST /graphql as a client app does; `token` is the access token, if any. */
  async graphql<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<GraphQLResponse<T>> {
    const call = request(this.http).post('/graphql').set('Content-Type', 'application/json');
    if (token) call.set('Authorization', `Bearer ${token}`);
    const response = await call.send({ query, variables });
    return { status: response.status, data: response.body.data ?? undefined, errors: response.body.errors };
  }

  async count(table: string): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM "${table}"`);
    return row.n;
  }

  /** Runs the jobs that are due, as the worker would; with `dueNow`, also those waiting for a later time or a retry. */
  runJobs(options: { dueNow?: boolean } = {}): Promise<void> {
    return runQueuedJobs(this.dataSource, this.app.get(JobRunner), options);
  }

  async close(): Promise<void> {
    await this.nest.close();
    if (!this.ownsDatabase) return;
    await this.stripe.stop();
    await this.server.drop(this.database);
    rmSync(this.config.dataDir, { recursive: true, force: true });
  }
}

function webhookUrlsOf(app: INestApplication): WebhookUrls {
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  const platform = `http://127.0.0.1:${port}/webhooks/stripe`;
  return { platform, connect: `${platform}/connect` };
}

/** The codes of a response's errors, for short assertions. */
export function errorCodes(response: GraphQLResponse): string[] {
  return (response.errors ?? []).map((error) => error.extensions.code);
}
