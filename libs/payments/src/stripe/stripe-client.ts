import { AppConfig } from '@marketplace/config';
import { Inject } from '@nestjs/common';
import Stripe from 'stripe';

export const STRIPE = Symbol('STRIPE');

/** Injects the Stripe SDK client: the only way the code talks to Stripe (or the emulator). */
export const InjectStripe = (): ParameterDecorator => Inject(STRIPE);

/**
 * The SDK, pointed by STRIPE_API_HOST/PORT/PROTOCOL at another Stripe-compatible server when set
 * (the local emulator, stripe-mock). Network retries are off: every call that moves money carries
 * an idempotency key and is retried by our jobs, which record why it failed.
 */
export function createStripeClient(config: AppConfig): Stripe {
  const { secretKey, apiHost, apiPort, apiProtocol, timeoutMs } = config.stripe;
  if (!secretKey) throw new Error('STRIPE_SECRET_KEY is not set and no Stripe emulator was started.');
  return new Stripe(secretKey, {
    ...(apiHost ? { host: apiHost } : {}),
    ...(apiPort ? { port: apiPort } : {}),
    ...(apiProtocol ? { protocol: apiProtocol } : {}),
    maxNetworkRetries: 0,
    timeout: timeoutMs,
    appInfo: { name: 'jobbing-marketplace' },
  });
}
