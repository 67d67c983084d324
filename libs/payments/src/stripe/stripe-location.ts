import { AppConfig } from '@marketplace/config';
import { request } from 'node:http';
import { LocalStripeEmulator, startLocalStripeEmulator } from './local-stripe-emulator';

/** Where the emulator listens when no STRIPE_API_PORT says otherwise (stripe-mock's port). */
export const DEFAULT_EMULATOR_PORT = 12111;

export interface StripeLocation {
  /** The configuration, completed with the emulator's address and key when it is used. */
  config: AppConfig;
  /** For the start-up banner. */
  description: string;
  /** The emulator this process started, if any: the API points its webhooks at itself. */
  emulator?: LocalStripeEmulator;
  release(): Promise<void>;
}

/**
 * Stripe itself when STRIPE_SECRET_KEY is set (STRIPE_API_* may point the SDK at stripe-mock);
 * otherwise the local emulator, started here with the generated key unless another process of ours
 * (the API, while the CLI or a separate worker runs) already serves it on the same port.
 */
export async function locateStripe(config: AppConfig): Promise<StripeLocation> {
  if (config.stripe.secretKey) {
    const where = config.stripe.apiHost
      ? `${config.stripe.apiProtocol ?? 'https'}://${config.stripe.apiHost}:${config.stripe.apiPort ?? 443}`
      : 'api.stripe.com';
    return { config, description: `Stripe at ${where}`, release: async () => undefined };
  }
  const secretKey = config.stripe.emulatorSecretKey;
  if (!secretKey) throw new Error('STRIPE_SECRET_KEY is not set and no key was generated for the local Stripe emulator.');
  const port = config.stripe.apiPort ?? DEFAULT_EMULATOR_PORT;
  const emulated = {
    ...config,
    stripe: { ...config.stripe, secretKey, apiHost: '127.0.0.1', apiPort: port, apiProtocol: 'http' as const },
  };
  const banner = `http://127.0.0.1:${port}, secret key ${secretKey}`;
  const running = await probeEmulator(port, secretKey);
  if (running === 'ours')
    return { config: emulated, description: `local Stripe emulator already running at ${banner}`, release: async () => undefined };
  if (running === 'foreign') {
    throw new Error(`Port ${port} is served by a Stripe emulator with another key (another DATA_DIR?): set STRIPE_API_PORT.`);
  }
  const emulator = await startLocalStripeEmulator({
    port,
    webhookSecret: config.stripe.webhookSecret ?? '',
    connectWebhookSecret: config.stripe.connectWebhookSecret,
    secretKey,
  });
  return { config: emulated, description: `local Stripe emulator at ${banner}`, emulator, release: () => emulator.stop() };
}

/** Whether something answers on the port, and if so whether it takes our key (a 401 says it is an emulator with another). */
function probeEmulator(port: number, secretKey: string): Promise<'none' | 'ours' | 'foreign'> {
  return new Promise((resolve) => {
    const probe = request(
      { host: '127.0.0.1', port, path: '/v1/accounts/acct_probe', timeout: 500, headers: { authorization: `Bearer ${secretKey}` } },
      (res) => {
        res.resume();
        resolve(res.statusCode === 401 ? 'foreign' : 'ours');
      },
    );
    probe.on('error', () => resolve('none'));
    probe.on('timeout', () => {
      probe.destroy();
      resolve('none');
    });
    probe.end();
  });
}
