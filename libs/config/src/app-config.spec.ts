import { loadAppConfig } from './app-config';
import { newReputationSigningKeySet } from './reputation-signing-keys';

function problemsFor(env: NodeJS.ProcessEnv): string[] {
  const result = loadAppConfig(env);
  return result.ok ? [] : result.problems;
}

/** Every production setting but the document storage. */
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app:secret@db:5432/marketplace',
  JWT_SECRET: 'x'.repeat(40),
  STRIPE_SECRET_KEY: 'sk_live_abc123',
  STRIPE_WEBHOOK_SECRET: 'whsec_abc123',
  STRIPE_CONNECT_WEBHOOK_SECRET: 'whsec_connect123',
  DOCUMENT_ENCRYPTION_KEY: 'ab'.repeat(32),
  SMTP_URL: 'smtps://mailer:secret@smtp.example.com:465',
  EMAIL_LINK_SECRET: 'l'.repeat(40),
  PHOTO_LINK_SECRET: 'p'.repeat(40),
  INCOME_STATEMENT_SIGNING_KEY: 'cd'.repeat(32),
  REPUTATION_SIGNING_KEYS: newReputationSigningKeySet(),
  PUBLIC_APP_URL: 'https://app.example.com',
  PUBLIC_API_URL: 'https://api.example.com',
  PLATFORM_SIREN: '404833048',
  PLATFORM_LEGAL_NAME: 'Jobbing France',
  PLATFORM_RCS_CITY: 'Lyon',
  PLATFORM_ADDRESS_LINE: '2 place Bellecour',
  PLATFORM_POSTCODE: '69002',
  PLATFORM_CITY: 'Lyon',
};

describe('loadAppConfig', () => {
  it('starts with safe development defaults when nothing is set', () => {
    const result = loadAppConfig({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.port).toBe(3000);
    expect(result.config.databaseUrl).toBeUndefined();
    expect(result.config.auth.accessTokenTtlSeconds).toBe(900);
    expect(result.config.auth.sessionCacheTtlSeconds).toBe(10);
    expect(result.config.auth.refreshTokenTtlDays).toBe(30);
    expect(result.config.platformFeeBps).toBe(1000);
    expect(result.config.biddingRequiresVerifiedIdentity).toBe(true);
    expect(result.config.invoiceContestDays).toBe(7);
  });

  it('reports one line per bad variable, naming it', () => {
    const problems = problemsFor({ PORT: 'eighty', DATABASE_URL: 'mysql://x', BIDDING_REQUIRES_VERIFIED_IDENTITY: 'maybe' });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^PORT must be a whole number from 0 to 65535/);
    expect(problems[1]).toMatch(/^DATABASE_URL must be a URL starting with postgres:\/\//);
    expect(problems[2]).toMatch(/^BIDDING_REQUIRES_VERIFIED_IDENTITY must be true or false/);
  });

  it('reads the retired income statement keys as a comma-separated list of 32-byte public keys', () => {
    const [one, two] = ['ab'.repeat(32), Buffer.alloc(32, 9).toString('base64')];
    const loaded = loadAppConfig({ INCOME_STATEMENT_RETIRED_PUBLIC_KEYS: `${one}, ${two}` });
    expect(loaded.ok && loaded.config.incomeStatementRetiredPublicKeys).toEqual([Buffer.from(one, 'hex'), Buffer.alloc(32, 9)]);
    const unset = loadAppConfig({});
    expect(unset.ok && unset.config.incomeStatementRetiredPublicKeys).toEqual([]);
    expect(problemsFor({ INCOME_STATEMENT_RETIRED_PUBLIC_KEYS: `${one},abcd` })).toEqual([
      expect.stringMatching(/^INCOME_STATEMENT_RETIRED_PUBLIC_KEYS must be keys of 32 bytes each/),
    ]);
  });

  it('rejects out-of-range numbers', () => {
    expect(problemsFor({ PLATFORM_FEE_BPS: '9000' })).toEqual([
      expect.stringMatching(/^PLATFORM_FEE_BPS must be a whole number from 0 to 5000/),
    ]);
    expect(problemsFor({ PORT: '3000.5' })).toHaveLength(1);
    expect(problemsFor({ INVOICE_CONTEST_DAYS: '0' })).toEqual([
      expect.stringMatching(/^INVOICE_CONTEST_DAYS must be a whole number from 1 to 30/),
    ]);
  });

  it('refuses to start in production without a real database, Stripe keys, a JWT secret, a document key and storage', () => {
    const problems = problemsFor({ NODE_ENV: 'production' }).filter((line) => !line.startsWith('PLATFORM_'));
    expect(problems.map((line) => line.split(' ')[0])).toEqual([
      'DOCUMENT_STORAGE',
      'PUBLIC_APP_URL',
      'PUBLIC_API_URL',
      'DATABASE_URL',
      'JWT_SECRET',
      'STRIPE_SECRET_KEY',
      'STRIPE_WEBHOOK_SECRET',
      'STRIPE_CONNECT_WEBHOOK_SECRET',
      'DOCUMENT_ENCRYPTION_KEY',
      'SMTP_URL',
      'EMAIL_LINK_SECRET',
      'PHOTO_LINK_SECRET',
      'INCOME_STATEMENT_SIGNING_KEY',
      'REPUTATION_SIGNING_KEYS',
    ]);
  });

  it('writes emails to files outside production unless SMTP_URL is set, and checks the email settings', () => {
    const development = loadAppConfig({ PORT: '3621' });
    expect(development.ok && development.config.email).toMatchObject({
      smtpUrl: undefined,
      from: 'Marketplace <no-reply@marketplace.localhost>',
      publicAppUrl: 'http://localhost:3000',
      publicApiUrl: 'http://localhost:3621',
      verificationTtlHours: 48,
      passwordResetTtlMinutes: 60,
    });
    expect(development.ok && development.config.biddingRequiresVerifiedEmail).toBe(true);
    expect(problemsFor({ SMTP_URL: 'http://mail', EMAIL_FROM: 'nobody', PUBLIC_APP_URL: 'ftp://x', EMAIL_LINK_SECRET: 'short' })).toEqual([
      'SMTP_URL must be a URL starting with smtp:// or smtps://',
      'EMAIL_FROM must be an address, e.g. "Marketplace <no-reply@example.com>"',
      'PUBLIC_APP_URL must be a URL starting with http:// or https://',
      'EMAIL_LINK_SECRET must be at least 32 characters long',
    ]);
  });

  it('reads the photo settings, with their defaults, and checks them', () => {
    const development = loadAppConfig({});
    expect(development.ok && development.config.photos).toEqual({
      linkSecret: undefined,
      linkTtlSeconds: 3600,
      maxUnattached: 30,
      unattachedRetentionHours: 24,
    });
    expect(problemsFor({ PHOTO_LINK_SECRET: 'short', PHOTO_LINK_TTL_SECONDS: '10', PHOTO_UNATTACHED_RETENTION_HOURS: '0' })).toEqual([
      'PHOTO_LINK_SECRET must be at least 32 characters long',
      expect.stringMatching(/^PHOTO_LINK_TTL_SECONDS must be a whole number from 60 to 604800/),
      expect.stringMatching(/^PHOTO_UNATTACHED_RETENTION_HOURS must be a whole number from 1 to 720/),
    ]);
  });

  it('accepts a complete production configuration', () => {
    const result = loadAppConfig({ ...PRODUCTION, DOCUMENT_STORAGE: 's3', S3_BUCKET: 'identity-docs' });
    expect(result.ok).toBe(true);
  });

  it('keeps documents on local disk in production only when told so explicitly', () => {
    expect(problemsFor(PRODUCTION)).toEqual([
      'DOCUMENT_STORAGE is required when NODE_ENV=production: s3, or local to keep documents on this server on purpose',
    ]);
    const local = loadAppConfig({ ...PRODUCTION, DOCUMENT_STORAGE: 'local' });
    expect(local.ok && local.config.documentStorage).toEqual({ kind: 'local' });
  });

  it('refuses a short JWT secret and a key of the wrong size', () => {
    const problems = problemsFor({ JWT_SECRET: 'short', DOCUMENT_ENCRYPTION_KEY: 'abcd' });
    expect(problems).toEqual([
      'JWT_SECRET must be at least 32 characters long',
      'DOCUMENT_ENCRYPTION_KEY must be 32 bytes, given as 64 hex characters or base64',
    ]);
  });

  it('keeps documents on local disk by default, and needs a bucket for S3', () => {
    const local = loadAppConfig({});
    expect(local.ok && local.config.documentStorage).toEqual({ kind: 'local' });
    expect(problemsFor({ DOCUMENT_STORAGE: 's3' })).toEqual(['S3_BUCKET is required when DOCUMENT_STORAGE=s3']);
    const s3 = loadAppConfig({
      DOCUMENT_STORAGE: 's3',
      S3_BUCKET: 'identity-docs',
      S3_ENDPOINT: 'https://s3.example.com',
      S3_FORCE_PATH_STYLE: 'true',
    });
    expect(s3.ok && s3.config.documentStorage).toMatchObject({
      kind: 's3',
      bucket: 'identity-docs',
      region: 'us-east-1',
      forcePathStyle: true,
    });
  });

  it('listens on loopback outside production, on every interface in production, or on HOST', () => {
    const development = loadAppConfig({});
    expect(development.ok && development.config.host).toBe('127.0.0.1');
    const production = loadAppConfig({ ...PRODUCTION, DOCUMENT_STORAGE: 'local' });
    expect(production.ok && production.config.host).toBe('0.0.0.0');
    const chosen = loadAppConfig({ HOST: '::1' });
    expect(chosen.ok && chosen.config.host).toBe('::1');
    const named = loadAppConfig({ HOST: 'api.internal' });
    expect(named.ok && named.config.host).toBe('api.internal');
    expect(problemsFor({ HOST: 'http://0.0.0.0' })).toEqual([
      'HOST must be an IP address or a host name to listen on (got "http://0.0.0.0")',
    ]);
  });
});
