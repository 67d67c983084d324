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
}

export function withLocalSecrets(config: AppConfig): AppConfig {
  if (config.isProduction) return config;
  const secrets = readOrCreateLocalSecrets(config.dataDir);
  return {
    ...config,
    auth: { ...config.auth, jwtSecret: config.auth.jwtSecret ?? secrets.jwtSecret },
    documentEncryptionKey: config.documentEncryptionKey ?? Buffer.from(secrets.documentEncryptionKey, 'hex'),
    stripe: { ...config.stripe, webhookSecret: config.stripe.webhookSecret ?? secrets.stripeWebhookSecret },
  };
}

function readOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'local-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  const secrets: LocalSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    documentEncryptionKey: randomBytes(32).toString('hex'),
    stripeWebhookSecret: `whsec_${randomBytes(24).toString('hex')}`,
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
