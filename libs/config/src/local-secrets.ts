/**
 * Outside production, secrets nobody configured are generated once and kept under the data
 * directory, so `npm start` needs no keys and tokens stay valid across restarts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from './app-config';

interface LocalSecrets {
  jwtSecret: string;
  documentEncryptionKey: string;
  stripeWebhookSecret: string;
  stripeEmulatorSecretKey: string;
}

export function withLocalSecrets(config: AppConfig): AppConfig {
  if (config.isProduction) return config;
  const secrets = readOrCreateLocalSecrets(config.dataDir);
  return {
    ...config,
    auth: { ...config.auth, jwtSecret: config.auth.jwtSecret ?? secrets.jwtSecret },
    documentEncryptionKey: config.documentEncryptionKey ?? Buffer.from(secrets.documentEncryptionKey, 'hex'),
    stripe: {
      ...config.stripe,
      webhookSecret: config.stripe.webhookSecret ?? secrets.stripeWebhookSecret,
      emulatorSecretKey: secrets.stripeEmulatorSecretKey,
    },
  };
}

/** A file written by an older version lacks the secrets added since: they are generated and the file rewritten. */
function readOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'local-secrets.json');
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>) : {};
  const secrets: LocalSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    documentEncryptionKey: randomBytes(32).toString('hex'),
    stripeWebhookSecret: `whsec_${randomBytes(24).toString('hex')}`,
    stripeEmulatorSecretKey: `sk_test_${randomBytes(24).toString('hex')}`,
    ...stored,
  };
  if (Object.keys(secrets).every((name) => name in stored)) return secrets;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
