// CI only, when shared/ is beside the repository: the emulator's committed sample objects
// (libs/stripe-emulator/src/stripe-fixtures.ts) are still verbatim copies of Stripe's own
// fixtures3.json, so that "Stripe's shapes" stays true when either side changes.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import ts from 'typescript';

const [, , fixturesFile] = process.argv;
const source = readFileSync(new URL('../libs/stripe-emulator/src/stripe-fixtures.ts', import.meta.url), 'utf8');
const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
const copied = {};
new Function('exports', compiled)(copied);
const stripes = JSON.parse(readFileSync(fixturesFile, 'utf8')).resources;

const types = Object.keys(copied.stripeFixtures);
const differing = types.filter((type) => !isDeepStrictEqual(copied.stripeFixtures[type], stripes[type]));
if (differing.length > 0) {
  console.error(`Stripe fixtures differ from ${fixturesFile} for: ${differing.join(', ')}`);
  process.exit(1);
}
console.log(`Stripe fixtures: ${types.length} types match ${fixturesFile}`);
