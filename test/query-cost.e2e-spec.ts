/**
 * The cost limit admits the API's own documented queries at their largest page, and still refuses
 * abusive ones. The documents are read at test time from README.md's curl commands (every
 * `"query":"…"` string), from the bench's scenarios and from the end-to-end journeys, so that
 * whatever they say later is what is checked. Validation only: nothing is executed.
 */
import { graphqlOptions } from '../libs/platform/src/graphql.options';
import { Clock } from '@marketplace/common';
import { loadAppConfig } from '@marketplace/config';
import { ArgumentNode, buildSchema, DocumentNode, GraphQLError, Kind, parse, specifiedRules, validate, visit } from 'graphql';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as scenarios from '../bench/scenarios';

const root = join(__dirname, '..');
const schema = buildSchema(readFileSync(join(root, 'apps/api/schema.gql'), 'utf8'));
const AN_ID = '00000000-0000-4000-8000-000000000000';
const LARGEST_PAGE = 100;

function configured() {
  const loaded = loadAppConfig({
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://unused@localhost/unused',
    STRIPE_SECRET_KEY: 'sk_test_123',
    DOCUMENT_STORAGE: 'local',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return graphqlOptions(loaded.config, { tokens: { viewerForAccessToken: async () => null }, clock: new Clock() });
}
const rules = [...specifiedRules, ...(configured().validationRules ?? [])];

/** README's `"query":"…"` JSON strings, unescaped, with the shell's `'$VAR'` splices (ids, tokens) replaced by an id. */
export function readmeDocuments(readme: string): string[] {
  return [...readme.matchAll(/"query"\s*:\s*"((?:[^"\\]|\\.)*)"/g)].map((match) =>
    (JSON.parse(`"${match[1]}"`) as string).replace(/'"?\$\{?\w+\}?"?'/g, AN_ID),
  );
}

/** The GraphQL documents written as template literals in the journeys (those that parse and that the schema knows). */
function journeyDocuments(): string[] {
  const files = readdirSync(join(root, 'test')).filter((file) => file.endsWith('.e2e-spec.ts') && !REFUSAL_TESTS.has(file));
  const documents = files.flatMap((file) =>
    [...readFileSync(join(root, 'test', file), 'utf8').matchAll(/`(\s*(?:query|mutation|\{)[^`]*)`/g)].map((match) => match[1]),
  );
  return documents.filter((text) => !text.includes('${') && parses(text) && validate(schema, parse(text), specifiedRules).length === 0);
}
/** Files whose documents are built to be refused (limits, malformed input). */
const REFUSAL_TESTS = new Set(['query-cost.e2e-spec.ts', 'query-hardening.e2e-spec.ts', 'fuzz.e2e-spec.ts']);

function parses(text: string): boolean {
  try {
    parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Every page asked for (a `first` argument, literal or variable) at its largest, as a literal: the cost counts literals. */
export function atLargestPage(document: DocumentNode): DocumentNode {
  return visit(document, {
    Argument(node): ArgumentNode | undefined {
      return node.name.value === 'first' ? { ...node, value: { kind: Kind.INT, value: String(LARGEST_PAGE) } } : undefined;
    },
  });
}

/** The limits' refusals only: a document at its largest page may leave its `$first` variable unused, which is no refusal of theirs. */
const LIMITS = /Query (Cost|depth) limit|aliases|directives/i;
const refusalsOf = (document: DocumentNode): GraphQLError[] =>
  validate(schema, document, rules).filter((error) => LIMITS.test(error.message));

describe('the cost limit', () => {
  const readme = readmeDocuments(readFileSync(join(root, 'README.md'), 'utf8'));
  const bench = (Object.values(scenarios) as unknown[]).filter((value): value is string => typeof value === 'string' && parses(value));
  const journeys = journeyDocuments();

  it('finds the documents it checks', () => {
    expect(readme.length).toBeGreaterThan(10);
    expect(bench.length).toBeGreaterThanOrEqual(4);
    expect(journeys.length).toBeGreaterThan(50);
  });

  it.each([
    ['README.md', () => readme],
    ['bench/scenarios.ts', () => bench],
    ['the journeys', () => journeys],
  ])('admits every query of %s at pages of 100', (_source, documents) => {
    const refused = documents()
      .map((text) => ({ text, errors: refusalsOf(atLargestPage(parse(text))).map((error) => error.message) }))
      .filter(({ errors }) => errors.length > 0);
    expect(refused).toEqual([]);
  });

  it('admits the missions search of 100 with each client and their reputation', () => {
    const search = `{ missions(first: 100) { edges { node { id title bidCount client { displayName reputation { asClient { average count } asProvider { average count } } } } } } }`;
    expect(refusalsOf(parse(search))).toEqual([]);
  });

  it('refuses connections nested 100 × 100 × 100 and 100 × 100 by their cost', () => {
    const cubed = `{ myMissions(first: 100) { edges { node { bids(first: 100) { edges { node { provider { ratingsReceived(first: 100) { edges { node { id } } } } } } } } } } }`;
    expect(refusalsOf(parse(cubed)).map((error) => error.message)).toContainEqual(
      expect.stringMatching(/Query Cost limit of \d+ exceeded/),
    );
    const squared = `{ myMissions(first: 100) { edges { node { id bids(first: 100) { edges { node { id amountCents message provider { displayName } } } } } } } }`;
    expect(refusalsOf(parse(squared)).map((error) => error.message)).toEqual([expect.stringMatching(/Query Cost limit of \d+ exceeded/)]);
  });

  it('refuses a page of 100 asking for every field many times over, through fragments', () => {
    const fields = 'id title description status category budgetCents currency bidCount createdAt updatedAt preferredStart preferredEnd';
    const fragments = Array.from({ length: 12 }, (_, i) => `fragment F${i} on Mission { ${fields} client { id displayName } }`).join('\n');
    const spreads = Array.from({ length: 12 }, (_, i) => `...F${i}`).join(' ');
    const wide = `{ missions(first: 100) { edges { node { ${spreads} } } } }\n${fragments}`;
    expect(refusalsOf(parse(wide)).map((error) => error.message)).toEqual([expect.stringMatching(/Query Cost limit of \d+ exceeded/)]);
  });
});
