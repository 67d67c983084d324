/**
 * Stripe's own sample objects: the `resources` of Stripe's published fixtures3.json (Stripe's
 * public OpenAPI repository), kept verbatim beside this file so that CI can compare it with
 * Stripe's (MIT licence, Copyright (c) 2011- Stripe, Inc.: see FIXTURES-LICENSE). Only the types
 * the emulator answers with are used. Every emulated object starts as a deep copy of one of these,
 * so it has every field Stripe returns.
 */
import fixtures3 from './fixtures3.json';

export const STRIPE_OBJECT_TYPES = [
  'account',
  'account_link',
  'balance_transaction',
  'bank_account',
  'charge',
  'dispute',
  'event',
  'payment_intent',
  'payment_method',
  'payout',
  'refund',
  'transfer',
] as const;

export type StripeObjectType = (typeof STRIPE_OBJECT_TYPES)[number];

type StripeFixtures = Readonly<Record<StripeObjectType, Readonly<Record<string, unknown>>>>;

/** Picks the types the emulator answers with; the JSON import makes tsc copy the file into every build of the emulator. */
function pickStripeFixtures(): StripeFixtures {
  const resources: Record<string, Record<string, unknown> | undefined> = fixtures3.resources;
  return Object.fromEntries(
    STRIPE_OBJECT_TYPES.map((type) => {
      const fixture = resources[type];
      if (!fixture) throw new Error(`Stripe's fixtures3.json has no sample ${type}.`);
      return [type, fixture];
    }),
  ) as StripeFixtures;
}

export const stripeFixtures = pickStripeFixtures();
