/**
 * Stripe's list endpoints: newest first, `limit` (1–100, default 10), one of `starting_after` or
 * `ending_before` (the id of any object of the type, filtered out or not), timestamp bounds
 * (`created[gte]=…`) and the filters Stripe documents for each type. With `Stripe-Account` they list
 * what lives on that connected account: its payouts and its events (the emulator keeps no other
 * object there, so the other lists are empty), as Stripe lists them.
 */
import { RequestParams, TimestampRange } from './request-params';
import { StripeApiError } from './stripe-errors';
import { ListObject, RequestOrigin, StoredObject } from './stripe-object-types';
import { EmulatedObjectType, StripeStore } from './stripe-store';

export interface ListRequest {
  params: RequestParams;
  origin: RequestOrigin;
}

export interface ListSpec {
  type: EmulatedObjectType;
  /** Parameters selecting the objects whose field of the same name equals them (`transfer_group`…). */
  equal: string[];
  /** Parameters bounding the Unix timestamp in the field of the same name (`created`…). */
  ranges: string[];
  /** Any other filter the type has, read from the request. */
  filter?: (params: RequestParams) => (object: StoredObject) => boolean;
}

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

export function listObjects(store: StripeStore, spec: ListSpec, url: string, { params, origin }: ListRequest): ListObject<StoredObject> {
  const limit = params.optionalAmount('limit') ?? DEFAULT_LIMIT;
  if (limit > MAX_LIMIT) {
    throw StripeApiError.invalidParam('limit', `This value must be less than or equal to ${MAX_LIMIT}.`, 'parameter_invalid_integer');
  }
  const newestFirst = store.listOn(spec.type, connectedAccount(store, origin.stripeAccount)).reverse();
  const { objects, fromEnd } = beyondCursor(newestFirst, spec.type, params);
  const matches = objectFilter(spec, params);
  const selected = objects.filter(matches);
  const data = fromEnd ? selected.slice(Math.max(0, selected.length - limit)) : selected.slice(0, limit);
  return { object: 'list', data, has_more: selected.length > limit, url };
}

/** The account `Stripe-Account` names, which must be one of the platform's connected accounts; null: the platform. */
function connectedAccount(store: StripeStore, accountId: string | null): string | null {
  if (accountId && !store.find('account', accountId)) {
    throw new StripeApiError(
      403,
      'invalid_request_error',
      `The provided key does not have access to account '${accountId}' (or that account does not exist). Application access may have been revoked.`,
      { code: 'account_invalid' },
    );
  }
  return accountId;
}

/** The objects after `starting_after`, or before `ending_before` (then the page is the end nearest the cursor). */
function beyondCursor(
  newestFirst: StoredObject[],
  type: EmulatedObjectType,
  params: RequestParams,
): { objects: StoredObject[]; fromEnd: boolean } {
  const startingAfter = params.optionalString('starting_after');
  const endingBefore = params.optionalString('ending_before');
  if (startingAfter && endingBefore) {
    throw StripeApiError.invalidRequest('You may only specify one of these parameters: starting_after, ending_before.');
  }
  const cursor = startingAfter ?? endingBefore;
  if (!cursor) return { objects: newestFirst, fromEnd: false };
  const index = newestFirst.findIndex((object) => object.id === cursor);
  if (index < 0) throw StripeApiError.noSuch(type, cursor, startingAfter ? 'starting_after' : 'ending_before');
  return startingAfter
    ? { objects: newestFirst.slice(index + 1), fromEnd: false }
    : { objects: newestFirst.slice(0, index), fromEnd: true };
}

function objectFilter(spec: ListSpec, params: RequestParams): (object: StoredObject) => boolean {
  const equal = spec.equal.flatMap((name) => {
    const value = params.optionalString(name);
    return value === null ? [] : [(object: StoredObject) => object[name] === value];
  });
  const ranges = spec.ranges.flatMap((name) => {
    const range = params.timestampRange(name);
    return range === null ? [] : [(object: StoredObject) => within(range, object[name] as number)];
  });
  const filters = [...equal, ...ranges, ...(spec.filter ? [spec.filter(params)] : [])];
  return (object) => filters.every((matches) => matches(object));
}

function within(range: TimestampRange, time: number): boolean {
  return (
    (range.gt === undefined || time > range.gt) &&
    (range.gte === undefined || time >= range.gte) &&
    (range.lt === undefined || time < range.lt) &&
    (range.lte === undefined || time <= range.lte)
  );
}

/** `type=payout.paid` or `type=payout.*`, or `types[]=…` for several. */
export function eventTypeFilter(params: RequestParams): (event: StoredObject) => boolean {
  const type = params.optionalString('type');
  const types = params.stringList('types');
  if (type && types) throw StripeApiError.invalidRequest('You may only specify one of these parameters: type, types.');
  if (types) return (event) => types.includes(event.type as string);
  if (!type) return () => true;
  return type.endsWith('.*') ? (event) => (event.type as string).startsWith(type.slice(0, -1)) : (event) => event.type === type;
}
