/**
 * The emulator as a process of its own: docker compose's `stripe` service, which the API replicas
 * call (STRIPE_API_HOST) and which delivers each webhook to STRIPE_EMULATOR_WEBHOOK_URL (a load
 * balancer in front of the replicas, so any of them takes it). Read from the environment:
 * STRIPE_EMULATOR_HOST (127.0.0.1; 0.0.0.0 in a container), STRIPE_EMULATOR_PORT (12111),
 * STRIPE_EMULATOR_SECRET_KEY (the key the API uses as STRIPE_SECRET_KEY), STRIPE_WEBHOOK_SECRET and
 * STRIPE_CONNECT_WEBHOOK_SECRET (as the API's), STRIPE_EMULATOR_WEBHOOK_URL (the platform endpoint;
 * Connect events go to its `/connect`), STRIPE_EMULATOR_PUBLIC_URL (its address from a browser).
 */
import { StripeEmulator } from './stripe-emulator';

function required(name: string, pattern: RegExp): string {
  const value = process.env[name];
  if (value && pattern.test(value)) return value;
  console.error(`Configuration error: ${name} must match ${pattern}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const port = Number(process.env.STRIPE_EMULATOR_PORT ?? 12111);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error('Configuration error: STRIPE_EMULATOR_PORT must be a port number');
    process.exit(1);
  }
  const emulator = await StripeEmulator.start({
    host: process.env.STRIPE_EMULATOR_HOST ?? '127.0.0.1',
    port,
    secretKey: required('STRIPE_EMULATOR_SECRET_KEY', /^sk_test_[A-Za-z0-9]+$/),
    webhookSecret: required('STRIPE_WEBHOOK_SECRET', /^whsec_[A-Za-z0-9]+$/),
    connectWebhookSecret: required('STRIPE_CONNECT_WEBHOOK_SECRET', /^whsec_[A-Za-z0-9]+$/),
    publicUrl: process.env.STRIPE_EMULATOR_PUBLIC_URL,
  });
  const webhookUrl = process.env.STRIPE_EMULATOR_WEBHOOK_URL;
  if (webhookUrl) emulator.setWebhookUrls({ platform: webhookUrl, connect: `${webhookUrl}/connect` });
  console.log(`Stripe emulator listening on ${emulator.url}; webhooks to ${webhookUrl ?? 'nowhere (kept)'}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void emulator.stop().then(() => process.exit(0)));
}

void main();
