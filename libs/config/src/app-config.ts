/**
 * The whole runtime configuration, read once from the environment at start-up.
 * `loadAppConfig` is pure so that every rule about a variable is unit-tested; a bad or
 * missing value is reported as one line naming the variable, and the process stops.
 */
import { ConfigProblems, EnvReader } from './env-reader';
import { FranceConnectConfig, readFranceConnect } from './franceconnect-config';
import { OperationsConfig, readOperations } from './operations-config';
import { PlatformLegalConfig, readPlatformLegal } from './platform-legal-config';
import { RateLimitsConfig, readRateLimits } from './rate-limits-config';
import { readReputationSigningKeys, REPUTATION_SIGNING_KEYS, ReputationSigningKey } from './reputation-signing-keys';
import { readTracing, TracingConfig } from './tracing-config';

export type NodeEnv = 'development' | 'test' | 'production';

export interface StripeConfig {
  /** Absent in local emulator mode. */
  secretKey?: string;
  /** The key the local emulator is started with and called with (generated into the local secrets). */
  emulatorSecretKey?: string;
  /** Signs the platform endpoint's events (`POST /webhooks/stripe`). */
  webhookSecret?: string;
  /** Signs the Connect endpoint's events, those of connected accounts (`POST /webhooks/stripe/connect`). */
  connectWebhookSecret?: string;
  apiHost?: string;
  apiPort?: number;
  apiProtocol?: 'http' | 'https';
  /** How long a Stripe call may take before it counts as failed (and its job is retried). */
  timeoutMs: number;
  /** How long acceptBid waits for the PaymentIntent after its commit; past it, the job creates it. */
  acceptanceWaitMs: number;
}

export type DocumentStorageConfig =
  | { kind: 'local' }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      endpoint?: string;
      forcePathStyle: boolean;
      accessKeyId?: string;
      secretAccessKey?: string;
    };

export interface EmailConfig {
  /** Absent outside production: emails are written as .eml files under `<dataDir>/outbox/`. */
  smtpUrl?: string;
  from: string;
  /** The web app the links in emails open (it calls verifyEmail / resetPassword with the token). */
  publicAppUrl: string;
  /** This API as the outside reaches it: the unsubscribe links point at it. */
  publicApiUrl: string;
  /** Signs the unsubscribe links (HMAC-SHA256). */
  linkSecret?: string;
  verificationTtlHours: number;
  passwordResetTtlMinutes: number;
  /** Attempts (with backoff) to deliver an email before its job is left failed; the outbox row stays, with the error. */
  maxAttempts: number;
}

export interface PhotosConfig {
  /** Signs the links photos are served by (HMAC-SHA256). */
  linkSecret?: string;
  /** A link handed out lasts between one and two of these. */
  linkTtlSeconds: number;
  /** Uploads refused (before their body is read) while the user has this many photos attached to nothing. */
  maxUnattached: number;
  /** Photos attached to nothing (uploaded and never used, or taken off a mission) are purged after this. */
  unattachedRetentionHours: number;
}

export interface AppConfig {
  nodeEnv: NodeEnv;
  isProduction: boolean;
  /** The interface the API listens on: loopback on a developer's machine, every interface in production. */
  host: string;
  port: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** JSON lines for machines, or text for a developer; absent: text on a terminal outside production, JSON otherwise. */
  logFormat?: 'json' | 'pretty';
  /** Proxy hops in front of the API whose X-Forwarded-For is trusted (for client IPs). */
  trustProxyHops: number;
  /** Where embedded PostgreSQL, local documents and generated local secrets live. */
  dataDir: string;
  /** Absent: start the embedded PostgreSQL under `dataDir`. */
  databaseUrl?: string;
  embeddedPostgresPort: number;
  /** The embedded PostgreSQL superuser's password: generated into the local secrets, never configured. */
  embeddedPostgresPassword?: string;
  databasePoolSize: number;
  /** Run the job worker inside the API process (the embedded default). */
  workerInProcess: boolean;
  workerConcurrency: number;
  /** On SIGTERM, how long the API drains (health 503, connections closed after each response) before it closes. */
  shutdownGraceMs: number;
  /** Migrations at start-up or by the release command, metrics, the worker's health port. */
  operations: OperationsConfig;
  /** OpenTelemetry (OTEL_* variables): off unless OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  tracing: TracingConfig;
  auth: {
    jwtSecret?: string;
    accessTokenTtlSeconds: number;
    /** How long an instance trusts what it last read about a sign-in (revoked? suspended? roles); 0 reads it on every request. */
    sessionCacheTtlSeconds: number;
    refreshTokenTtlDays: number;
    loginFailureWindowSeconds: number;
    maxLoginFailuresPerEmail: number;
    maxLoginFailuresPerIp: number;
  };
  rateLimits: RateLimitsConfig;
  graphql: {
    maxDepth: number;
    maxCost: number;
    maxAliases: number;
    maxBodyBytes: number;
  };
  stripe: StripeConfig;
  documentEncryptionKey?: Buffer;
  /** Local disk under `dataDir` (embedded default) or S3-compatible object storage. */
  documentStorage: DocumentStorageConfig;
  platformFeeBps: number;
  /** Who the platform is on its invoices (PLATFORM_LEGAL_NAME, PLATFORM_SIREN…). */
  platformLegal: PlatformLegalConfig;
  biddingRequiresVerifiedIdentity: boolean;
  /** Bidding and accepting a bid wait until the user has followed the link sent to their email address. */
  biddingRequiresVerifiedEmail: boolean;
  /** URSSAF_WITHHOLDING: the platform withholds providers' contributions from each payout (mandatory from 2027). */
  urssafWithholding: boolean;
  email: EmailConfig;
  identityDocumentRetentionDays: number;
  /** Uploads refused (before their body is read) past these: documents not yet submitted, uploads in the last 24 h. */
  identityDocumentMaxUnsubmitted: number;
  identityDocumentUploadsPerDay: number;
  /** The contest window written into the billing mandate offered now: days after an invoice's issue during which its provider may contest it. */
  invoiceContestDays: number;
  photos: PhotosConfig;
  ratingWindowDays: number;
  /** Days after delivery without a dispute before a mission completes by itself. */
  autoCompleteDays: number;
  /** Hours after acceptance without a successful payment before the acceptance lapses and the mission is open again. */
  paymentDueHours: number;
  /** Transfer attempts (with backoff) before a payout is FAILED and waits for a moderator's retry. */
  payoutMaxAttempts: number;
  /** The 32-byte Ed25519 seed of the platform's key that signs income statements. */
  incomeStatementSigningKey?: Buffer;
  /** Absent: no FranceConnect sign-in (FRANCECONNECT_ISSUER unset). */
  franceConnect?: FranceConnectConfig;
  /** The 32-byte Ed25519 public keys of signing keys rotated out: they still verify the statements they signed. */
  incomeStatementRetiredPublicKeys: Buffer[];
  /** The ES256 keys of reputation credentials: the first signs, all verify (REPUTATION_SIGNING_KEYS). */
  reputationSigningKeys?: ReputationSigningKey[];
}

export type AppConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: string[] };

export function loadAppConfig(env: NodeJS.ProcessEnv): AppConfigResult {
  const problems = new ConfigProblems();
  const read = new EnvReader(env, problems);

  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const isProduction = nodeEnv === 'production';
  const port = read.integer('PORT', 3000, { min: 0, max: 65535 });

  const config: AppConfig = {
    nodeEnv,
    isProduction,
    host: read.host('HOST', isProduction ? '0.0.0.0' : '127.0.0.1'),
    port,
    logLevel: read.oneOf('LOG_LEVEL', ['error', 'warn', 'log', 'debug', 'verbose'] as const, 'log'),
    logFormat: read.optionalOneOf('LOG_FORMAT', ['json', 'pretty'] as const),
    trustProxyHops: read.integer('TRUST_PROXY_HOPS', 0, { min: 0, max: 10 }),
    dataDir: read.string('DATA_DIR', '.data'),
    databaseUrl: read.optionalUrl('DATABASE_URL', ['postgres:', 'postgresql:']),
    embeddedPostgresPort: read.integer('EMBEDDED_POSTGRES_PORT', 54329, { min: 1024, max: 65535 }),
    databasePoolSize: read.integer('DATABASE_POOL_SIZE', 10, { min: 1, max: 100 }),
    workerInProcess: read.boolean('WORKER_IN_PROCESS', true),
    workerConcurrency: read.integer('WORKER_CONCURRENCY', 4, { min: 1, max: 32 }),
    shutdownGraceMs: read.integer('SHUTDOWN_GRACE_MS', isProduction ? 5000 : 0, { min: 0, max: 120_000 }),
    operations: readOperations(read, problems, { isProduction, port }),
    tracing: readTracing(read),
    auth: {
      jwtSecret: read.optionalString('JWT_SECRET', { minLength: 32 }),
      accessTokenTtlSeconds: read.integer('ACCESS_TOKEN_TTL_SECONDS', 15 * 60, { min: 60, max: 24 * 3600 }),
      sessionCacheTtlSeconds: read.integer('SESSION_CACHE_TTL_SECONDS', 10, { min: 0, max: 30 }),
      refreshTokenTtlDays: read.integer('REFRESH_TOKEN_TTL_DAYS', 30, { min: 1, max: 365 }),
      loginFailureWindowSeconds: read.integer('LOGIN_FAILURE_WINDOW_SECONDS', 15 * 60, { min: 1, max: 24 * 3600 }),
      maxLoginFailuresPerEmail: read.integer('LOGIN_MAX_FAILURES_PER_EMAIL', 10, { min: 1, max: 10_000 }),
      maxLoginFailuresPerIp: read.integer('LOGIN_MAX_FAILURES_PER_IP', 30, { min: 1, max: 100_000 }),
    },
    rateLimits: readRateLimits(read),
    graphql: {
      maxDepth: read.integer('GRAPHQL_MAX_DEPTH', 10, { min: 2, max: 50 }),
      maxCost: read.integer('GRAPHQL_MAX_COST', 10_000, { min: 10, max: 1_000_000 }),
      maxAliases: read.integer('GRAPHQL_MAX_ALIASES', 15, { min: 0, max: 1000 }),
      maxBodyBytes: read.integer('GRAPHQL_MAX_BODY_BYTES', 100 * 1024, { min: 1024, max: 10 * 1024 * 1024 }),
    },
    stripe: {
      secretKey: read.optionalPattern(
        'STRIPE_SECRET_KEY',
        /^(sk|rk)_(test|live)_[A-Za-z0-9]+$/,
        'a Stripe secret key (sk_test_… or sk_live_…)',
      ),
      webhookSecret: read.optionalPattern('STRIPE_WEBHOOK_SECRET', /^whsec_[A-Za-z0-9]+$/, 'a webhook signing secret (whsec_…)'),
      connectWebhookSecret: read.optionalPattern(
        'STRIPE_CONNECT_WEBHOOK_SECRET',
        /^whsec_[A-Za-z0-9]+$/,
        "the Connect webhook endpoint's signing secret (whsec_…)",
      ),
      apiHost: read.optionalString('STRIPE_API_HOST', { minLength: 1 }),
      apiPort: read.optionalInteger('STRIPE_API_PORT', { min: 1, max: 65535 }),
      apiProtocol: read.optionalOneOf('STRIPE_API_PROTOCOL', ['http', 'https'] as const),
      timeoutMs: read.integer('STRIPE_TIMEOUT_MS', 10_000, { min: 100, max: 120_000 }),
      acceptanceWaitMs: read.integer('STRIPE_ACCEPTANCE_WAIT_MS', 2000, { min: 100, max: 120_000 }),
    },
    documentEncryptionKey: read.optionalKey('DOCUMENT_ENCRYPTION_KEY', 32),
    documentStorage: readDocumentStorage(read, problems, isProduction),
    platformFeeBps: read.integer('PLATFORM_FEE_BPS', 1000, { min: 0, max: 5000 }),
    platformLegal: readPlatformLegal(read, problems, isProduction),
    biddingRequiresVerifiedIdentity: read.boolean('BIDDING_REQUIRES_VERIFIED_IDENTITY', true),
    biddingRequiresVerifiedEmail: read.boolean('BIDDING_REQUIRES_VERIFIED_EMAIL', true),
    urssafWithholding: read.boolean('URSSAF_WITHHOLDING', false),
    email: readEmail(read, problems, isProduction, port),
    identityDocumentRetentionDays: read.integer('IDENTITY_DOCUMENT_RETENTION_DAYS', 30, { min: 0, max: 3650 }),
    identityDocumentMaxUnsubmitted: read.integer('IDENTITY_DOCUMENT_MAX_UNSUBMITTED', 10, { min: 1, max: 1000 }),
    identityDocumentUploadsPerDay: read.integer('IDENTITY_DOCUMENT_UPLOADS_PER_DAY', 30, { min: 1, max: 100_000 }),
    invoiceContestDays: read.integer('INVOICE_CONTEST_DAYS', 7, { min: 1, max: 30 }),
    photos: {
      linkSecret: read.optionalString('PHOTO_LINK_SECRET', { minLength: 32 }),
      linkTtlSeconds: read.integer('PHOTO_LINK_TTL_SECONDS', 3600, { min: 60, max: 7 * 24 * 3600 }),
      maxUnattached: read.integer('PHOTO_MAX_UNATTACHED', 30, { min: 1, max: 1000 }),
      unattachedRetentionHours: read.integer('PHOTO_UNATTACHED_RETENTION_HOURS', 24, { min: 1, max: 30 * 24 }),
    },
    ratingWindowDays: read.integer('RATING_WINDOW_DAYS', 14, { min: 1, max: 365 }),
    autoCompleteDays: read.integer('AUTO_COMPLETE_DAYS', 7, { min: 1, max: 90 }),
    paymentDueHours: read.integer('PAYMENT_DUE_HOURS', 24, { min: 1, max: 720 }),
    payoutMaxAttempts: read.integer('PAYOUT_MAX_ATTEMPTS', 12, { min: 1, max: 25 }),
    incomeStatementSigningKey: read.optionalKey('INCOME_STATEMENT_SIGNING_KEY', 32),
    incomeStatementRetiredPublicKeys: read.keyList('INCOME_STATEMENT_RETIRED_PUBLIC_KEYS', 32),
    reputationSigningKeys: readReputationSigningKeys(read, problems),
  };
  config.franceConnect = readFranceConnect(read, problems, { isProduction, publicApiUrl: config.email.publicApiUrl });

  if (isProduction) requireProductionSafety(config, problems);
  return problems.isEmpty() ? { ok: true, config } : { ok: false, problems: problems.lines() };
}

/** Production says where documents go: S3, or local disk on purpose (never by default). */
function readDocumentStorage(read: EnvReader, problems: ConfigProblems, isProduction: boolean): DocumentStorageConfig {
  const kind = read.optionalOneOf('DOCUMENT_STORAGE', ['local', 's3'] as const);
  if (!kind && isProduction) {
    problems.add('DOCUMENT_STORAGE', 'is required when NODE_ENV=production: s3, or local to keep documents on this server on purpose');
  }
  if ((kind ?? 'local') === 'local') return { kind: 'local' };
  const bucket = read.optionalString('S3_BUCKET', { minLength: 3 });
  if (!bucket) problems.add('S3_BUCKET', 'is required when DOCUMENT_STORAGE=s3');
  return {
    kind: 's3',
    bucket: bucket ?? '',
    region: read.string('S3_REGION', 'us-east-1'),
    endpoint: read.optionalUrl('S3_ENDPOINT', ['http:', 'https:']),
    forcePathStyle: read.boolean('S3_FORCE_PATH_STYLE', false),
    accessKeyId: read.optionalString('S3_ACCESS_KEY_ID', { minLength: 1 }),
    secretAccessKey: read.optionalString('S3_SECRET_ACCESS_KEY', { minLength: 1 }),
  };
}

/** Links in emails must reach the real sites in production: no localhost default there. */
function readEmail(read: EnvReader, problems: ConfigProblems, isProduction: boolean, port: number): EmailConfig {
  const publicUrl = (name: string, fallback: string): string => {
    const url = read.optionalUrl(name, ['http:', 'https:']);
    if (!url && isProduction) problems.add(name, 'is required when NODE_ENV=production (the links in emails point at it)');
    return url ?? fallback;
  };
  return {
    smtpUrl: read.optionalUrl('SMTP_URL', ['smtp:', 'smtps:']),
    from:
      read.optionalPattern('EMAIL_FROM', /^[^\r\n]*@[^\r\n]*$/, 'an address, e.g. "Marketplace <no-reply@example.com>"') ??
      DEFAULT_EMAIL_FROM,
    publicAppUrl: publicUrl('PUBLIC_APP_URL', 'http://localhost:3000'),
    publicApiUrl: publicUrl('PUBLIC_API_URL', `http://localhost:${port}`),
    linkSecret: read.optionalString('EMAIL_LINK_SECRET', { minLength: 32 }),
    verificationTtlHours: read.integer('EMAIL_VERIFICATION_TTL_HOURS', 48, { min: 1, max: 30 * 24 }),
    passwordResetTtlMinutes: read.integer('PASSWORD_RESET_TTL_MINUTES', 60, { min: 5, max: 24 * 60 }),
    maxAttempts: read.integer('EMAIL_MAX_ATTEMPTS', 10, { min: 1, max: 25 }),
  };
}

const DEFAULT_EMAIL_FROM = 'Marketplace <no-reply@marketplace.localhost>';

/** Production never falls back to the embedded conveniences meant for a developer's machine. */
function requireProductionSafety(config: AppConfig, problems: ConfigProblems): void {
  const unsafe = 'is required when NODE_ENV=production';
  if (!config.databaseUrl) problems.add('DATABASE_URL', `${unsafe} (the embedded PostgreSQL is for development)`);
  if (!config.auth.jwtSecret) problems.add('JWT_SECRET', `${unsafe} (at least 32 characters)`);
  if (!config.stripe.secretKey) problems.add('STRIPE_SECRET_KEY', `${unsafe} (the Stripe emulator is for development)`);
  if (!config.stripe.webhookSecret) problems.add('STRIPE_WEBHOOK_SECRET', unsafe);
  if (!config.stripe.connectWebhookSecret) problems.add('STRIPE_CONNECT_WEBHOOK_SECRET', unsafe);
  if (!config.documentEncryptionKey) problems.add('DOCUMENT_ENCRYPTION_KEY', `${unsafe} (32 bytes, base64 or hex)`);
  if (!config.email.smtpUrl) problems.add('SMTP_URL', `${unsafe} (smtp:// or smtps://; .eml files are for development)`);
  if (!config.email.linkSecret) problems.add('EMAIL_LINK_SECRET', `${unsafe} (at least 32 characters)`);
  if (!config.photos.linkSecret) problems.add('PHOTO_LINK_SECRET', `${unsafe} (at least 32 characters)`);
  if (!config.incomeStatementSigningKey)
    problems.add('INCOME_STATEMENT_SIGNING_KEY', `${unsafe} (an Ed25519 seed: 32 bytes, base64 or hex)`);
  if (!config.reputationSigningKeys)
    problems.add(REPUTATION_SIGNING_KEYS, `${unsafe} (a JWK Set of P-256 keys with kids, the signing key first)`);
}

/** The key private files are encrypted with (identity documents, data export archives); production requires it at start. */
export function requiredDocumentEncryptionKey(config: AppConfig): Buffer {
  if (!config.documentEncryptionKey) throw new Error('DOCUMENT_ENCRYPTION_KEY is not configured.');
  return config.documentEncryptionKey;
}
