// CI only, when shared/ is beside the repository: the emulator's committed fixtures3.json
// (tools/stripe-emulator/src/fixtures3.json) is still byte for byte Stripe's own, so that
// "Stripe's shapes" stays true when either side changes.
import { readFileSync } from 'node:fs';

const [, , fixturesFile] = process.argv;
const committed = readFileSync(new URL('../tools/stripe-emulator/src/fixtures3.json', import.meta.url));
if (!committed.equals(readFileSync(fixturesFile))) {
  console.error(`tools/stripe-emulator/src/fixtures3.json differs from ${fixturesFile}: copy Stripe's file again.`);
  process.exit(1);
}
console.log(`Stripe fixtures: tools/stripe-emulator/src/fixtures3.json is byte for byte ${fixturesFile}`);
