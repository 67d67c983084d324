/**
 * Outside production, secrets nobody configured are generated once and kept under the data
 * directory, so `npm start` needs no keys and tokens stay valid across restarts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from './app-config';
import { newReputationSigningKeySet, parseReputationSigningKeys, ReputationSigningKey } from './reputation-signing-keys';

interface LocalSecrets {
  jwtSecret: string;
  documentEncryptionKey: string;
  stripeWebhookSecret: string;
  stripeConnectWebhookSecret: string;
  embeddedPostgresPassword: string;
  stripeEmulatorSecretKey: string;
  emailLinkSecret: string;
  photoLinkSecret: string;
  incomeStatementSigningKey: string;
  /** A JWK Set's JSON, as REPUTATION_SIGNING_KEYS takes it. */
  reputationSigningKeys: string;
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
      connectWebhookSecret: config.stripe.connectWebhookSecret ?? secrets.stripeConnectWebhookSecret,
      emulatorSecretKey: secrets.stripeEmulatorSecretKey,
    },
    embeddedPostgresPassword: secrets.embeddedPostgresPassword,
    email: { ...config.email, linkSecret: config.email.linkSecret ?? secrets.emailLinkSecret },
    photos: { ...config.photos, linkSecret: config.photos.linkSecret ?? secrets.photoLinkSecret },
    incomeStatementSigningKey: config.incomeStatementSigningKey ?? Buffer.from(secrets.incomeStatementSigningKey, 'hex'),
    reputationSigningKeys: config.reputationSigningKeys ?? localReputationSigningKeys(secrets.reputationSigningKeys),
  };
}

function generatedSecrets(): LocalSecrets {
  return {
    jwtSecret: randomBytes(48).toString('base64url'),
    documentEncryptionKey: randomBytes(32).toString('hex'),
    stripeWebhookSecret: `whsec_${randomBytes(24).toString('hex')}`,
    stripeConnectWebhookSecret: `whsec_${randomBytes(24).toString('hex')}`,
    embeddedPostgresPassword: randomBytes(24).toString('base64url'),
    stripeEmulatorSecretKey: `sk_test_${randomBytes(24).toString('hex')}`,
    emailLinkSecret: randomBytes(48).toString('base64url'),
    photoLinkSecret: randomBytes(48).toString('base64url'),
    incomeStatementSigningKey: randomBytes(32).toString('hex'),
    reputationSigningKeys: newReputationSigningKeySet(),
  };
}

function localReputationSigningKeys(text: string): ReputationSigningKey[] {
  const parsed = parseReputationSigningKeys(text);
  if (!parsed.ok) throw new Error(`reputationSigningKeys in local-secrets.json ${parsed.problem}`);
  return parsed.keys;
}

/**
 * The secrets kept under `dataDir`, created on first use. A file written by an earlier version
 * keeps its secrets and gets the ones it lacks.
 */
export function readOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'local-secrets.json');
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>) : {};
  const secrets: LocalSecrets = { ...generatedSecrets(), ...kept };
  if (Object.keys(secrets).some((name) => !(name in kept))) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
