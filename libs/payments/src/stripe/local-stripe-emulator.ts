/**
 * What the product needs of the local Stripe emulator, a development and test double that lives
 * outside the product (tools/stripe-emulator, the workspace package @marketplace/stripe-emulator)
 * and never in its build. It is loaded only when no STRIPE_SECRET_KEY is set, through an import
 * whose name the compiler does not follow, so neither tsc nor tsc-alias pulls it into dist/.
 */
export interface LocalStripeEmulator {
  readonly secretKey: string;
  setWebhookUrls(urls: { platform: string; connect: string }): void;
  stop(): Promise<void>;
}

export interface LocalStripeEmulatorOptions {
  port: number;
  secretKey: string;
  webhookSecret: string;
  connectWebhookSecret?: string;
}

interface EmulatorPackage {
  StripeEmulator: { start(options: LocalStripeEmulatorOptions): Promise<LocalStripeEmulator> };
}

const STRIPE_EMULATOR_PACKAGE = '@marketplace/stripe-emulator';

export async function startLocalStripeEmulator(
  options: LocalStripeEmulatorOptions,
  packageName = STRIPE_EMULATOR_PACKAGE,
): Promise<LocalStripeEmulator> {
  let emulatorPackage: EmulatorPackage;
  try {
    emulatorPackage = (await import(packageName)) as EmulatorPackage;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code !== 'MODULE_NOT_FOUND' || !message.includes(packageName)) throw error;
    throw new Error(
      `STRIPE_SECRET_KEY is not set and the local Stripe emulator (${packageName}, from tools/stripe-emulator) is not installed here: ` +
        'set STRIPE_SECRET_KEY (and STRIPE_API_* for stripe-mock), or, in a development checkout, build it (npm ci, then npm start or npm run build:emulator).',
      { cause: error },
    );
  }
  return emulatorPackage.StripeEmulator.start(options);
}
