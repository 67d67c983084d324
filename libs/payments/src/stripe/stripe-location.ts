import { AppConfig } from '@marketplace/config';
import { StripeEmulator } from '@marketplace/stripe-emulator';
import { request } from 'node:http';

/** Where the emulator listens when no STRIPE_API_PORT says otherwise (stripe-mock's port). */
export const DEFAULT_EMULATOR_PORT = 12111;
export const EMULATOR_SECRET_KEY = 'sk_test_emulator';

export interface StripeLocation {
  /** The configuration, completed with the emulator's address and key when it is used. */
  config: AppConfig;
  /** For the start-up banner. */
  description: string;
  /** The emulator this process started, if any: the API points its webhooks at itself. */
  emulator?: StripeEmulator;
  release(): Promise<void>;
}

/**
 * Stripe itself when STRIPE_SECRET_KEY is set (STRIPE_API_* may point the SDK at stripe-mock);
 * otherwise the local emulator, started here unless another process of ours (the API, while the
 * CLI or a separate worker runs) already serves it on the same port.
 */
export async function locateStripe(config: AppConfig): Promise<StripeLocation> {
  if (config.stripe.secretKey) {
    const where = config.stripe.apiHost
      ? `${config.stripe.apiProtocol ?? 'https'}://${config.stripe.apiHost}:${config.stripe.apiPort ?? 443}`
      : 'api.stripe.com';
    return { config, description: `Stripe at ${where}`, release: async () => undefined };
  }
  const port = config.stripe.apiPort ?? DEFAULT_EMULATOR_PORT;
  const emulated = {
    ...config,
    stripe: { ...config.stripe, secretKey: EMULATOR_SECRET_KEY, apiHost: '127.0.0.1', apiPort: port, apiProtocol: 'http' as const },
  };
  if (await emulatorAnswers(port)) {
    return { config: emulated, description: `local Stripe emulator already running on port ${port}`, release: async () => undefined };
  }
  const emulator = await StripeEmulator.start({ port, webhookSecret: config.stripe.webhookSecret ?? '' });
  return { config: emulated, description: `local Stripe emulator on port ${port}`, emulator, release: () => emulator.stop() };
}

function emulatorAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = request(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/accounts/acct_probe',
        timeout: 500,
        headers: { authorization: `Bearer ${EMULATOR_SECRET_KEY}` },
      },
      (res) => {
        res.resume();
        resolve(true);
      },
    );
    probe.on('error', () => resolve(false));
    probe.on('timeout', () => {
      probe.destroy();
      resolve(false);
    });
    probe.end();
  });
}
