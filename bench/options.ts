/** The bench's settings (environment variables, see run.ts) and the production environment it gives the API. */
import { newReputationSigningKeySet } from '@marketplace/config';
import { StripeEmulator } from '@marketplace/stripe-emulator';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const DATA_DIR = join(ROOT, '.data', 'bench');
export const RESULTS_DIR = join(ROOT, 'bench', 'results');

export interface BenchOptions {
  durationSeconds: number;
  warmupSeconds: number;
  missions: number;
  connections: number;
  poolSize: number;
  postgresPort: number;
  apiPort: number;
  cpuProfile: boolean;
  apiNodeOptions: string;
  quietWaitSeconds: number;
  /** Frozen invoices the document job drains, and completions of each kind (bench/invoices.ts). */
  invoiceBacklog: number;
  invoiceCompletions: number;
}

export function readOptions(env: NodeJS.ProcessEnv): BenchOptions {
  const number = (name: string, fallback: number) => {
    const value = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got ${env[name]}`);
    return value;
  };
  return {
    durationSeconds: number('BENCH_DURATION_SECONDS', 30),
    warmupSeconds: number('BENCH_WARMUP_SECONDS', 3),
    missions: number('BENCH_MISSIONS', 1_000_000),
    connections: number('BENCH_CONNECTIONS', 32),
    poolSize: number('BENCH_DATABASE_POOL_SIZE', 10),
    postgresPort: number('BENCH_POSTGRES_PORT', 54339),
    apiPort: number('BENCH_API_PORT', 3901),
    cpuProfile: env.BENCH_CPU_PROFILE === '1',
    apiNodeOptions: env.BENCH_API_NODE_OPTIONS ?? '',
    quietWaitSeconds: number('BENCH_QUIET_WAIT_SECONDS', 30),
    invoiceBacklog: number('BENCH_INVOICE_BACKLOG', 300),
    invoiceCompletions: number('BENCH_INVOICE_COMPLETIONS', 150),
  };
}

/** Production configuration: every secret set (fresh for each run), Stripe at the bench's emulator, no in-process worker. */
export function apiEnvironment(
  options: BenchOptions,
  databaseUrl: string,
  stripe: StripeEmulator,
  webhookSecret: string,
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATA_DIR,
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: String(options.poolSize),
    WORKER_IN_PROCESS: 'false',
    JWT_SECRET: randomBytes(32).toString('hex'),
    // Long enough for a long BENCH_DURATION_SECONDS: the users log in once, before the scenarios.
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    DOCUMENT_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    DOCUMENT_STORAGE: 'local',
    STRIPE_SECRET_KEY: stripe.secretKey,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_CONNECT_WEBHOOK_SECRET: stripe.connectWebhookSecret,
    STRIPE_API_HOST: stripe.host,
    STRIPE_API_PORT: String(stripe.port),
    STRIPE_API_PROTOCOL: 'http',
    // Production requires email settings; nothing is sent (the worker, which delivers the outbox, does not run).
    PUBLIC_APP_URL: 'https://app.bench.example',
    PUBLIC_API_URL: 'https://api.bench.example',
    SMTP_URL: 'smtp://127.0.0.1:1',
    EMAIL_LINK_SECRET: randomBytes(32).toString('hex'),
    PHOTO_LINK_SECRET: randomBytes(32).toString('hex'),
    // Production requires the platform's legal details (its invoices print them).
    PLATFORM_LEGAL_NAME: 'Marketplace Bench SAS',
    PLATFORM_SIREN: '123456782',
    PLATFORM_RCS_CITY: 'Paris',
    PLATFORM_ADDRESS_LINE: "1 rue de l'Exemple",
    PLATFORM_POSTCODE: '75001',
    PLATFORM_CITY: 'Paris',
    INCOME_STATEMENT_SIGNING_KEY: randomBytes(32).toString('hex'),
    REPUTATION_SIGNING_KEYS: newReputationSigningKeySet(),
    // The scenarios measure throughput from one address (and placeBid from a few providers), not the limits.
    RATE_LIMIT_BID_PER_IP: '1000000',
    RATE_LIMIT_BID_PER_USER: '1000000',
    // Each run registers its uploaders from this address, and the counters live in the bench's own
    // database: a fourth run within the hour was refused (TOO_MANY_REQUESTS) at the upload scenario.
    RATE_LIMIT_REGISTER_PER_IP: '1000000',
    RATE_LIMIT_DOCUMENT_UPLOAD_PER_IP: '1000000',
    // The messages scenario posts its missions and sends its messages from this address, a few users each.
    RATE_LIMIT_MISSION_PER_IP: '1000000',
    RATE_LIMIT_MESSAGE_PER_IP: '1000000',
    RATE_LIMIT_MESSAGE_PER_USER: '1000000',
    // For an A/B of the session cache (0: every request reads its sign-in).
    ...(process.env.SESSION_CACHE_TTL_SECONDS === undefined ? {} : { SESSION_CACHE_TTL_SECONDS: process.env.SESSION_CACHE_TTL_SECONDS }),
  };
}
