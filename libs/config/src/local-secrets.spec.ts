import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig } from './app-config';
import { withLocalSecrets } from './local-secrets';

function developmentConfig(dataDir: string) {
  const loaded = loadAppConfig({ DATA_DIR: dataDir });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.config;
}

describe('local development secrets', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'local-secrets-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('generates every secret once (the PostgreSQL password and the emulator key among them) and keeps them private', () => {
    const first = withLocalSecrets(developmentConfig(dataDir));
    const second = withLocalSecrets(developmentConfig(dataDir));
    expect(first.embeddedPostgresPassword).toMatch(/^[\w-]{32}$/);
    expect(first.stripe.emulatorSecretKey).toMatch(/^sk_test_[0-9a-f]{48}$/);
    expect(loadAppConfig({ STRIPE_SECRET_KEY: first.stripe.emulatorSecretKey }).ok).toBe(true);
    expect(second.embeddedPostgresPassword).toBe(first.embeddedPostgresPassword);
    expect(second.stripe.emulatorSecretKey).toBe(first.stripe.emulatorSecretKey);
    expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
    expect(second.reputationSigningKeys).toEqual(first.reputationSigningKeys);
    expect(statSync(join(dataDir, 'local-secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('keeps the secrets of a file written by an earlier version and adds the ones it lacks', () => {
    const file = join(dataDir, 'local-secrets.json');
    const earlier = { jwtSecret: 'j'.repeat(48), documentEncryptionKey: 'ab'.repeat(32), stripeWebhookSecret: 'whsec_earlier' };
    writeFileSync(file, JSON.stringify(earlier));
    const config = withLocalSecrets(developmentConfig(dataDir));
    expect(config.auth.jwtSecret).toBe(earlier.jwtSecret);
    expect(config.stripe.webhookSecret).toBe('whsec_earlier');
    expect(config.embeddedPostgresPassword).toMatch(/^[\w-]{32}$/);
    expect(config.stripe.connectWebhookSecret).toMatch(/^whsec_[0-9a-f]{48}$/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      ...earlier,
      embeddedPostgresPassword: config.embeddedPostgresPassword,
      stripeEmulatorSecretKey: config.stripe.emulatorSecretKey,
      stripeConnectWebhookSecret: config.stripe.connectWebhookSecret,
      emailLinkSecret: config.email.linkSecret,
      photoLinkSecret: config.photos.linkSecret,
      incomeStatementSigningKey: config.incomeStatementSigningKey?.toString('hex'),
      reputationSigningKeys: expect.any(String),
    });
    const [signingKey] = config.reputationSigningKeys!;
    expect(JSON.parse(readFileSync(file, 'utf8')).reputationSigningKeys).toContain(`"kid":"${signingKey.kid}"`);
    expect(signingKey.d).toEqual(expect.any(String));
  });
});
