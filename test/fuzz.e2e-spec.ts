/**
 * Input fuzzing of the whole GraphQL surface. The operations come from the committed schema
 * (apps/api/schema.gql), so a new mutation or query is fuzzed without editing this file. Each one
 * receives generated bad arguments (wrong types, nulls, odd and huge strings, extreme numbers,
 * invalid enum values, unknown and deeply nested input fields), then operation-level abuse (depth,
 * aliases, tokens, directives, batching, introspection) and transport-level abuse (bodies that are
 * not JSON or too large, wrong content types, forged tokens). Whatever arrives, the API answers
 * with a 4xx or GraphQL errors carrying the contract's codes: never a 500, never
 * INTERNAL_SERVER_ERROR, never internals, and nothing is written.
 *
 * The generator is seeded (FUZZ_SEED, default below): a failure replays identically.
 */
import { AccountsService } from '@marketplace/accounts';
import { Role } from '@marketplace/common';
import {
  buildSchema,
  getNamedType,
  GraphQLField,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { aRegistration, aSignedInUser, SignedInUser } from './support/accounts.builders';
import { aBid, aBidInput, aMission, aMissionInput, aProvider, aProviderProfileInput } from './support/marketplace.builders';
import { aSubmission } from './support/identity.builders';
import { TestApp } from './support/test-app';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_514);
/** Malformed values tried per argument or input field (sampled from a longer catalogue). */
const VALUES_PER_SLOT = 5;
/** Share of the argument cases sent without a token. */
const ANONYMOUS_SHARE = 0.25;
const IN_FLIGHT = 8;

const ALLOWED_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'TOO_MANY_REQUESTS'];
/**
 * What an error message must never show: database and driver errors, SQL, stack frames, paths on the
 * server. SQL in capitals only: graphql-js's own messages say "must not select".
 */
const INTERNALS =
  /QueryFailedError|TypeORM|EntityNotFound|\bpg\b|INSERT INTO|violates|duplicate key|\/work\/|node_modules|\.[jt]s:\d+|\n\s+at /i;
const SQL = /\bSELECT\b/;

const schema: GraphQLSchema = buildSchema(readFileSync(join(__dirname, '../apps/api/schema.gql'), 'utf8'));

// ------------------------------------------------------------------ a tiny seeded generator

/** mulberry32: small, fast and good enough to pick test cases deterministically. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const random = seededRandom(SEED);

function sample<T>(items: readonly T[], count: number): T[] {
  const pool = [...items];
  const picked: T[] = [];
  while (pool.length > 0 && picked.length < count) picked.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return picked;
}

/** A version 4 UUID from the seeded generator: well formed, and naming nothing in the database. */
function aUuid(): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '8';
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

// ------------------------------------------------------------------ JSON that JSON.stringify cannot write

/** JSON text sent as is: numbers such as 1e309 or -0, and nesting deeper than a literal would be readable. */
class RawJson {
  constructor(readonly text: string) {}
}

/** Marks a field left out of its object. */
const ABSENT = Symbol('absent');

function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== ABSENT);
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${toJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function deepJson(depth: number, open: string, close: string, inner = '1'): RawJson {
  return new RawJson(open.repeat(depth) + inner + close.repeat(depth));
}

function cursorOf(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

// ------------------------------------------------------------------ the catalogue of bad values

/**
 * - malformed: GraphQL itself must refuse it (coercion or validation), whoever asks: BAD_USER_INPUT.
 * - invalid: it coerces, but no field of this API accepts it: BAD_USER_INPUT once past authentication.
 * - odd: strange, perhaps acceptable to some field; the case is made unacceptable another way (a poison).
 */
type Kind = 'malformed' | 'invalid' | 'odd';

interface BadValue {
  label: string;
  value: unknown;
  kind: Kind;
  /** Only worth sending with a token: anonymous, it would stop at authentication. */
  signedIn?: boolean;
  /** At the edge of what the database represents (extreme instants and doubles, code points, null): always tried on the way to it. */
  edge?: boolean;
}

/** Marks the values of a catalogue whose label is listed as edges. */
const withEdges = (values: BadValue[], labels: string[]): BadValue[] =>
  values.map((value) => (labels.includes(value.label) ? { ...value, edge: true } : value));

const bad = (kind: Kind, entries: [string, unknown][]): BadValue[] => entries.map(([label, value]) => ({ label, value, kind }));

const ODD_STRINGS = withEdges(
  bad('odd', [
    ['an empty string', ''],
    ['whitespace only', ' \t\n '],
    ['emoji', '🎉🔥'.repeat(20)],
    ['ZWJ emoji sequences', '👩‍👩‍👧‍👦🏳️‍🌈'.repeat(8)],
    ['right-to-left text with an override', '\u202Etxt.exe\u202C مرحبا שלום'],
    ['a pile of combining marks', 'Z' + '\u0301\u0302\u0303\u0336'.repeat(60)],
    ['a lone high surrogate', 'ab\ud800cd'],
    ['a lone low surrogate', '\udfff'],
    ['zero-width characters', '\ufeff\u200b\u200d'],
    ['a quote injection', "' OR '1'='1'; DROP TABLE users; --"],
    ['markup', '<script>alert(1)</script><img src=x onerror=alert(1)>'],
    ['template and format strings', '%s%s%n {{7*7}} ${7*7} #{7*7}'],
    ['a path traversal', '../../../../etc/passwd'],
    ['a CRLF header injection', 'a\r\nX-Injected: yes'],
    ['NaN as text', 'NaN'],
    ['-Infinity as text', '-Infinity'],
    ['1e309 as text', ' 1e309 '],
    ['hexadecimal as text', '0x1F'],
    ['Arabic-Indic digits', '١٢٣٤٥'],
    ['5,001 characters', 'x'.repeat(5001)],
    ['the nil UUID', '00000000-0000-0000-0000-000000000000'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['an impossible date', '1990-02-30'],
  ]),
  ['ZWJ emoji sequences', 'a pile of combining marks', 'a lone high surrogate', '5,001 characters'],
);

const INVALID_STRINGS = bad('invalid', [
  ['a NUL character', 'nul\u0000byte'],
  ['10,001 characters', 'y'.repeat(10_001)],
  ['20,000 two-byte characters', 'é'.repeat(20_000)],
  ['95 kB, within the body limit', 'z'.repeat(95_000)],
]);

const WRONG_TYPES_FOR_STRING = bad('malformed', [
  ['a number', 12345],
  ['a float', 4.5],
  ['a boolean', true],
  ['an object', { value: 'x' }],
  ['an array of strings', ['a', 'b']],
  ['an array nested 300 deep', deepJson(300, '[', ']', '"x"')],
]);

function uuidValues(): BadValue[] {
  const id = aUuid();
  return [
    ...bad('odd', [
      ['a UUID naming nothing', id],
      ['an upper-case UUID naming nothing', id.toUpperCase()],
      ['a braced UUID', `{${id}}`],
      ['a URN UUID', `urn:uuid:${id}`],
      ['a UUID with spaces around', ` ${id} `],
      ['a UUID without dashes', id.replaceAll('-', '')],
    ]),
    ...bad('invalid', [['an integer (ID accepts it, the API must not)', 12345]]),
  ];
}

const INT_VALUES = [
  ...bad('malformed', [
    ['a numeric string', '42'],
    ['a float', 4.5],
    ['a boolean', true],
    ['an object', { value: 1 }],
    ['an array', [1, 2]],
    ['2^31', 2_147_483_648],
    ['-2^31 - 1', -2_147_483_649],
    ['2^53 + 1', new RawJson('9007199254740993')],
    ['1e309 (Infinity once parsed)', new RawJson('1e309')],
    ['-1e309', new RawJson('-1e309')],
    ['NaN as text', 'NaN'],
  ]),
  ...withEdges(
    bad('odd', [
      ['zero', 0],
      ['minus one', -1],
      ['the smallest Int', -2_147_483_648],
      ['the largest Int', 2_147_483_647],
      ['minus zero', new RawJson('-0')],
      ['1e2 written as an exponent', new RawJson('1e2')],
      ['499', 499],
      ['1,000,001', 1_000_001],
    ]),
    ['the smallest Int', 'the largest Int'],
  ),
];

const FLOAT_VALUES = [
  ...bad('malformed', [
    ['a numeric string', '1.5'],
    ['NaN as text', 'NaN'],
    ['Infinity as text', 'Infinity'],
    ['a boolean', false],
    ['an object', { value: 1.5 }],
    ['an array', [1.5]],
    ['1e309 (Infinity once parsed)', new RawJson('1e309')],
    ['-1e309', new RawJson('-1e309')],
  ]),
  ...withEdges(
    bad('odd', [
      ['minus zero', new RawJson('-0')],
      ['the smallest subnormal', 5e-324],
      ['the largest double', 1.7976931348623157e308],
      ['-1e308', -1e308],
      ['91', 91],
      ['-181', -181],
      ['0.1 + 0.2', 0.30000000000000004],
      ['1e-7', 1e-7],
    ]),
    ['the smallest subnormal', 'the largest double', '-1e308', 'minus zero'],
  ),
];

const BOOLEAN_VALUES = bad('malformed', [
  ['a string', 'true'],
  ['a number', 1],
  ['an object', {}],
  ['an array', [true]],
]);

const DATE_TIME_VALUES = withEdges(
  bad('odd', [
    ['February 30th', '2031-02-30T00:00:00Z'],
    ['the last instant JavaScript knows', '+275760-09-13T00:00:00.000Z'],
    ['the first instant JavaScript knows', '-271821-04-20T00:00:00.000Z'],
    ['year 0', '0000-01-01T00:00:00Z'],
    ['a year before 0', '-000001-01-01T00:00:00.000Z'],
    ['the epoch', '1970-01-01T00:00:00Z'],
    ['a date without a time', '2031-06-01'],
    ['a word', 'tomorrow'],
    ['an empty string', ''],
    ['milliseconds after the epoch', 1_900_000_000_000],
    ['8.64e15 ms (the last Date)', 8.64e15],
    ['-8.64e15 ms (the first Date)', -8.64e15],
    ['a boolean', true],
    ['an object', { year: 2031 }],
    ['an array', [2031]],
  ]),
  [
    'the last instant JavaScript knows',
    'the first instant JavaScript knows',
    'a year before 0',
    '8.64e15 ms (the last Date)',
    '-8.64e15 ms (the first Date)',
  ],
);

function enumValues(names: string[]): BadValue[] {
  return bad('malformed', [
    ['an unknown enum value', 'NOT_A_VALUE'],
    ['a lower-case enum value', names[0].toLowerCase()],
    ['an enum value with a trailing space', `${names[0]} `],
    ['an empty string', ''],
    ['a number', 42],
    ['a boolean', true],
    ['an object', { value: names[0] }],
    ['a quote injection', `${names[0]}' OR '1'='1`],
  ]);
}

/** Cursors for `after`: garbage, and well-formed ones carrying keys this API never gave out. */
function cursorValues(): BadValue[] {
  const id = aUuid();
  const cursors = bad('odd', [
    ['garbage', 'not a cursor'],
    ['base64 of something that is not JSON', Buffer.from('{{{').toString('base64url')],
    ['a cursor of an object', cursorOf({ a: 1 })],
    ['a cursor of an empty key', cursorOf([])],
    ['a cursor with three parts', cursorOf(['a', 'b', 'c'])],
    ['a cursor of nulls', cursorOf([null, null])],
    ['a cursor with a bad id', cursorOf(['2026-01-01T00:00:00.000Z', 'not-a-uuid'])],
    ['a cursor with a word for a time', cursorOf(['yesterday', id])],
    ['a cursor at the last instant JavaScript knows', cursorOf(['+275760-09-13T00:00:00.000Z', id])],
    ['a cursor before year 0', cursorOf(['-000001-01-01T00:00:00.000Z', id])],
    ['a cursor with a huge number', cursorOf([1e308, id])],
    ['a cursor with a negative distance', cursorOf([-1, id])],
  ]);
  return cursors.map((cursor) => ({ ...cursor, signedIn: true }));
}

// ------------------------------------------------------------------ walking the schema

type Path = (string | number)[];

/** An argument, or a field inside an input object, that a bad value can be put in. */
interface Slot {
  path: Path;
  name: string;
  type: GraphQLInputType;
}

function slotsOf(field: GraphQLField<unknown, unknown>): Slot[] {
  const slots: Slot[] = [];
  const visit = (path: Path, name: string, type: GraphQLInputType, depth: number) => {
    slots.push({ path, name, type });
    const named = getNamedType(type);
    if (isInputObjectType(named) && !isListType(isNonNullType(type) ? type.ofType : type) && depth < 4) {
      for (const inner of Object.values(named.getFields())) visit([...path, inner.name], inner.name, inner.type, depth + 1);
    }
  };
  for (const arg of field.args) visit([arg.name], arg.name, arg.type, 0);
  return slots;
}

/** Whether one path lies within the other (the same slot, or a field of it, or the object holding it). */
const related = (a: Path, b: Path) => a.slice(0, b.length).join('.') === b.join('.') || b.slice(0, a.length).join('.') === a.join('.');

/** Whether the slot holds one value (not a list) of the named scalar. */
const scalarNamed = (slot: Slot, name: string) => {
  const type = isNonNullType(slot.type) ? slot.type.ofType : slot.type;
  return !isListType(type) && getNamedType(type).name === name;
};

/** A value GraphQL accepts for the type, not necessarily one the API accepts. */
function plausible(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return plausible(type.ofType);
  if (isListType(type)) return [plausible(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, plausible(f.type)]));
  switch (type.name) {
    case 'Int':
      return 20; // a page size that passes, so that the other arguments of a connection are reached
    case 'Float':
      return 12.5;
    case 'Boolean':
      return true;
    case 'ID':
      return aUuid();
    case 'DateTime':
      return '2031-05-01T09:00:00.000Z';
    case 'Date':
      return '2026-05-01';
    default:
      return 'plausible text value';
  }
}

function badValuesFor(slot: Slot): BadValue[] {
  const nonNull = isNonNullType(slot.type);
  const type = nonNull ? (slot.type as { ofType: GraphQLInputType }).ofType : slot.type;
  const nulls = nonNull
    ? bad('malformed', [
        ['null for a non-null type', null],
        ['nothing for a required value', ABSENT],
      ])
    : withEdges(bad('odd', [['null', null]]), ['null']);
  if (isListType(type)) {
    const item = type.ofType;
    return [
      ...nulls,
      ...bad('malformed', [
        ['a list of lists', [[plausible(item)]]],
        ...(isNonNullType(item) ? ([['a list holding null', [null]]] as [string, unknown][]) : []),
      ]),
      ...bad('odd', [
        ['an empty list', []],
        ['1,000 items', Array.from({ length: 1000 }, () => plausible(item))],
        ['the same item twice', Array(2).fill(plausible(item))],
        ['a single item without the list', plausible(item)],
      ]),
    ];
  }
  if (isEnumType(type)) return [...nulls, ...enumValues(type.getValues().map((v) => v.name))];
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).some((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    const valid = plausible(type) as Record<string, unknown>;
    return [
      ...nulls,
      ...bad('malformed', [
        ['a string for an object', 'an object'],
        ['a number for an object', 42],
        ['a list for an object', [valid]],
        ['an unknown field', { ...valid, unknownField: 1 }],
        ['an unknown field nested 500 deep', { ...valid, nested: deepJson(500, '{"a":', '}') }],
        ['a __proto__ key', withOwnKey(valid, '__proto__', { isAdmin: true })],
        ['a constructor.prototype key', { ...valid, constructor: { prototype: { isAdmin: true } } }],
      ]),
      ...(required ? bad('malformed', [['an empty object', {}]]) : bad('odd', [['an empty object', {}]])),
    ];
  }
  switch (type.name) {
    case 'Int':
      return [...nulls, ...INT_VALUES];
    case 'Float':
      return [...nulls, ...FLOAT_VALUES];
    case 'Boolean':
      return [...nulls, ...BOOLEAN_VALUES];
    case 'DateTime':
      return [...nulls, ...DATE_TIME_VALUES];
    case 'ID':
      return [
        ...nulls,
        ...uuidValues(),
        ...ODD_STRINGS,
        ...INVALID_STRINGS,
        ...bad('malformed', [
          ['a float', 1.5],
          ['a boolean', true],
        ]),
      ];
    default:
      return [...nulls, ...ODD_STRINGS, ...INVALID_STRINGS, ...WRONG_TYPES_FOR_STRING];
  }
}

/** `{ ...object, [key]: value }`, also for `__proto__`, which an object literal would take as the prototype. */
function withOwnKey(object: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  return Object.defineProperty({ ...object }, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A sample of the bad values for a slot, plus every forged cursor for a Relay `after` argument
 * (cursors are a classic way in) and, with `edges`, every edge value.
 */
function valuesToTry(slot: Slot, count: number, { kinds = ['malformed', 'invalid', 'odd'] as Kind[], edges = false } = {}): BadValue[] {
  const cursors = slot.name === 'after' && scalarNamed(slot, 'String') ? cursorValues() : [];
  const candidates = badValuesFor(slot).filter((value) => kinds.includes(value.kind));
  const always = edges ? candidates.filter((value) => value.edge) : [];
  return [
    ...cursors,
    ...always,
    ...sample(
      candidates.filter((value) => !always.includes(value)),
      count,
    ),
  ];
}

function setAt(target: Record<string, unknown>, path: Path, value: unknown): void {
  let node: any = target;
  for (const key of path.slice(0, -1)) node = node[key] ??= {};
  const last = path[path.length - 1];
  if (value === ABSENT) Reflect.deleteProperty(node, last);
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Makes a case unacceptable whatever its fuzzed value: another id of the call names nothing
 * (NOT_FOUND), or else another string is one no field accepts. Null when the call has no other
 * slot to poison.
 */
function poison(args: Record<string, unknown>, target: Slot, slots: Slot[]): string | null {
  const free = slots.filter((slot) => !related(slot.path, target.path));
  const id = free.find((slot) => scalarNamed(slot, 'ID'));
  if (id) {
    setAt(args, id.path, aUuid());
    return `${id.path.join('.')} names nothing`;
  }
  const text = free.find((slot) => scalarNamed(slot, 'String'));
  if (text) {
    const useNul = random() < 0.5;
    setAt(args, text.path, useNul ? 'poison\u0000' : 'p'.repeat(10_001));
    return `${text.path.join('.')} is ${useNul ? 'NUL' : '10,001 characters'}`;
  }
  return null;
}

/** A selection `depth` levels deep from the type, through object fields (the schema's cycles make one), if there is one. */
function deepSelection(type: GraphQLObjectType, depth: number): string | null {
  const walk = (current: GraphQLObjectType, left: number): string | null => {
    if (left === 0) return '__typename';
    for (const field of Object.values(current.getFields()).sort((a, b) => a.name.localeCompare(b.name))) {
      const named = getNamedType(field.type);
      if (!isObjectType(named) || field.args.some((arg) => isNonNullType(arg.type))) continue;
      const inner = walk(named, left - 1);
      if (inner) return `${field.name} { ${inner} }`;
    }
    return null;
  };
  return walk(type, depth);
}

function selectionOf(field: GraphQLField<unknown, unknown>): string {
  return isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
}

interface OperationShape {
  selection?: string;
  aliases?: number;
  /** Arguments written before the variables, e.g. `bogus: 1`. */
  extraArgs?: string;
  /** Declares every variable with this type instead of the argument's. */
  variableType?: string;
}

/** `mutation Fuzz($a: T!, …) { field(a: $a, …) { __typename } }`: every argument passed as a variable. */
function operationOf(kind: 'mutation' | 'query', field: GraphQLField<unknown, unknown>, shape: OperationShape = {}): string {
  const definitions = field.args.map((arg) => `$${arg.name}: ${shape.variableType ?? String(arg.type)}`).join(', ');
  const args = [shape.extraArgs, ...field.args.map((arg) => `${arg.name}: $${arg.name}`)].filter(Boolean).join(', ');
  const call = `${field.name}${args ? `(${args})` : ''}${shape.selection ?? selectionOf(field)}`;
  const aliases = shape.aliases ?? 1;
  const calls = aliases === 1 ? call : Array.from({ length: aliases }, (_, i) => `a${i}: ${call}`).join(' ');
  return `${kind} Fuzz${definitions ? `(${definitions})` : ''} { ${calls} }`;
}

// ------------------------------------------------------------------ cases, responses, verdicts

interface FuzzCase {
  name: string;
  /** The root field whose result must be null when `refused`. */
  field?: string;
  body: string | Buffer;
  anonymous?: boolean;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  url?: string;
  expect: {
    /** The call must not succeed (a mutation carrying bad input). */
    refused?: boolean;
    /** Every error's code must be one of these (by default, any of the contract's codes but INTERNAL_SERVER_ERROR). */
    codes?: string[];
    status?: number;
    message?: RegExp;
  };
}

interface Reply {
  status: number;
  text: string;
}

function verdict(fuzz: FuzzCase, reply: Reply): string[] {
  const problems: string[] = [];
  if (reply.status >= 500 || (fuzz.expect.status !== undefined && reply.status !== fuzz.expect.status)) {
    problems.push(`answered HTTP ${reply.status}`);
  }
  let body: any;
  try {
    body = JSON.parse(reply.text);
  } catch {
    return [...problems, `answered something that is not JSON: ${reply.text.slice(0, 120)}`];
  }
  const errors: any[] = Array.isArray(body?.errors) ? body.errors : [];
  for (const error of errors) {
    const code = error?.extensions?.code;
    if (!(fuzz.expect.codes ?? ALLOWED_CODES).includes(code)) problems.push(`answered ${code}: ${String(error?.message).slice(0, 160)}`);
    const leak =
      (INTERNALS.exec(String(error?.message)) ?? SQL.exec(String(error?.message)))?.[0] ??
      Object.keys(error?.extensions ?? {}).find((key) => /stack|exception/i.test(key));
    if (leak) problems.push(`shows internals (${leak}): ${JSON.stringify(error).slice(0, 200)}`);
  }
  if (fuzz.expect.refused && (errors.length === 0 || (fuzz.field && body?.data?.[fuzz.field] != null))) {
    problems.push(`was accepted: ${reply.text.slice(0, 160)}`);
  }
  if (fuzz.expect.message && !errors.some((error) => fuzz.expect.message!.test(String(error?.message)))) {
    problems.push(`did not say ${fuzz.expect.message}: ${reply.text.slice(0, 200)}`);
  }
  return problems.map((problem) => `${fuzz.name} ${problem}`);
}

async function inBatches<T, R>(items: T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]);
    }
  };
  await Promise.all(Array.from({ length: size }, worker));
  return results;
}

function argumentCases(kind: 'mutation' | 'query', field: GraphQLField<unknown, unknown>): FuzzCase[] {
  const slots = slotsOf(field);
  const query = operationOf(kind, field);
  const cases: FuzzCase[] = [];
  for (const slot of slots) {
    for (const value of valuesToTry(slot, VALUES_PER_SLOT)) {
      const args = Object.fromEntries(field.args.map((arg) => [arg.name, plausible(arg.type)]));
      setAt(args, slot.path, value.value);
      const poisoned = kind === 'mutation' ? poison(args, slot, slots) : null;
      const targetIsId = scalarNamed(slot, 'ID');
      // Without a poison, a value that some field may accept could make the mutation succeed, and write.
      if (kind === 'mutation' && value.kind === 'odd' && !poisoned && !targetIsId) continue;
      const anonymous = random() < ANONYMOUS_SHARE && !value.signedIn;
      const certain = value.kind === 'malformed' || (value.kind === 'invalid' && !anonymous);
      cases.push({
        name: `${field.name}(${slot.path.join('.')}: ${value.label}${poisoned ? `; ${poisoned}` : ''})${anonymous ? ' as anonymous' : ''}`,
        field: field.name,
        body: toJson({ query, variables: args }),
        anonymous,
        expect: {
          refused: kind === 'mutation',
          codes: certain ? ['BAD_USER_INPUT'] : anonymous && value.kind === 'invalid' ? ['UNAUTHENTICATED', 'BAD_USER_INPUT'] : undefined,
        },
      });
    }
  }
  return cases;
}

function inlineWrongLiterals(field: GraphQLField<unknown, unknown>): string {
  return field.args.length ? `(${field.args.map((arg) => `${arg.name}: {wrong: [true, 1.5, "x"]}`).join(', ')})` : '';
}

/** Abuse of the operation itself rather than of its arguments: every one must be refused before anything runs. */
function operationCases(kind: 'mutation' | 'query', field: GraphQLField<unknown, unknown>): FuzzCase[] {
  const slots = slotsOf(field);
  const args = Object.fromEntries(field.args.map((arg) => [arg.name, plausible(arg.type)]));
  if (kind === 'mutation' && slots.length > 0) poison(args, { path: ['\u0000none'], name: '', type: slots[0].type }, slots);
  const refused = { refused: true, codes: ['BAD_USER_INPUT'] };
  const cases: FuzzCase[] = [
    {
      name: `${field.name} under an alias flood`,
      field: 'a0',
      body: toJson({ query: operationOf(kind, field, { aliases: 40 }), variables: args }),
      expect: { ...refused, message: /alias/i },
    },
    {
      name: `${field.name} with an unknown argument`,
      field: field.name,
      body: toJson({ query: operationOf(kind, field, { extraArgs: 'bogus: 1' }), variables: args }),
      expect: refused,
    },
    {
      name: `${field.name} with its variables declared as Boolean`,
      field: field.name,
      body: toJson({ query: operationOf(kind, field, { variableType: 'Boolean' }), variables: args }),
      expect: field.args.length ? refused : {},
    },
    {
      name: `${field.name} with its arguments written inline as the wrong kind of literal`,
      field: field.name,
      body: toJson({ query: `${kind} { ${field.name}${inlineWrongLiterals(field)}${selectionOf(field)} }` }),
      expect: field.args.length ? refused : {},
    },
  ];
  const named = getNamedType(field.type);
  if (isObjectType(named)) {
    cases.push({
      name: `${field.name} selecting a field that does not exist`,
      field: field.name,
      body: toJson({ query: operationOf(kind, field, { selection: ' { __typename notAField }' }), variables: args }),
      expect: refused,
    });
    const deep = deepSelection(named, 14);
    if (deep) {
      cases.push({
        name: `${field.name} selected 15 levels deep`,
        field: field.name,
        body: toJson({ query: operationOf(kind, field, { selection: ` { ${deep} }` }), variables: args }),
        expect: { ...refused, message: /depth/i },
      });
    }
  }
  if (field.args.some((arg) => isNonNullType(arg.type))) {
    cases.push({
      name: `${field.name} without its required arguments`,
      field: field.name,
      body: toJson({ query: `${kind} { ${field.name}${selectionOf(field)} }` }),
      expect: refused,
    });
  }
  return cases;
}

const REGISTER = 'mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }';
const jwtPart = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Whole requests gone wrong: bodies, content types, methods, tokens, limits, batching, introspection. */
function requestCases(): FuzzCase[] {
  const post = (name: string, body: string | Buffer, expect: FuzzCase['expect'], headers?: Record<string, string>): FuzzCase => ({
    name,
    body,
    headers,
    expect,
  });
  const badRequest = { codes: ['BAD_USER_INPUT'] };
  const registration = () => ({ query: REGISTER, variables: { input: aRegistration() } });
  const me = '{ me { id } }';
  return [
    post('an empty body', '', { status: 400, ...badRequest }),
    post('broken JSON', '{"query": "mutation {', { status: 400, ...badRequest }),
    post('JSON null', 'null', { status: 400, ...badRequest }),
    post('a JSON number', '42', { status: 400, ...badRequest }),
    post('a JSON string', '"{ me { id } }"', { status: 400, ...badRequest }),
    post('an empty JSON object', '{}', { status: 400, ...badRequest }),
    post('an empty batch', '[]', { status: 400, ...badRequest }),
    post('a batch of two valid registrations', toJson([registration(), registration()]), { status: 400, ...badRequest }),
    post('a batch of 500 queries', toJson(Array.from({ length: 500 }, () => ({ query: me }))), { status: 400, ...badRequest }),
    post('a query that is a number', '{"query": 42}', { status: 400, ...badRequest }),
    post('a query that is a list', '{"query": ["{ me { id } }"]}', { status: 400, ...badRequest }),
    post('a query that is null', '{"query": null}', { status: 400, ...badRequest }),
    post('variables as a JSON string', toJson({ query: REGISTER, variables: JSON.stringify({ input: aRegistration() }) }), badRequest),
    post('variables as a list', toJson({ query: REGISTER, variables: [aRegistration()] }), badRequest),
    post('an operationName naming nothing', toJson({ query: me, operationName: 'Nope' }), badRequest),
    post('an operationName that is a number', toJson({ query: me, operationName: 42 }), badRequest),
    post('two operations without an operationName', toJson({ query: 'query A { me { id } } query B { me { id } }' }), badRequest),
    post('a subscription over HTTP (they are served over graphql-ws)', toJson({ query: 'subscription { missionUpdated { id } }' }), {
      refused: true,
      ...badRequest,
    }),
    post('a subscription to __typename', toJson({ query: 'subscription { __typename }' }), { refused: true, ...badRequest }),
    post('an unknown mutation', toJson({ query: 'mutation { dropEverything }' }), { refused: true, ...badRequest }),
    post('a fragment cycle', toJson({ query: 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }' }), badRequest),
    post('an unknown persisted query', toJson({ extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } }), badRequest),
    post(
      'a persisted query hash that does not match its query',
      toJson({ query: me, extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } }),
      badRequest,
    ),
    post('extensions that are a string', toJson({ query: '{ __typename }', extensions: 'x' }), {}),
    post('a byte-order mark before the JSON', `\ufeff${toJson({ query: '{ __typename }' })}`, {}),
    post(
      'bytes that are not UTF-8',
      Buffer.concat([Buffer.from('{"query": "{ __typename }", "variables": {"x": "'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}}')]),
      {},
    ),
    post(
      'JSON nested 45,000 deep in the variables',
      `{"query": "{ __typename }", "variables": {"x": ${deepJson(45_000, '[', ']').text}}}`,
      {},
    ),
    post(
      'JSON nested 20,000 deep in the extensions',
      `{"query": "{ __typename }", "extensions": ${deepJson(20_000, '{"a":', '}').text}}`,
      {},
    ),
    post('a duplicated query key', `{"query": "mutation { dropEverything }", "query": "{ __typename }"}`, {}),
    post(
      'a valid registration with a 110 kB display name (over the body limit)',
      toJson({ query: REGISTER, variables: { input: aRegistration({ displayName: 'n'.repeat(110_000) }) } }),
      { status: 413, ...badRequest },
    ),
    post('a 120 kB query (over the body limit)', toJson({ query: `{ ${'__typename '.repeat(11_000)}}` }), { status: 413, ...badRequest }),
    post('a query of 3,000 tokens', toJson({ query: `{ me { ${'id '.repeat(3000)}} }` }), { ...badRequest, message: /token/i }),
    post('a field with 30 directives', toJson({ query: `{ me ${'@include(if: true) '.repeat(30)}{ id } }` }), badRequest),
    post(
      '1,000 declared variables',
      toJson({ query: `query (${Array.from({ length: 1000 }, (_, i) => `$v${i}: Int`).join(', ')}) { __typename }` }),
      badRequest,
    ),
    post(
      'a valid registration under 40 aliases',
      toJson({
        query: `mutation ($input: RegisterInput!) { ${Array.from({ length: 40 }, (_, i) => `r${i}: register(input: $input) { accessToken }`).join(' ')} }`,
        variables: { input: aRegistration() },
      }),
      { ...badRequest, message: /alias/i },
    ),
    post(
      'a valid registration selected 15 levels deep',
      toJson({
        query: `mutation ($input: RegisterInput!) { register(input: $input) { ${deepSelection(schema.getType('AuthPayload') as GraphQLObjectType, 14)} } }`,
        variables: { input: aRegistration() },
      }),
      { ...badRequest, message: /depth/i },
    ),
    post('a text/plain body (a simple cross-site request)', toJson(registration()), { status: 400 }, { 'Content-Type': 'text/plain' }),
    post(
      'a form-encoded body',
      `query=${encodeURIComponent(REGISTER)}`,
      { status: 400 },
      { 'Content-Type': 'application/x-www-form-urlencoded' },
    ),
    post(
      'a multipart body without the preflight header',
      '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}\r\n--x--',
      { status: 400 },
      { 'Content-Type': 'multipart/form-data; boundary=x' },
    ),
    post('JSON in an unsupported charset', toJson(registration()), {}, { 'Content-Type': 'application/json; charset=utf-7' }),
    post('JSON declared gzip but not compressed', toJson(registration()), {}, { 'Content-Encoding': 'gzip' }),
    post(
      'a bearer token that is not a JWT',
      toJson({ query: me }),
      { codes: ['UNAUTHENTICATED'] },
      { Authorization: 'Bearer not-a-token' },
    ),
    post(
      'an unsigned JWT (alg none)',
      toJson({ query: me }),
      { codes: ['UNAUTHENTICATED'] },
      { Authorization: `Bearer ${jwtPart({ alg: 'none', typ: 'JWT' })}.${jwtPart({ sub: aUuid(), roles: ['ADMIN'] })}.` },
    ),
    post(
      'a JWT signed with another secret',
      toJson({ query: me }),
      { codes: ['UNAUTHENTICATED'] },
      {
        Authorization: `Bearer ${jwtPart({ alg: 'HS256', typ: 'JWT' })}.${jwtPart({ sub: aUuid(), exp: 4_000_000_000 })}.${'A'.repeat(43)}`,
      },
    ),
    post(
      'a JWT whose subject is not a string',
      toJson({ query: me }),
      { codes: ['UNAUTHENTICATED'] },
      { Authorization: `Bearer ${jwtPart({ alg: 'HS256' })}.${jwtPart({ sub: { $ne: null } })}.x` },
    ),
    post(
      'a Basic authorization header on a public mutation',
      toJson(registration()),
      { refused: true, codes: ['UNAUTHENTICATED'] },
      { Authorization: 'Basic YWRtaW46YWRtaW4=' },
    ),
    post('an 8 kB bearer token', toJson({ query: me }), { codes: ['UNAUTHENTICATED'] }, { Authorization: `Bearer ${'a'.repeat(8192)}` }),
    post(
      'introspection of the schema',
      toJson({ query: '{ __schema { queryType { name } mutationType { fields { name args { name } } } } }' }),
      {},
    ),
    post(
      'introspection of a type, four wrappers deep',
      toJson({ query: '{ __type(name: "Mission") { fields { name type { kind ofType { kind ofType { kind ofType { name } } } } } } }' }),
      {},
    ),
    post('introspection of a type named by a NUL', toJson({ query: '{ __type(name: "\\u0000") { name } }' }), {}),
    post(
      'introspection of a type named by 10,000 characters',
      toJson({ query: 'query ($n: String!) { __type(name: $n) { name } }', variables: { n: 't'.repeat(10_000) } }),
      {},
    ),
    post(
      'introspection nested through fields and types',
      toJson({ query: '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }' }),
      {},
    ),
    post('__typename of the mutation type', toJson({ query: 'mutation { __typename }' }), {}),
    post('a skipped __typename', toJson({ query: '{ __typename @skip(if: true) }' }), {}),
    post(
      'an introspection-shaped alias flood',
      toJson({ query: `{ ${Array.from({ length: 40 }, (_, i) => `t${i}: __typename`).join(' ')} }` }),
      badRequest,
    ),
    {
      name: 'a mutation over GET, with the preflight header',
      method: 'GET',
      url: `/graphql?query=${encodeURIComponent('mutation { logout(refreshToken: "x") }')}`,
      headers: { 'apollo-require-preflight': 'true' },
      body: '',
      expect: { status: 405, ...badRequest },
    },
    {
      name: 'a registration over GET, without the preflight header',
      method: 'GET',
      url: `/graphql?query=${encodeURIComponent(REGISTER)}&variables=${encodeURIComponent(JSON.stringify({ input: aRegistration() }))}`,
      body: '',
      expect: { status: 400 },
    },
    {
      name: 'a GET query with variables that are not JSON',
      method: 'GET',
      url: `/graphql?query=${encodeURIComponent('{ __typename }')}&variables=%7B%7B`,
      headers: { 'apollo-require-preflight': 'true' },
      body: '',
      expect: { status: 400, ...badRequest },
    },
  ];
}

// ------------------------------------------------------------------ the run

describe('fuzzing every operation of the schema', () => {
  let app: TestApp;
  let power: SignedInUser;

  const send = async (fuzz: FuzzCase): Promise<Reply> => {
    const call =
      fuzz.method === 'GET'
        ? request(app.http).get(fuzz.url ?? '/graphql')
        : request(app.http)
            .post(fuzz.url ?? '/graphql')
            .set('Content-Type', 'application/json');
    if (!fuzz.anonymous && !fuzz.headers?.Authorization) call.set('Authorization', `Bearer ${power.accessToken}`);
    for (const [header, value] of Object.entries(fuzz.headers ?? {})) call.set(header, value);
    const response = fuzz.method === 'GET' ? await call : await call.send(fuzz.body);
    return { status: response.status, text: response.text };
  };

  const run = async (cases: FuzzCase[]): Promise<string[]> =>
    (await inBatches(cases, IN_FLIGHT, async (fuzz) => verdict(fuzz, await send(fuzz)))).flat();

  let countEveryTable: string;
  /** Row counts of every table of the public schema but rate-limit counters (a refused attempt is still an attempt). */
  const rowCounts = async (): Promise<Record<string, number>> => {
    const rows: { name: string; n: number }[] = await app.dataSource.query(countEveryTable);
    return Object.fromEntries(rows.map(({ name, n }) => [name, n]));
  };

  const mutations = Object.values(schema.getMutationType()!.getFields());
  const queries = Object.values(schema.getQueryType()!.getFields());

  beforeAll(async () => {
    app = await TestApp.start();
    // As much power as one user can have, so that authorization never hides validation: an
    // admin (hence moderator) who is also a provider with an approved identity.
    power = await aProvider(app);
    await app.app.get(AccountsService).grantRole(power.id, Role.ADMIN);
    // requestDataExport takes no argument, so its well-formed calls run: with a copy already being built, they are refused and write nothing.
    await app.graphql(`mutation { requestDataExport { id } }`, {}, power.accessToken);
    const tables: { table_name: string }[] = await app.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'rate_limit_counters' ORDER BY table_name`,
    );
    countEveryTable = tables
      .map(({ table_name: name }) => `SELECT '${name}' AS name, count(*)::int AS n FROM "${name}"`)
      .join(' UNION ALL ');
  });

  afterAll(async () => {
    await app.close();
  });

  it('finds the operations to fuzz in the committed schema', () => {
    expect(mutations.map((m) => m.name)).toEqual(expect.arrayContaining(['register', 'placeBid', 'acceptBid', 'grantRole']));
    expect(queries.map((q) => q.name)).toEqual(expect.arrayContaining(['me', 'missions']));
  });

  it('refuses malformed arguments to every mutation with the contract codes, without internals, and writes nothing', async () => {
    const before = await rowCounts();
    const cases = mutations.flatMap((mutation) => [...argumentCases('mutation', mutation), ...operationCases('mutation', mutation)]);
    expect(cases.length).toBeGreaterThan(500);
    for (const mutation of mutations) expect(cases.some((fuzz) => fuzz.field === mutation.name)).toBe(true);

    const problems = await run(cases);

    expect(problems).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  });

  it('answers malformed arguments to every query with the contract codes and without internals', async () => {
    const before = await rowCounts();
    const cases = queries.flatMap((query) => [...argumentCases('query', query), ...operationCases('query', query)]);
    expect(cases.length).toBeGreaterThan(100);

    expect(await run(cases)).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  });

  it('answers malformed requests (bodies, limits, batching, tokens, introspection) with a 4xx or the contract codes, and writes nothing', async () => {
    const before = await rowCounts();

    expect(await run(requestCases())).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  });

  describe('one bad value in an otherwise valid call, so that it reaches the services and the database', () => {
    interface Baseline {
      kind: 'mutation' | 'query';
      args: () => Record<string, unknown>;
      /** Undoes a call that succeeded, so that the next one is not refused for another reason. */
      undo?: (data: any) => Promise<void>;
    }
    let baselines: Record<string, Baseline>;

    beforeAll(async () => {
      const client = await aSignedInUser(app);
      const stranger = await aSignedInUser(app);
      const othersMission = await aMission(app, client);
      const ownMission = await aMission(app, power);
      const liveBid = await aBid(app, power, await aMission(app, client));
      baselines = {
        register: { kind: 'mutation', args: () => ({ input: aRegistration() }) },
        postMission: { kind: 'mutation', args: () => ({ input: aMissionInput() }) },
        updateMission: { kind: 'mutation', args: () => ({ id: ownMission, input: { title: 'Monter une armoire PAX' } }) },
        upsertProviderProfile: { kind: 'mutation', args: () => ({ input: aProviderProfileInput() }) },
        updateProfile: { kind: 'mutation', args: () => ({ input: { displayName: 'Camille Martin', phone: '+33 6 12 34 56 78' } }) },
        placeBid: {
          kind: 'mutation',
          args: () => ({ input: aBidInput(othersMission) }),
          undo: async (data) => {
            await app.graphql(`mutation ($id: ID!) { withdrawBid(id: $id) { id } }`, { id: data.placeBid.id }, power.accessToken);
          },
        },
        updateBid: {
          kind: 'mutation',
          args: () => ({ id: liveBid, input: { amountCents: 9000, message: 'Je peux venir dès lundi matin.', estimatedHours: 2 } }),
        },
        cancelMission: { kind: 'mutation', args: () => ({ id: aUuid(), reason: 'Plus besoin, merci.' }) },
        rateMission: { kind: 'mutation', args: () => ({ input: { missionId: ownMission, score: 4, comment: 'Très bien.' } }) },
        report: {
          kind: 'mutation',
          args: () => ({ target: 'USER', targetId: stranger.id, reason: 'Demande un paiement hors plateforme.' }),
        },
        submitIdentityVerification: { kind: 'mutation', args: () => ({ input: aSubmission([aUuid()]) }) },
        sendMessage: { kind: 'mutation', args: () => ({ missionId: othersMission, text: 'Bonjour, le meuble est-il déjà livré ?' }) },
        startPayoutOnboarding: {
          kind: 'mutation',
          args: () => ({ returnUrl: 'https://app.example.com/done', refreshUrl: 'https://app.example.com/retry' }),
        },
        missions: {
          kind: 'query',
          args: () => ({
            filter: { status: 'OPEN', category: 'HANDYMAN', text: 'armoire', near: { latitude: 48.86, longitude: 2.37 }, radiusKm: 10 },
            first: 20,
          }),
        },
      };
    });

    it('answers each with the contract codes and without internals, and a refused call writes nothing', async () => {
      const problems: string[] = [];
      let cases = 0;
      for (const [name, baseline] of Object.entries(baselines)) {
        const field = (baseline.kind === 'mutation' ? schema.getMutationType() : schema.getQueryType())!.getFields()[name];
        const query = operationOf(baseline.kind, field);
        const leaves = slotsOf(field).filter((slot) => !isInputObjectType(getNamedType(slot.type)));
        for (const slot of leaves) {
          const values = valuesToTry(slot, 3, { kinds: ['invalid', 'odd'], edges: true });
          for (const value of values) {
            const args = baseline.args();
            setAt(args, slot.path, value.value);
            const fuzz: FuzzCase = {
              name: `${name}(${slot.path.join('.')}: ${value.label})`,
              field: name,
              body: toJson({ query, variables: args }),
              expect: { codes: value.kind === 'invalid' ? ['BAD_USER_INPUT'] : undefined },
            };
            const before = JSON.stringify(await rowCounts());
            const reply = await send(fuzz);
            cases++;
            problems.push(...verdict(fuzz, reply));
            const body = JSON.parse(reply.text);
            if (body.errors?.length) {
              if (JSON.stringify(await rowCounts()) !== before) problems.push(`${fuzz.name} was refused but wrote rows`);
            } else if (baseline.undo) {
              await baseline.undo(body.data);
            }
          }
        }
      }
      expect(cases).toBeGreaterThan(150);
      expect(problems).toEqual([]);
    });
  });
});
