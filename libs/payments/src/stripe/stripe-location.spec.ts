import { AppConfig, loadAppConfig } from '@marketplace/config';
import { createServer } from 'node:net';
import Stripe from 'stripe';
import { startLocalStripeEmulator } from './local-stripe-emulator';
import { locateStripe } from './stripe-location';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  await new Promise((closed) => server.close(closed));
  return port;
}

function emulatorConfig(port: number, emulatorSecretKey: string): AppConfig {
  const loaded = loadAppConfig({ STRIPE_API_PORT: String(port), STRIPE_WEBHOOK_SECRET: 'whsec_location' });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return { ...loaded.config, stripe: { ...loaded.config.stripe, emulatorSecretKey } };
}

describe('locateStripe without STRIPE_SECRET_KEY', () => {
  it('starts the emulator with the generated key, shares it with a second process, and refuses one holding another key', async () => {
    const port = await freePort();
    const started = await locateStripe(emulatorConfig(port, 'sk_test_generated0001'));
    try {
      expect(started.description).toBe(`local Stripe emulator at http://127.0.0.1:${port}, secret key sk_test_generated0001`);
      expect(started.emulator?.secretKey).toBe('sk_test_generated0001');
      const { secretKey, apiHost, apiPort } = started.config.stripe;
      expect(secretKey).toBe('sk_test_generated0001');
      const stripe = new Stripe(secretKey!, { host: apiHost, port: apiPort, protocol: 'http', maxNetworkRetries: 0 });
      expect((await stripe.accounts.create({ type: 'express' })).id).toMatch(/^acct_/);

      const shared = await locateStripe(emulatorConfig(port, 'sk_test_generated0001'));
      expect(shared.emulator).toBeUndefined();
      expect(shared.description).toContain('already running');
      await expect(locateStripe(emulatorConfig(port, 'sk_test_other000001'))).rejects.toThrow(/another key/);
    } finally {
      await started.release();
    }
  });
});

describe('the local Stripe emulator', () => {
  it('is loaded by name, and a process without it (a production image without the dev tools) says what to set', async () => {
    const options = { port: 0, secretKey: 'sk_test_absent000001', webhookSecret: 'whsec_absent' };
    await expect(startLocalStripeEmulator(options, 'absent-stripe-emulator')).rejects.toThrow(
      'STRIPE_SECRET_KEY is not set and the local Stripe emulator (absent-stripe-emulator, from tools/stripe-emulator) is not installed here',
    );
  });
});
