import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STRIPE_OBJECT_TYPES, stripeFixtures } from './stripe-fixtures';

describe("Stripe's fixtures", () => {
  it('are the sample objects of Stripe’s fixtures3.json kept beside the emulator, one for each type it answers with', () => {
    const { resources } = JSON.parse(readFileSync(join(__dirname, 'fixtures3.json'), 'utf8'));
    expect(Object.keys(stripeFixtures).sort()).toEqual([...STRIPE_OBJECT_TYPES].sort());
    for (const type of STRIPE_OBJECT_TYPES) expect({ type, fixture: stripeFixtures[type] }).toEqual({ type, fixture: resources[type] });
  });
});
