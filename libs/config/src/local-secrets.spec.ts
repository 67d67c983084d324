import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, loadAppConfig } from './app-config';
import { withLocalSecrets } from './local-secrets';

describe('withLocalSecrets', () => {
  let dataDir: string;
  const development = (): AppConfig => {
    const loaded = loadAppConfig({ DATA_DIR: dataDir });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    return loaded.config;
  };
  const stored = (): Record<string, string> => JSON.parse(readFileSync(join(dataDir, 'local-secrets.json'), 'utf8'));

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'local-secrets-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('generates a key for the Stripe emulator once, kept across starts', () => {
    const first = withLocalSecrets(development()).stripe.emulatorSecretKey;
    expect(first).toMatch(/^sk_test_[0-9a-f]{48}$/);
    expect(withLocalSecrets(development()).stripe.emulatorSecretKey).toBe(first);
    expect(loadAppConfig({ STRIPE_SECRET_KEY: first }).ok).toBe(true);
  });

  it('completes a file written before the emulator had a key, keeping the secrets it holds', () => {
    const older = { jwtSecret: 'j'.repeat(64), documentEncryptionKey: 'ab'.repeat(32), stripeWebhookSecret: 'whsec_older' };
    writeFileSync(join(dataDir, 'local-secrets.json'), JSON.stringify(older));
    const config = withLocalSecrets(development());
    expect(config.auth.jwtSecret).toBe(older.jwtSecret);
    expect(config.stripe.webhookSecret).toBe('whsec_older');
    expect(config.stripe.emulatorSecretKey).toMatch(/^sk_test_/);
    expect(stored()).toEqual({ ...older, stripeEmulatorSecretKey: config.stripe.emulatorSecretKey });
  });
});
