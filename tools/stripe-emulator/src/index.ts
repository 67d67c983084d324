/** A local, in-process Stripe for development and tests: see stripe-emulator.ts. */
export type { FaultMode, FaultyEndpoint } from './fault-injection';
export { StripeEmulator } from './stripe-emulator';
export type { ObservableObjectType, RecordedRequest, StripeEmulatorOptions, WebhookEndpoint, WebhookUrls } from './stripe-emulator';
